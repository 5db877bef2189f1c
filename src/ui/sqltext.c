/* sqltext: see sqltext.h. Each elision rewrites the whole line and is tried only
 * while the line is still too wide, so a wide log loses nothing. */
#include "config.h"

#include "ui/sqltext.h"
#include "sbuf.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

int sqltext_width(const char *s, size_t n)
{
	mbstate_t st;
	memset(&st, 0, sizeof st);
	int total = 0;
	for (size_t i = 0; i < n && s[i];) {
		wchar_t wc;
		size_t len = mbrtowc(&wc, s + i, n - i, &st);
		if (len == (size_t)-1 || len == (size_t)-2 || len == 0) {
			memset(&st, 0, sizeof st);
			total++, i++;
			continue;
		}
		int w = wcwidth(wc);
		total += w < 0 ? 1 : w;
		i += len;
	}
	return total;
}

bool sqltext_keyword(const char *w, size_t n)
{
	static const char *const words[] = {
		"SELECT",  "FROM",  "WHERE",	  "JOIN",    "LEFT",	"OUTER",  "ON",
		"AS",	   "IN",    "DISTINCT",	  "ORDER",   "BY",	"LIMIT",  "OFFSET",
		"AND",	   "OR",    "INSERT",	  "UPDATE",  "DELETE",	"CREATE", "TABLE",
		"EXPLAIN", "QUERY", "PLAN",	  "NULL",    "NOT",	"INTO",	  "VALUES",
		"PRIMARY", "KEY",   "REFERENCES", "INTEGER", "VARCHAR", "FLOAT",  "TEXT",
		"ASC",	   "DESC",  "INNER",	  "GROUP",   "HAVING"
	};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strlen(words[i]) == n && strncmp(words[i], w, n) == 0)
			return true;
	return false;
}

static int width(const char *s) { return sqltext_width(s, strlen(s)); }

/* s with the len bytes at at replaced by with; frees s. */
static char *splice(char *s, size_t at, size_t len, const char *with)
{
	char *t = util_printf("%.*s%s%s", (int)at, s, with, s + at + len);
	free(s);
	return t;
}

/* One line: newlines and tabs are spaces, and runs of spaces one. */
static char *one_line(const char *sql)
{
	struct sbuf b;
	sbuf_init(&b);
	sbuf_add(&b, "");
	bool space = false;
	for (const char *p = sql; *p; p++) {
		bool sp = *p == ' ' || *p == '\n' || *p == '\t' || *p == '\r';
		if (sp && space)
			continue;
		sbuf_addc(&b, sp ? ' ' : *p);
		space = sp;
	}
	char *s = sbuf_steal(&b);
	size_t n = strlen(s);
	while (n && s[n - 1] == ' ')
		s[--n] = '\0';
	return s;
}

/* "IN (?, ?, ?, ?)" becomes "IN (?×4)": the count is what a reader compares. */
static char *collapse_in(char *s, const char *times)
{
	for (size_t from = 0;;) {
		char *in = strstr(s + from, "IN (?");
		if (!in)
			return s;
		size_t at = (size_t)(in - s) + 4;
		const char *p = s + at;
		int n = 0;
		while (p[0] == '?') {
			n++;
			p += p[1] == ',' && p[2] == ' ' ? 3 : 1;
		}
		from = at + 1;
		if (n < 3 || *p != ')')
			continue;
		char with[32];
		snprintf(with, sizeof with, "?%s%d", times, n);
		s = splice(s, at, (size_t)(p - (s + at)), with);
	}
}

/* The first of the clause words after p, or the end of s. */
static const char *clause_end(const char *p)
{
	static const char *const ends[] = {
		" LEFT OUTER JOIN ", " JOIN ", " WHERE ", " ORDER BY ", " LIMIT ", " GROUP BY ", ")"
	};
	const char *end = p + strlen(p);
	for (size_t i = 0; i < sizeof ends / sizeof *ends; i++) {
		const char *e = strstr(p, ends[i]);
		if (e && e < end)
			end = e;
	}
	return end;
}

/* Every " ON cond" becomes " ON …". */
static char *elide_on(char *s, const char *ellipsis)
{
	for (size_t from = 0;;) {
		char *on = strstr(s + from, " ON ");
		if (!on)
			return s;
		size_t at = (size_t)(on - s) + 4;
		size_t len = (size_t)(clause_end(s + at) - (s + at));
		s = splice(s, at, len, ellipsis);
		from = at + strlen(ellipsis);
	}
}

