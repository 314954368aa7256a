#ifndef ACCT_JSON_H
#define ACCT_JSON_H

#include <stddef.h>

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

/*
 * JSON written without a tree (cmd/out.c), byte for byte as jansson
 * writes it through acct_json_dump().
 */

/** 1 when the `len` bytes at `s` are UTF-8 that jansson takes, else 0. */
int acct_json_utf8(const char *s, size_t len);

/** Append the string `s` (UTF-8, acct_json_utf8()) quoted and escaped. */
void acct_json_put_string(struct acct_buf *out, const char *s, size_t len);

/**
 * Append the real `v` as jansson writes it with 15 digits (4.33, 1.0,
 * 1e20). Returns 0, or -1 for an infinity or NaN (jansson has no such
 * real), appending nothing.
 */
int acct_json_put_real(struct acct_buf *out, double v);

#endif
