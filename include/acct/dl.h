#ifndef ACCT_DL_H
#define ACCT_DL_H

struct acct_error;

/*
 * libical (the calendar feed, lib/ics.c), GMime with GLib (reports by
 * e-mail, lib/mail.c; e-mail in, lib/eml.c and lib/eml_text.c) and
 * libxml2 (an HTML e-mail's text, lib/eml_html.c) are loaded when those
 * are made, not when acct starts (lib/dl.c): with ICU, GIO and liblzma
 * behind them they are most of the shared libraries acct would load, and
 * loading them was 60% of what `acct client show` cost. The functions of
 * theirs that acct calls are defined in lib/dl.c under their own names,
 * each calling the library's, so the modules call them as they are
 * written.
 */

/**
 * Load libical and every function of it that acct calls, once per
 * process. Returns 0, or ACCT_ERROR naming the library (or the function)
 * that could not be loaded. Call it before any libical function.
 */
int acct_dl_ical(struct acct_error *err);

/** The same for GMime and the GLib functions acct calls. */
int acct_dl_gmime(struct acct_error *err);

/** The same for libxml2 (its HTML parser). */
int acct_dl_xml(struct acct_error *err);

#endif
