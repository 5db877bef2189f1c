/* lesson_fill: see lesson_fill.h. */
#include "config.h"

#include "lesson_fill.h"
#include "sbuf.h"
#include "spec.h"
#include "util.h"

#include <math.h>
#include <stdio.h>
#include <stdbool.h>
#include <string.h>

/* A placeholder is short. */
enum { PLACEHOLDER_MAX = 96 };

/* The latest median of strategy s at orders by one engine (SQLAlchemy's when
 * sqla), into *ms; false when there is none. */
static bool median_of(const struct lesson_measure *m, size_t n, const struct strategy *s,
		      long orders, bool sqla, double *ms)
{
	bool found = false;
	for (size_t i = 0; m && i < n; i++)
		if (m[i].strategy && m[i].orders == orders && isfinite(m[i].median_ms) &&
		    !m[i].sqlalchemy == !sqla && strategy_find(m[i].strategy) == s)
			*ms = m[i].median_ms, found = true;
	return found;
}

/* SQLAlchemy's version when it has measured at orders every strategy nplus1
 * has (its rows arrive after nplus1's, one by one), else NULL: every
 * placeholder at one size then quotes one engine, the one {engine N} names. */
static const char *engine_at(const struct lesson_measure *m, size_t n, long orders)
{
	const char *version = NULL;
	for (size_t i = 0; m && i < n; i++)
		if (m[i].sqlalchemy && m[i].orders == orders)
			version = m[i].sqlalchemy;
	double unused;
	for (size_t i = 0; version && i < n; i++)
		if (!m[i].sqlalchemy && m[i].orders == orders && m[i].strategy &&
		    !median_of(m, n, strategy_find(m[i].strategy), orders, true, &unused))
			return NULL;
	return version;
}

/* One placeholder's inside, w[0..n) between the braces, filled into out; false
 * (out unchanged) when it is not one, so the caller keeps it verbatim. */
static bool fill_one(struct sbuf *out, const char *w, size_t n, const struct lesson_measure *m,
		     size_t nm, const struct lesson_keys *keys)
{
	char buf[PLACEHOLDER_MAX + 1], *words[5];
	int nw = 0;
	memcpy(buf, w, n);
	buf[n] = '\0';
	for (char *s = buf; *s && nw < 5;) {
		words[nw++] = s;
		s += strcspn(s, " ");
		if (*s)
			*s++ = '\0';
	}
	if (nw == 2 && !strcmp(words[0], "key")) {
		const char *k = keys ? keys->name(keys->ctx, words[1]) : NULL;
		if (k)
			sbuf_add(out, k);
		return k != NULL;
	}
	bool median = nw == 3 && !strcmp(words[0], "median");
	bool ratio = nw == 4 && !strcmp(words[0], "ratio");
	bool faster = nw == 4 && !strcmp(words[0], "faster");
	bool engine = nw == 2 && !strcmp(words[0], "engine");
	long orders;
	if (!(median || ratio || faster || engine) ||
	    util_parse_long(words[nw - 1], 1, SPEC_MAX_ROWS, &orders))
		return false;
	if (engine) {
		const char *v = engine_at(m, nm, orders);
		bool any = false;
		for (size_t i = 0; m && i < nm; i++)
			any |= m[i].orders == orders;
		const char *bench = keys ? keys->name(keys->ctx, "bench") : NULL;
		if (v)
			sbuf_addf(out, "SQLAlchemy %s", v);
		else if (any)
			sbuf_add(out, "nplus1's engine");
		else
			sbuf_addf(out, "(press %s)", bench ? bench : "b");
		return true;
	}
	const struct strategy *a = strategy_find(words[1]),
			      *b = median ? a : strategy_find(words[2]);
	if (!a || !b)
		return false;
	double ma = 0, mb = 0;
	bool sqla = engine_at(m, nm, orders) != NULL;
	bool have =
		median_of(m, nm, a, orders, sqla, &ma) && median_of(m, nm, b, orders, sqla, &mb);
	const char *bench = keys ? keys->name(keys->ctx, "bench") : NULL;
	if (!have || (ratio && mb <= 0))
		sbuf_addf(out, "(press %s)", bench ? bench : "b");
	else if (median)
		sbuf_addf(out, "%.2f ms", ma);
	else if (ratio)
		sbuf_addf(out, "%.1f×", ma / mb);
	else
		sbuf_add(out, ma <= mb ? words[1] : words[2]); /* the word the author wrote */
	return true;
}

/* The placeholder at s ('{'): the length of its inside, or 0 when s starts none. */
static size_t placeholder(const char *s)
{
	/* It ends at the first '}' nearby, with no '{' or newline inside. */
	size_t k = 1;
	while (k <= PLACEHOLDER_MAX && s[k] && !strchr("{}\n", s[k]))
		k++;
	return k <= PLACEHOLDER_MAX && s[k] == '}' ? k - 1 : 0;
}

bool lesson_fill_unknown_key(const char *text, bool (*known)(const char *name), char *buf,
			     size_t size)
{
	for (const char *s = text ? strchr(text, '{') : NULL; s; s = strchr(s + 1, '{')) {
		size_t n = placeholder(s);
		if (n < 5 || strncmp(s + 1, "key ", 4) != 0)
			continue;
		char name[PLACEHOLDER_MAX + 1];
		snprintf(name, sizeof name, "%.*s", (int)(n - 4), s + 5);
		if (!known(name)) {
			snprintf(buf, size, "%s", name);
			return true;
		}
	}
	return false;
}

char *lesson_fill(const char *text, const struct lesson_measure *m, size_t n)
{
	return lesson_fill_keys(text, m, n, NULL);
}

char *lesson_fill_keys(const char *text, const struct lesson_measure *m, size_t n,
		       const struct lesson_keys *keys)
{
	struct sbuf out;
	sbuf_init(&out);
	sbuf_add(&out, "");
	for (const char *s = text ? text : ""; *s;) {
		size_t plain = strcspn(s, "{");
		sbuf_addn(&out, s, plain);
		s += plain;
		if (!*s)
			break;
		size_t k = placeholder(s);
		if (k > 0 && fill_one(&out, s + 1, k, m, n, keys)) {
			s += k + 2;
		} else {
			sbuf_addc(&out, '{');
			s++;
		}
	}
	return sbuf_steal(&out);
}
