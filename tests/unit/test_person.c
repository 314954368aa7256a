#include "acct/person.h"

#include <string.h>

#include "acct/error.h"
#include "harness.h"
#include "acct/banned.h"

static const char *const anna = "Anna Petrova <anna@agency.example>";
static const char *const boris = "Борис Иванов <boris@agency.example>";

static void test_person__any_part(void)
{
	CHECK(acct_person_matches(anna, "anna", 0));
	CHECK(acct_person_matches(anna, "PETROVA", 0));
	CHECK(acct_person_matches(anna, "agency.example", 0));
	CHECK(acct_person_matches(anna, " anna@agency.example ", 0));
	CHECK(acct_person_matches(anna, anna, 0));
	CHECK(acct_person_matches(boris, "борис", 0));
	CHECK(acct_person_matches(boris, "ИВАН", 0));
	CHECK(acct_person_matches(boris, "Boris", 0));
	CHECK(!acct_person_matches(anna, "boris", 0));
	CHECK(!acct_person_matches(boris, "бориска", 0));
	/* Owners of action items are one word. */
	CHECK(acct_person_matches("anna", "ANN", 0));
	CHECK(!acct_person_matches("anna", "anna.p", 0));
}

static void test_person__whole(void)
{
	CHECK(acct_person_matches(anna, "anna@agency.example", ACCT_PERSON_WHOLE));
	CHECK(acct_person_matches(anna, "ANNA@Agency.Example", ACCT_PERSON_WHOLE));
	CHECK(acct_person_matches(anna, "Anna Petrova", ACCT_PERSON_WHOLE));
	CHECK(acct_person_matches(anna, " anna petrova ", ACCT_PERSON_WHOLE));
	CHECK(acct_person_matches(anna, anna, ACCT_PERSON_WHOLE));
	CHECK(acct_person_matches(boris, "БОРИС ИВАНОВ", ACCT_PERSON_WHOLE));
	CHECK(!acct_person_matches(anna, "anna", ACCT_PERSON_WHOLE));
	CHECK(!acct_person_matches(anna, "agency.example", ACCT_PERSON_WHOLE));
	CHECK(acct_person_matches("bob@x.example", "bob@x.example",
				  ACCT_PERSON_WHOLE));
	CHECK(!acct_person_matches("bob@x.example", "bob", ACCT_PERSON_WHOLE));
}

static void test_person__nothing(void)
{
	CHECK(!acct_person_matches(anna, "", 0));
	CHECK(!acct_person_matches(anna, "  ", 0));
	CHECK(!acct_person_matches(anna, "", ACCT_PERSON_WHOLE));
	CHECK(!acct_person_matches(NULL, "x", 0));
	CHECK(!acct_person_matches(anna, NULL, 0));
	CHECK(!acct_person_matches("", "x", 0));
	/* Bytes that are not UTF-8 compare as they are. */
	CHECK(acct_person_matches("a\xff" "b", "\xff", 0));
}

static void test_person__check(void)
{
	const char *const managers[] = {
		boris, NULL, anna, "ANNA PETROVA <ANNA@AGENCY.EXAMPLE>", anna,
	};
	struct acct_error err = ACCT_ERROR_INIT;

	CHECK_INT(acct_manager_check(managers, 5, "борис", &err), 0);
	CHECK_INT(acct_manager_check(managers, 5, "petrova", &err), 0);
	CHECK_INT(acct_manager_check(managers, 5, "zz", &err), ACCT_EUSAGE);
	CHECK_STR(err.msg, "no client has a manager matching 'zz'");
	/* Each manager once, sorted. */
	CHECK_STR(err.hint, "the managers are: Anna Petrova "
		  "<anna@agency.example>, Борис Иванов <boris@agency.example>");
	acct_error_clear(&err);
	CHECK_INT(acct_manager_check(managers, 0, "x", &err), ACCT_EUSAGE);
	CHECK_STR(err.hint, "no card names a manager; set one with "
		  "'acct client set <client> manager <name>'");
}

int main(void)
{
	test_person__any_part();
	test_person__whole();
	test_person__nothing();
	test_person__check();
	return test_report("person");
}
