/*
 * Metric files and KPIs (lib/metric.c, lib/kpi.c): a KPI's text and a
 * metric file's YAML through their parsers, and a period's sums.
 *
 * Input: the KPI text (up to a NUL), then the metric file.
 *
 * Checked: a refusal is ACCT_EUSAGE (a KPI) or ACCT_EDATA with the file
 * named (a metric file), with a message. An accepted KPI names a metric
 * acct can read, and written back in the grammar's plain form it reads
 * as the same KPI; its key is stable. An accepted file holds lowercase,
 * non-derived names with values that are not negative; the text acct
 * writes for it reads back as the same file; the sum of its own period
 * is its values, and a derived ratio is a finite number or no data.
 */
#include "acct/kpi.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "acct/buf.h"
#include "acct/error.h"
#include "acct/metric.h"
#include "fuzz.h"

#include "acct/banned.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static void check_kpi(const char *text)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_kpi k, again;
	struct acct_buf plain = ACCT_BUF_INIT;
	char num[ACCT_DEC_STRLEN], *a, *b;
	int rc = acct_kpi_parse(&k, text, &err);

	a = acct_kpi_key(text);
	b = acct_kpi_key(text);
	FUZZ_CHECK(a && b && !strcmp(a, b), "the key of '%s' changes", text);
	free(a);
	free(b);
	if (rc < 0) {
		FUZZ_CHECK(rc == ACCT_EUSAGE && err.msg[0], "KPI '%s' refused "
			   "with %d: %s", text, rc, err.msg);
		return;
	}
	FUZZ_CHECK(acct_metric_name_ok(k.metric), "KPI '%s' measures '%s'",
		   text, k.metric);
	acct_buf_addf(&plain, "%s %s %s", k.metric, acct_kpi_op_text(k.op),
		      acct_dec_format(num, k.target));
	if (k.percent)
		acct_buf_addstr(&plain, "%");
	if (k.currency[0])
		acct_buf_addf(&plain, " %s", k.currency);
	if (k.has_per)
		acct_buf_addf(&plain, " /%s", acct_metric_grain_name(k.per));
	rc = acct_kpi_parse(&again, plain.buf, &err);
	FUZZ_CHECK(rc == 0 && !strcmp(again.metric, k.metric) &&
		   again.op == k.op && !acct_dec_cmp(again.target, k.target) &&
		   again.percent == k.percent &&
		   !strcmp(again.currency, k.currency) &&
		   again.has_per == k.has_per && (!k.has_per || again.per == k.per),
		   "KPI '%s' reads as '%s', which reads otherwise: %s", text,
		   plain.buf, rc ? err.msg : "");
	acct_buf_release(&plain);
}

static void check_file(const char *text, size_t len)
{
	struct acct_error err = ACCT_ERROR_INIT;
	struct acct_metric_file *f = NULL, *g = NULL;
	struct acct_metric_totals t;
	struct acct_buf out = ACCT_BUF_INIT;
	size_t i;
	int rc = acct_metric_parse(&f, "acme", "fuzz.yaml", text, len, &err);

	if (rc < 0) {
		FUZZ_CHECK(rc == ACCT_EDATA && err.msg[0] &&
			   !strcmp(err.file, "fuzz.yaml"), "file refused with "
			   "%d: %s", rc, err.msg);
		return;
	}
	FUZZ_CHECK(f->period.grain <= ACCT_METRIC_MONTH &&
		   acct_metric_source_ok(f->source), "file of %s from %s",
		   f->period.label, f->source);
	for (i = 0; i < f->n; i++)
		FUZZ_CHECK(acct_metric_name_ok(f->values[i].name) &&
			   !acct_metric_derived_find(f->values[i].name) &&
			   f->values[i].value.v >= 0, "value '%s'",
			   f->values[i].name);
	acct_metric_text(&out, f);
	rc = acct_metric_parse(&g, "acme", "fuzz.yaml", out.buf, out.len, &err);
	FUZZ_CHECK(rc == 0 && g->n == f->n && !strcmp(g->source, f->source) &&
		   !strcmp(g->currency, f->currency) &&
		   !strcmp(g->period.label, f->period.label),
		   "the text written does not read back: %s\n%s",
		   rc ? err.msg : "", out.buf);
	for (i = 0; i < f->n; i++) {
		const struct acct_metric_value *v =
			acct_metric_file_get(g, f->values[i].name);

		FUZZ_CHECK(v && !acct_dec_cmp(v->value, f->values[i].value),
			   "%s changed on the way back", f->values[i].name);
	}
	rc = acct_metric_sum(&t, &f, 1, &f->period, &err);
	FUZZ_CHECK(rc == 0 && t.nfiles == 1 && t.n == f->n, "the sum of its "
		   "own period: %s", rc ? err.msg : "");
	for (i = 0; rc == 0 && i < f->n; i++) {
		struct acct_dec d;

		FUZZ_CHECK(acct_metric_get(&d, &t, f->values[i].name) &&
			   !acct_dec_cmp(d, f->values[i].value), "the sum of %s",
			   f->values[i].name);
	}
	for (i = 0; rc == 0 && acct_metric_derived[i].name; i++) {
		double x;

		if (acct_metric_ratio(&x, &t, acct_metric_derived[i].name))
			FUZZ_CHECK(isfinite(x), "%s is %g",
				   acct_metric_derived[i].name, x);
	}
	if (rc == 0)
		acct_metric_totals_release(&t);
	acct_metric_free(f);
	acct_metric_free(g);
	acct_buf_release(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	char *kpi = fuzz_part(&in, NULL), *file = malloc(in.n + 1);

	check_kpi(kpi);
	/* The rest, NUL bytes and all, as a file's text (NUL-terminated). */
	if (in.n)
		memcpy(file, in.p, in.n);
	file[in.n] = '\0';
	check_file(file, in.n);
	free(file);
	free(kpi);
	return 0;
}
