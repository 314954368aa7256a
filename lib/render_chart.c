/*
 * acct's charts: the bars of a chart's data (a point per period, with a
 * target) as inline SVG in HTML (every text escaped) and as lines of
 * text in Markdown, man and LaTeX (lib/render.c puts them in the page).
 */
#include "acct/render.h"
#include "render_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "acct/buf.h"
#include "acct/json.h"
#include "acct/text.h"
#include "acct/banned.h"

/*
 * A chart is {"title", "unit", "signed", "points": [{"label", "value"}]},
 * and optionally, per point, "text" (the value as people read it:
 * "RUB 699.06"), "target" (a number: a KPI's target, drawn as a dashed
 * line across the point's place; '|' in text), "target_text" and "ok"
 * (true: the target was met, a green bar; false: a red one).
 */

static const char *no_data(const char *lang)
{
	return strcmp(lang, "ru") ? "no data" : "нет данных";
}

static const char *target_word(const char *lang)
{
	return strcmp(lang, "ru") ? "target" : "цель";
}

/* A point's value (or `key`) as people read it: its text, else the number. */
static void point_text(struct acct_buf *out, const json_t *p, const char *key)
{
	char text_key[32];
	const json_t *t;

	snprintf(text_key, sizeof(text_key), "%s", strcmp(key, "value") ?
		 "target_text" : "text");
	t = json_object_get(p, text_key);
	if (json_is_string(t))
		acct_buf_addstr(out, json_string_value(t));
	else
		render_value_text(out, json_object_get(p, key));
}

/*
 * 1 when every point that has a target has the same one (and one does):
 * the chart says it once, not per point.
 */
static int one_target(const json_t *points)
{
	const json_t *p, *first = NULL;
	double a, b;
	size_t i;

	json_array_foreach(points, i, p) {
		if (!acct_json_number(json_object_get(p, "target"), &b))
			continue;
		if (!first)
			first = p;
		else if (acct_json_number(json_object_get(first, "target"), &a) &&
			 a != b)
			return 0;
	}
	return first != NULL;
}

/* "2026-Q1 no data, 2026-Q2 50, ...": the chart said in words. */
static void chart_words(struct acct_buf *out, const json_t *c,
			const char *lang)
{
	const json_t *points = json_object_get(c, "points"), *p, *last = NULL;
	int once = one_target(points);
	size_t i;
	double t;

	acct_buf_addstr(out, json_string_value(json_object_get(c, "title")));
	acct_buf_addstr(out, ": ");
	json_array_foreach(points, i, p) {
		double x;

		acct_buf_addf(out, "%s%s ", i ? ", " : "",
			      json_string_value(json_object_get(p, "label")));
		if (!acct_json_number(json_object_get(p, "value"), &x))
			acct_buf_addstr(out, no_data(lang));
		else
			point_text(out, p, "value");
		if (acct_json_number(json_object_get(p, "target"), &t)) {
			last = p;
			if (!once) {
				acct_buf_addf(out, " (%s ", target_word(lang));
				point_text(out, p, "target");
				acct_buf_addch(out, ')');
			}
		}
	}
	if (once && last) {
		acct_buf_addf(out, "; %s ", target_word(lang));
		point_text(out, last, "target");
	}
}