/* The first " FROM " after at at parenthesis depth 0 (relative to at), or NULL. */
static const char *from_of(const char *s, size_t at)
{
	int depth = 0;
	for (const char *p = s + at; *p; p++) {
		depth += *p == '(' ? 1 : *p == ')' ? -1 : 0;
		if (depth < 0)
			return NULL;
		if (depth == 0 && strncmp(p, " FROM ", 6) == 0)
			return p;
	}
	return NULL;
}

/* Every "(SELECT cols FROM" becomes "(SELECT … FROM". */
static char *elide_subselects(char *s, const char *ellipsis)
{
	for (size_t from = 0;;) {
		char *sub = strstr(s + from, "(SELECT ");
		if (!sub)
			return s;
		size_t at = (size_t)(sub - s) + 8;
		if (strncmp(s + at, "DISTINCT ", 9) == 0)
			at += 9;
		const char *f = from_of(s, at);
		from = at;
		if (!f)
			continue;
		s = splice(s, at, (size_t)(f - (s + at)), ellipsis);
		from = at + strlen(ellipsis);
	}
}

/* Every "(SELECT … FROM t ORDER BY c LIMIT ? OFFSET ?)" becomes "(… LIMIT ? OFFSET ?)":
 * a page is what tells such a subquery apart. */
static char *elide_subquery_bodies(char *s, const char *ellipsis)
{
	for (size_t from = 0;;) {
		char *sub = strstr(s + from, "(SELECT ");
		if (!sub)
			return s;
		size_t at = (size_t)(sub - s) + 1, end = at;
		int depth = 1;
		while (s[end] && depth > 0) {
			depth += s[end] == '(' ? 1 : s[end] == ')' ? -1 : 0;
			end += depth > 0;
		}
		from = at;
		if (depth > 0)
			return s;
		/* keep " LIMIT ..." up to the closing parenthesis */
		const char *limit = NULL;
		for (const char *p = s + at; p < s + end; p++)
			if (strncmp(p, " LIMIT ", 7) == 0)
				limit = p;
		size_t keep = limit ? (size_t)(limit - s) : end;
		s = splice(s, at, keep - at, ellipsis);
		from = at + strlen(ellipsis);
	}
}

/* The main column list keeps its first columns that fit with ", …": at least
 * keep of them (1 or 0), or all when it has no more. */
static char *elide_columns(char *s, int want, const char *ellipsis, int keep)
{
	if (strncmp(s, "SELECT ", 7) != 0)
		return s;
	size_t at = 7;
	if (strncmp(s + at, "DISTINCT ", 9) == 0)
		at += 9;
	const char *f = from_of(s, at);
	if (!f)
		return s;
	size_t end = (size_t)(f - s);
	/* Column boundaries: ", " at depth 0 inside [at, end). */
	size_t cut = 0;
	int depth = 0;
	char *best = NULL;
	for (size_t i = at; i < end; i++) {
		depth += s[i] == '(' ? 1 : s[i] == ')' ? -1 : 0;
		if (depth != 0 || strncmp(s + i, ", ", 2) != 0)
			continue;
		cut = i + 2; /* keep through ", " */
		char *t = util_printf("%.*s%s%s", (int)cut, s, ellipsis, s + end);
		if (width(t) <= want || (keep && !best)) {
			free(best);
			best = t;
		} else {
			free(t);
			break;
		}
	}
	if (!best && keep)
		return s; /* one column: nothing to elide */
	if (!best)
		best = util_printf("%.*s%s%s", (int)at, s, ellipsis, s + end);
	free(s);
	return best;
}

char *sqltext_line(const char *sql, int want, const char *ellipsis, const char *times, char *out,
		   size_t size)
{
	char *s = one_line(sql ? sql : "");
	if (width(s) > want)
		s = collapse_in(s, times);
	if (width(s) > want)
		s = elide_subselects(s, ellipsis);
	if (width(s) > want)
		s = elide_columns(s, want, ellipsis, 1);
	if (width(s) > want)
		s = elide_on(s, ellipsis);
	if (width(s) > want)
		s = elide_columns(s, want, ellipsis, 0);
	const char *f = from_of(s, 0);
	if (width(s) > want && strncmp(s, "SELECT ", 7) == 0 && f) {
		char *t = util_printf("%s%s", ellipsis, f);
		free(s);
		s = t;
	}
	if (width(s) > want)
		s = elide_subquery_bodies(s, ellipsis);
	/* Cut to out's size at a character's start, never inside a UTF-8 sequence. */
	size_t n = strlen(s);
	if (n >= size) {
		n = size ? size - 1 : 0;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	if (size) {
		memcpy(out, s, n);
		out[n] = '\0';
	}
	free(s);
	return out;
}
