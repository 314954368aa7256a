#ifndef ACCT_TZ_H
#define ACCT_TZ_H

#include <stdint.h>

struct acct_error;

/*
 * Named IANA time zones ("Asia/Almaty"), read from the system's TZif files
 * (RFC 8536, RFC 9636) without touching the process's own zone: no TZ,
 * no tzset(), no localtime(). A client's card names its zone so that
 * `acct agenda` can show the client's local time.
 */

/* Room for an abbreviation such as "CEST" or "+0545" and its NUL. */
#define ACCT_TZ_ABBRLEN 16
/* The longest zone name accepted, in bytes. */
#define ACCT_TZ_NAMEMAX 255
/* Where the zones are read from when the caller passes no directory. */
#define ACCT_TZ_DIR "/usr/share/zoneinfo"

/* A zone read into memory; opaque. */
struct acct_tz;

/**
 * 1 if `name` has the shape of a zone name ("UTC", "Europe/Moscow",
 * "America/Argentina/Buenos_Aires", "Etc/GMT+3"), 0 if not: ASCII letters,
 * digits, '_', '-', '+' and '/' only; no leading '/', no empty component,
 * no "." or ".." component, 1 to ACCT_TZ_NAMEMAX bytes. Such a name stays
 * inside the zone directory. Whether the zone exists is not checked.
 */
int acct_tz_name_ok(const char *name);

/**
 * Read zone `name` from `dir` (NULL for ACCT_TZ_DIR) into `*out`; free it
 * with acct_tz_free(). The whole file is checked here, so that looking a
 * moment up cannot fail. Returns 0, or
 * ACCT_EUSAGE "'Mars/Base' is not a time zone (no such file in
 * /usr/share/zoneinfo)" for a name of the wrong shape or no such zone
 * (or a directory, or anything but a regular file), with a hint;
 * ACCT_EDATA "<path>: not a TZif file" (the path in `err->file`) for a
 * file that is not a well-formed TZif file or is larger than 1 MiB;
 * ACCT_ERROR if the file cannot be read.
 */
int acct_tz_load(struct acct_tz **out, const char *dir, const char *name,
		 struct acct_error *err);

/** Free a zone from acct_tz_load(); NULL is fine. */
void acct_tz_free(struct acct_tz *tz);

/**
 * The offset of `tz` at `sec` (seconds since the epoch, any value), in
 * seconds east of UTC: the zone's last transition at or before `sec`, its
 * first time type before any, and its POSIX TZ rule after the last. If
 * `abbr` is not NULL it receives the abbreviation in use ("CEST", "+05";
 * ACCT_TZ_ABBRLEN bytes, a longer one cut short). Leap seconds in a
 * "right/" zone are not applied: its transitions may be up to half a
 * minute off.
 */
int acct_tz_offset_at(const struct acct_tz *tz, int64_t sec, char *abbr);

/**
 * Offset in seconds east of UTC of zone `name` at `sec`, read from `dir`
 * (NULL for ACCT_TZ_DIR): acct_tz_load(), acct_tz_offset_at() and
 * acct_tz_free() in one call. `abbr` is as for acct_tz_offset_at(); NULL
 * if not wanted. Returns 0 or the codes of acct_tz_load(); on error
 * `*off_sec` and `abbr` are left alone.
 */
int acct_tz_offset(int *off_sec, char *abbr, const char *dir,
		   const char *name, int64_t sec, struct acct_error *err);

/**
 * Offset in seconds east of UTC at `sec` under the POSIX TZ string `spec`,
 * as found in the footer of a TZif file: "MSK-3", "<+05>-5",
 * "CET-1CEST,M3.5.0,M10.5.0/3", "AEST-10AEDT,M10.1.0,M4.1.0/3". Offsets
 * in the string are west of UTC, as POSIX has them ("MSK-3" is UTC+3).
 * Rules are Mm.w.d, Jn (1-365, February 29 never counted) or n (0-365);
 * a rule's time may have a sign and up to 167 hours (RFC 8536's version
 * 3). Summer time that starts later in the year than it ends (the southern
 * hemisphere) and all-year summer time work. A zone with summer time but
 * no rules takes the US rules, M3.2.0,M11.1.0, as the reference tz code
 * does (glibc takes them from its "posixrules" file). `abbr` is as
 * for acct_tz_offset_at(). Returns 0, or ACCT_EUSAGE "'...' is not a POSIX
 * TZ string" for anything else (including the ":" forms and an empty
 * string).
 */
int acct_tz_posix_offset(int *off_sec, char *abbr, const char *spec,
			 int64_t sec, struct acct_error *err);

#endif