void render_chart_svg(struct acct_buf *out, const json_t *c, int id,
		      const char *lang)
{
	const json_t *points = json_object_get(c, "points"), *p;
	size_t n = json_array_size(points), i;
	int sign = json_is_true(json_object_get(c, "signed"));
	const int W = 640, H = 240, bottom = 40, left = 36;
	int top = 24, plot, zero, bw, gap, has_target = 0;
	double max = sign ? 100 : 1;
	struct acct_buf words = ACCT_BUF_INIT;

	json_array_foreach(points, i, p) {
		double x = 0, t = 0;

		acct_json_number(json_object_get(p, "value"), &x);
		if (acct_json_number(json_object_get(p, "target"), &t))
			has_target = 1;
		if (x < 0)
			x = -x;
		if (t < 0)
			t = -t;
		if (x > max)
			max = x;
		if (t > max)
			max = t;
	}
	/* Room above the bars for the target's legend. */
	if (has_target)
		top = 36;
	plot = H - top - bottom;
	zero = sign ? top + plot / 2 : top + plot;
	gap = n ? (W - left - 8) / (int)n : 0;
	bw = gap > 12 ? gap * 2 / 3 : gap;
	chart_words(&words, c, lang);
	acct_buf_addstr(out, "<figure class=\"chart\">\n");
	acct_buf_addf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
		      "viewBox=\"0 0 %d %d\" role=\"img\" "
		      "aria-labelledby=\"chart%d-t chart%d-d\">\n", W, H, id, id);
	acct_buf_addf(out, "<title id=\"chart%d-t\">", id);
	render_html_escape(out, json_string_value(json_object_get(c, "title")));
	acct_buf_addf(out, "</title>\n<desc id=\"chart%d-d\">", id);
	render_html_escape(out, words.buf);
	acct_buf_addstr(out, "</desc>\n");
	acct_buf_addf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
		      "stroke=\"#888\" stroke-width=\"1\"/>\n", left, zero,
		      W - 4, zero);
	acct_buf_addf(out, "<text x=\"%d\" y=\"%d\" font-size=\"11\" "
		      "text-anchor=\"end\" fill=\"#555\">0</text>\n", left - 4,
		      zero + 4);
	/* Targets first: the bars and their figures are drawn over them. */
	json_array_foreach(points, i, p) {
		double t;
		int ty;

		if (!acct_json_number(json_object_get(p, "target"), &t))
			continue;
		ty = zero - (int)(t * (sign ? plot / 2 : plot) / max + 0.5);
		acct_buf_addf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" "
			      "y2=\"%d\" stroke=\"#d97706\" stroke-width="
			      "\"2\" stroke-dasharray=\"6 3\"/>\n",
			      left + (int)i * gap, ty,
			      left + (int)(i + 1) * gap, ty);
	}
	json_array_foreach(points, i, p) {
		const json_t *ok = json_object_get(p, "ok");
		int x = left + (int)i * gap + (gap - bw) / 2;
		struct acct_buf label = ACCT_BUF_INIT;
		double val;

		if (acct_json_number(json_object_get(p, "value"), &val)) {
			int h = (int)((val < 0 ? -val : val) * (sign ? plot / 2 : plot) /
				      max + 0.5);
			int y = val >= 0 ? zero - h : zero;

			acct_buf_addf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" "
				      "height=\"%d\" fill=\"%s\"/>\n", x, y, bw,
				      h, json_is_true(ok) ? "#2f855a" :
				      json_is_false(ok) || val < 0 ? "#c0392b" :
				      "#2b6cb0");
			point_text(&label, p, "value");
			acct_buf_addf(out, "<text x=\"%d\" y=\"%d\" font-size=\"12\" "
				      "text-anchor=\"middle\" fill=\"#222\">", x + bw / 2,
				      val >= 0 ? y - 4 : y + h + 14);
			render_html_escape(out, label.buf);
			acct_buf_addstr(out, "</text>\n");
		} else {
			acct_buf_addf(out, "<text x=\"%d\" y=\"%d\" font-size=\"10\" "
				      "text-anchor=\"middle\" fill=\"#888\">%s</text>\n",
				      x + bw / 2, zero - 6, no_data(lang));
		}
		acct_buf_addf(out, "<text x=\"%d\" y=\"%d\" font-size=\"11\" "
			      "text-anchor=\"middle\" fill=\"#555\">", x + bw / 2,
			      H - bottom + 18);
		render_html_escape(out, json_string_value(json_object_get(p, "label")));
		acct_buf_addstr(out, "</text>\n");
		acct_buf_release(&label);
	}
	if (has_target)
		acct_buf_addf(out, "<text x=\"%d\" y=\"12\" font-size=\"11\" "
			      "text-anchor=\"end\" fill=\"#d97706\">- - %s"
			      "</text>\n", W - 4, target_word(lang));
	acct_buf_addstr(out, "</svg>\n<figcaption>");
	render_html_escape(out, words.buf);
	acct_buf_addstr(out, "</figcaption>\n</figure>\n");
	acct_buf_release(&words);
}

