/*
 * Days of the year that come back every year ("MM-DD", "YYYY-MM-DD"):
 * a contact's birthday, read by the card and the client's checks, and
 * placed in a given year for the agenda (lib/occasion.c).
 */
#include "acct/date.h"

#include <stdlib.h>
#include <string.h>

#include "acct/error.h"
#include "acct/banned.h"

static const char *const month_names[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

/* `n` digits of `s` as a number, or -1. */
static int digits(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int acct_yearly_parse(struct acct_yearly *out, const char *s,
		      struct acct_error *err)
{
	const char *md = s;
	int year = 0, month, day, most;

	if (!s)
		s = md = "";
	if (strlen(s) == 10 && s[4] == '-') {
		year = digits(s, 4);
		md = s + 5;
	} else if (strlen(s) != 5) {
		year = -1;
	}
	if (year < 0 || md[2] != '-' || (month = digits(md, 2)) < 0 ||
	    (day = digits(md + 3, 2)) < 0)
		return acct_error_set(err, ACCT_EUSAGE, "'%s' is not a birthday; "
				      "use MM-DD or YYYY-MM-DD, such as 05-17",
				      s);
	if (year && (year < 1900 || year > 9999))
		return acct_error_set(err, ACCT_EUSAGE, "'%s' is out of range; "
				      "years 1900 to 9999", s);
	if (month < 1 || month > 12)
		return acct_error_set(err, ACCT_EUSAGE, "%s is not a day (there "
				      "is no month %d)", s, month);
	/* Without a year, 29 February is a day: it comes every fourth. */
	most = acct_days_in_month(year ? year : 2000, month);
	if (day < 1 || day > most) {
		if (day < 1)
			return acct_error_set(err, ACCT_EUSAGE, "%s is not a day "
					      "(there is no day 0)", s);
		if (year)
			return acct_error_set(err, ACCT_EUSAGE, "%s is not a day "
					      "(%s %d has %d days)", s,
					      month_names[month - 1], year, most);
		return acct_error_set(err, ACCT_EUSAGE, "%s is not a day (%s has "
				      "%d days%s)", s, month_names[month - 1], most,
				      month == 2 ? " at most" : "");
	}
	out->year = year;
	out->month = month;
	out->day = day;
	return 0;
}

void acct_yearly_in(struct acct_date *out, const struct acct_yearly *y,
		    int year)
{
	int most = acct_days_in_month(year, y->month);

	out->year = year;
	out->month = y->month;
	out->day = y->day <= most ? y->day : most;
}
