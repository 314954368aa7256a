#ifndef ACCT_JSON_H
#define ACCT_JSON_H

struct acct_buf;
struct json_t;

/*
 * Exact decimals in jansson trees (lib/json.c). jansson 2.14 keeps a
 * real as a double and has no raw values, so 148200.60 would come out as
 * 148200.6, and some sums as 148200.60000000001. An exact decimal is
 * kept as a string marked by a leading NUL and '#', which no other
 * string in acct's trees can hold (text goes in with json_string(),
 * which refuses a NUL); acct_json_dump() writes its digits bare, the
 * template engine and the renderer read it as the number it is.
 */

/**
 * A new value for the plain decimal `digits` ("148200.60", "-5", "0.0153"),
 * written back exactly as given; json_null() for NULL, and a real or an
 * integer for text that is not a plain decimal (as jansson would). The
 * caller owns the reference.
 */
struct json_t *acct_json_decimal(const char *digits);

/**
 * 1 with `*digits` pointing into `v` when `v` holds an exact decimal
 * (acct_json_decimal()), else 0.
 */
int acct_json_decimal_digits(const struct json_t *v, const char **digits);

/**
 * 1 with `*out` set when `v` is a number: a JSON integer or real, or an
 * exact decimal (as a double, for drawing and comparing); else 0.
 */
int acct_json_number(const struct json_t *v, double *out);

/**
 * Append `v` as acct prints JSON: indented by 2, keys in their order,
 * reals with up to 15 digits (4.33 stays 4.33), exact decimals as their
 * bare digits (148200.60). Returns 0, or -1 when jansson cannot (out of
 * memory).
 */
int acct_json_dump(struct acct_buf *out, const struct json_t *v);

#endif