/*
 * A chart as text: one line per point with a bar of '#', and a '|' where
 * a point's target is.
 */
void render_chart_text(struct acct_buf *out, const json_t *c, const char *lang)
{
	const json_t *points = json_object_get(c, "points"), *p;
	size_t lw = 0, vw = 5, i;
	double max = 1, max_t;
	int has_target = 0;
	struct acct_buf v = ACCT_BUF_INIT;

	json_array_foreach(points, i, p) {
		const char *label = json_string_value(json_object_get(p, "label"));
		double d = 0, t = 0;

		if (render_width(label) > lw)
			lw = render_width(label);
		acct_buf_reset(&v);
		if (acct_json_number(json_object_get(p, "value"), &d))
			point_text(&v, p, "value");
		if (render_width(v.buf) > vw)
			vw = render_width(v.buf);
		if (acct_json_number(json_object_get(p, "target"), &t))
			has_target = 1;
		if ((d < 0 ? -d : d) > max)
			max = d < 0 ? -d : d;
		if ((t < 0 ? -t : t) > max)
			max = t < 0 ? -t : t;
	}
	/* A target's '|' is drawn on "no data" lines too: they align. */
	if (has_target && render_width(no_data(lang)) > vw)
		vw = render_width(no_data(lang));
	acct_buf_addstr(out, json_string_value(json_object_get(c, "title")));
	if (has_target && one_target(points)) {
		const json_t *last = NULL;

		json_array_foreach(points, i, p)
			if (acct_json_number(json_object_get(p, "target"), &max_t))
				last = p;
		acct_buf_addf(out, " (| %s ", target_word(lang));
		point_text(out, last, "target");
		acct_buf_addch(out, ')');
	} else if (has_target) {
		acct_buf_addf(out, " (| %s)", target_word(lang));
	}
	acct_buf_addch(out, '\n');
	json_array_foreach(points, i, p) {
		const char *label = json_string_value(json_object_get(p, "label"));
		size_t k, bar = 0, mark = (size_t)-1, end;
		double x = 0, t;
		int known = acct_json_number(json_object_get(p, "value"), &x);

		acct_buf_addstr(out, label);
		for (k = render_width(label); k < lw + 2; k++)
			acct_buf_addch(out, ' ');
		acct_buf_reset(&v);
		if (known)
			point_text(&v, p, "value");
		else
			acct_buf_addstr(&v, no_data(lang));
		/* Numbers to the right; "no data" to the left. */
		if (known)
			for (k = render_width(v.buf); k < vw; k++)
				acct_buf_addch(out, ' ');
		acct_buf_addstr(out, v.buf);
		if (!known)
			for (k = render_width(v.buf); k < vw; k++)
				acct_buf_addch(out, ' ');
		acct_buf_addch(out, ' ');
		if (known)
			bar = (size_t)((x < 0 ? -x : x) * 30 / max + 0.5);
		if (acct_json_number(json_object_get(p, "target"), &t))
			mark = (size_t)((t < 0 ? -t : t) * 30 / max + 0.5);
		end = bar;
		if (mark != (size_t)-1 && mark + 1 > end)
			end = mark + 1;
		for (k = 0; k < end; k++)
			acct_buf_addch(out, k == mark ? '|' : k < bar ?
				       (x < 0 ? '-' : '#') : ' ');
		while (out->len && out->buf[out->len - 1] == ' ')
			acct_buf_setlen(out, out->len - 1);
		acct_buf_addch(out, '\n');
	}
	acct_buf_release(&v);
}
