/* table: see table.h. Cells are measured and cut in display columns (draw.h),
 * never in bytes, so a wide character is never split. */
#include "config.h"

#include "sbuf.h"
#include "ui/draw.h"
#include "ui/table.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char sep[] = " | ";

void table_init(struct table *t) { memset(t, 0, sizeof *t); }

void table_done(struct table *t)
{
	for (int c = 0; c < t->ncol; c++)
		free(t->names[c]);
	for (size_t i = 0; i < t->nrows * (size_t)t->ncol; i++)
		free(t->cells[i]);
	free(t->names), free(t->cells), free(t->width);
	table_init(t);
}

/* A copy of s cut to TABLE_MAX_CELL bytes, whole characters only, on one line. */
static char *keep(const char *s)
{
	if (!s)
		return util_strdup("NULL");
	size_t len = strlen(s), n = len < TABLE_MAX_CELL ? len : TABLE_MAX_CELL;
	while (n > 0 && n < len && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--; /* do not end inside a UTF-8 sequence */
	char *k = util_malloc(n + 1);
	memcpy(k, s, n);
	k[n] = '\0';
	for (char *p = k; *p; p++)
		if (*p == '\n' || *p == '\t' || *p == '\r')
			*p = ' '; /* one line per row */
	return k;
}

static void widen(struct table *t, int c, const char *s)
{
	int w = draw_width(s, strlen(s));
	w = w < TABLE_MAX_WIDTH ? w : TABLE_MAX_WIDTH;
	if (w > t->width[c])
		t->width[c] = w;
}

void table_add(struct table *t, int ncol, const char *const *names, const char *const *values)
{
	if (ncol <= 0)
		return;
	if (t->ncol == 0) {
		t->ncol = ncol < TABLE_MAX_COLS ? ncol : TABLE_MAX_COLS;
		t->names = util_calloc((size_t)t->ncol, sizeof *t->names);
		t->width = util_calloc((size_t)t->ncol, sizeof *t->width);
		for (int c = 0; c < t->ncol; c++) {
			t->names[c] = keep(names && names[c] ? names[c] : "?");
			widen(t, c, t->names[c]);
		}
	}
	t->total++;
	if (t->nrows >= TABLE_MAX_ROWS)
		return;
	t->cells = util_realloc(t->cells, (t->nrows + 1) * (size_t)t->ncol * sizeof *t->cells);
	for (int c = 0; c < t->ncol; c++) {
		/* A later statement of other columns fills what it has. */
		char *v = keep(c < ncol ? values[c] : "");
		widen(t, c, v);
		t->cells[t->nrows * (size_t)t->ncol + (size_t)c] = v;
	}
	t->nrows++;
}

const char *table_cell(const struct table *t, long r, int c)
{
	if (c < 0 || c >= t->ncol)
		return NULL;
	if (r == TABLE_HEADER)
		return t->names[c];
	if (r < 0 || (size_t)r >= t->nrows)
		return NULL;
	return t->cells[(size_t)r * (size_t)t->ncol + (size_t)c];
}

int table_width(const struct table *t)
{
	int w = 0;
	for (int c = 0; c < t->ncol; c++)
		w += t->width[c] + (c ? (int)sizeof sep - 1 : 0);
	return w;
}

/* Append s cut to cols display columns (ending in ellipsis when cut), padded. */
static void cell(struct sbuf *b, const char *s, int cols, const char *ellipsis)
{
	int w = draw_width(s, strlen(s)), ew = draw_width(ellipsis, strlen(ellipsis));
	size_t n = strlen(s);
	if (w > cols) {
		n = draw_fit(s, cols - ew > 0 ? cols - ew : 0);
		sbuf_addn(b, s, n);
		sbuf_add(b, ellipsis);
		w = draw_width(s, n) + ew;
	} else {
		sbuf_addn(b, s, n);
	}
	for (; w < cols; w++)
		sbuf_addc(b, ' ');
}

char *table_line(const struct table *t, long r, int x, int w, const char *ellipsis, char *buf,
		 size_t size)
{
	/* The whole line first, then the window [x, x + w) of it. */
	struct sbuf line;
	sbuf_init(&line);
	sbuf_add(&line, "");
	for (int c = 0; c < t->ncol; c++) {
		if (c)
			sbuf_add(&line, sep);
		const char *s = table_cell(t, r, c);
		cell(&line, s ? s : "", t->width[c], ellipsis);
	}
	const char *from = sbuf_str(&line);
	int skipped = 0;
	while (*from && skipped < x) {
		int len = mblen(from, MB_CUR_MAX);
		size_t one = len > 0 ? (size_t)len : 1;
		skipped += draw_width(from, one);
		from += one;
	}
	/* A wide character straddling the window's edge leaves a blank. */
	size_t at = 0;
	if (skipped > x && size > 1)
		buf[at++] = ' ';
	size_t n = draw_fit(from, w - (int)at > 0 ? w - (int)at : 0);
	n = n < size - 1 - at ? n : size - 1 - at;
	memcpy(buf + at, from, n);
	buf[at + n] = '\0';
	sbuf_done(&line);
	return buf;
}

/* The column of t called name, or -1. */
static int column(const struct table *t, const char *name)
{
	for (int c = 0; c < t->ncol; c++)
		if (strcmp(t->names[c], name) == 0)
			return c;
	return -1;
}

char *table_plan_line(const struct table *t, size_t r, char *buf, size_t size)
{
	int id = column(t, "id"), parent = column(t, "parent"), detail = column(t, "detail");
	if (id < 0 || parent < 0 || detail < 0 || r >= t->nrows)
		return NULL;
	/* The depth: how many parents up to the root (0), among the rows kept. */
	int depth = 0;
	const char *up = table_cell(t, (long)r, parent);
	for (size_t guard = 0; up && strcmp(up, "0") != 0 && guard < t->nrows; guard++) {
		const char *next = NULL;
		for (size_t k = 0; k < t->nrows && !next; k++)
			if (strcmp(table_cell(t, (long)k, id), up) == 0)
				next = table_cell(t, (long)k, parent);
		depth++;
		up = next;
	}
	snprintf(buf, size, "%*s%s", 2 * depth, "", table_cell(t, (long)r, detail));
	return buf;
}
