/* spec: see spec.h.
 *
 * One table of settings: each row is a word, its value's kind and bounds, and
 * the field it sets; each context lists the rows it takes, in the order its
 * messages and completion offer them. Every loop consumes a byte or a word, so
 * any text (a fuzzer's, a 1 MB paste) ends in settings or in one error. */
#include "config.h"

#include "spec.h"
#include "util.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

enum { NUMBER_MAX = 32 };

enum kind { K_LONG, K_INT, K_DOUBLE, K_FLAG, K_SIZES, K_STRATEGIES, K_STYLE };
enum field {
	F_ORDERS,
	F_CUSTOMERS,
	F_COLLECTION,
	F_NOIDMAP,
	F_NOTES,
	F_LIMIT,
	F_LATENCY,
	F_REPEAT,
	F_SIZES,
	F_STRATEGIES,
	F_STYLE
};

struct param {
	const char *word; /* as completion offers it: "orders=", "collection" */
	const char *meta; /* the value's placeholder in messages: "N" */
	enum kind kind;
	long lo, hi;	  /* a number's bounds */
	const char *unit; /* what a bad value should have been: "an integer" */
	enum field field;
};

#define MAX_LATENCY ((long)SPEC_MAX_LATENCY_MS)

static const struct param
	p_orders = { "orders=", "N", K_LONG, 1, SPEC_MAX_ROWS, "an integer", F_ORDERS },
	p_sizes = { "orders=", "N,N...", K_SIZES, 1, SPEC_MAX_ROWS, "an integer", F_SIZES },
	p_customers = { "customers=", "M", K_LONG, 1, SPEC_MAX_ROWS, "an integer", F_CUSTOMERS },
	p_collection = { "collection", "", K_FLAG, 0, 0, NULL, F_COLLECTION },
	p_noidmap = { "noidmap", "", K_FLAG, 0, 0, NULL, F_NOIDMAP },
	p_notes = { "notes=", "B", K_LONG, 0, SPEC_MAX_NOTES, "an integer", F_NOTES },
	p_limit = { "limit=", "N", K_LONG, 1, SPEC_MAX_ROWS, "an integer", F_LIMIT },
	p_latency = { "latency=", "MS", K_DOUBLE, 0, MAX_LATENCY, "milliseconds", F_LATENCY },
	p_repeat = { "repeat=", "K", K_INT, 1, SPEC_MAX_REPEAT, "an integer", F_REPEAT },
	p_strategies = { "strategies=", "S,S...", K_STRATEGIES, 0, 0, NULL, F_STRATEGIES },
	p_style = { "style=", "query|select", K_STYLE, 0, 0, NULL, F_STYLE };

/* What each context takes, in the order it lists them. */
static const struct param *const contexts[][12] = {
	[SPEC_RUN] = { &p_orders, &p_customers, &p_collection, &p_noidmap, &p_notes, &p_limit,
		       &p_latency, &p_style },
	[SPEC_BENCH] = { &p_sizes, &p_customers, &p_strategies, &p_repeat, &p_collection,
			 &p_noidmap, &p_notes, &p_limit, &p_latency },
	[SPEC_SET] = { &p_latency, &p_orders, &p_customers },
	[SPEC_DATASET] = { &p_orders, &p_customers, &p_notes },
	[SPEC_CHART] = { &p_strategies, &p_sizes, &p_customers, &p_repeat, &p_collection },
};

const char *spec_op_text(enum spec_op op)
{
	static const char *const text[] = {
		[SPEC_EQ] = "=",  [SPEC_NE] = "!=", [SPEC_LT] = "<",
		[SPEC_LE] = "<=", [SPEC_GT] = ">",  [SPEC_GE] = ">=",
	};
	return text[op];
}

bool spec_paged(const struct spec *s)
{
	return s->limit > 0 || s->offset > 0 || (s->first && s->style == SPEC_QUERY);
}

struct spec spec_default(void)
{
	return (struct spec){
		.strategy = strategy_find("select"),
		.orders = 100,
		.customers = 10,
		.identity_map = true,
	};
}

struct spec_bench spec_bench_default(const struct spec *base)
{
	static const char *const names[] = { "select", "joined", "selectin", "subquery" };
	struct spec_bench b = { .base = *base, .sizes = { 100, 10000 }, .nsizes = 2, .repeat = 7 };
	b.base.customers = 0;
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		b.strategies[b.nstrategies++] = strategy_find(names[i]);
	return b;
}

long spec_bench_customers(long customers, long orders)
{
	if (customers)
		return customers;
	return orders <= 100 ? (orders / 10 ? orders / 10 : 1) : orders;
}

struct spec spec_bench_at(const struct spec_bench *b, int i, int k)
{
	struct spec s = b->base;
	s.strategy = b->strategies[k];
	s.orders = b->sizes[i];
	s.customers = spec_bench_customers(b->base.customers, s.orders);
	return s;
}

__attribute__((format(printf, 3, 4))) static int fail(struct spec_error *e, size_t at,
						      const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	e->at = at;
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	return -1;
}

bool spec_fits(const struct spec *s)
{
	return !s->notes || s->customers <= SPEC_MAX_NOTES_BYTES / s->notes;
}

int spec_check(const struct spec *s, struct spec_error *e)
{
	memset(e, 0, sizeof *e);
	if (spec_fits(s))
		return 0;
	return fail(e, 0, "notes=%ld with customers=%ld is more than 1 GiB (customers x notes)",
		    s->notes, s->customers);
}

int spec_bench_check(const struct spec_bench *b, struct spec_error *e)
{
	for (int i = 0; i < b->nsizes; i++) {
		struct spec s = b->base;
		s.customers = spec_bench_customers(b->base.customers, b->sizes[i]);
		if (spec_check(&s, e))
			return -1;
	}
	return 0;
}

const struct strategy *spec_strategy(const char *w, size_t n, struct spec_error *e)
{
	const struct strategy *s = strategy_findn(w, n);
	if (!s) {
		fail(e, 0, "unknown strategy '%s' (strategies: %s)", util_show(w, n).s,
		     strategy_names());
	}
	return s;
}

/* The number w[0..n) into dst (a long, an int or a double, as q says); at is
 * w's offset for errors. */
static int number(const struct param *q, const char *w, size_t n, size_t at, void *dst,
		  struct spec_error *e)
{
	char buf[NUMBER_MAX];
	long l = 0;
	bool fits = n < sizeof buf, dbl = q->kind == K_DOUBLE;
	if (fits) {
		memcpy(buf, w, n);
		buf[n] = '\0';
	}
	if (!fits || (dbl ? util_parse_double(buf, (double)q->lo, (double)q->hi, dst)
			  : util_parse_long(buf, q->lo, q->hi, &l))) {
		snprintf(e->value, sizeof e->value, "%s", util_show(w, n).s);
		snprintf(e->expected, sizeof e->expected, "%s from %ld to %ld", q->unit, q->lo,
			 q->hi);
		return fail(e, at, "invalid %.*s '%s': expected %s", (int)strcspn(q->word, "="),
			    q->word, e->value, e->expected);
	}
	if (q->kind == K_INT)
		*(int *)dst = (int)l;
	else if (!dbl)
		*(long *)dst = l;
	return 0;
}

/* A comma-separated list of sizes or strategies, w[0..n). */
static int list(const struct param *q, const char *w, size_t n, size_t at, struct spec_bench *b,
		struct spec_error *e)
{
	int *count = q->kind == K_SIZES ? &b->nsizes : &b->nstrategies;
	const char *end = w + n;
	for (*count = 0;;) {
		const char *comma = memchr(w, ',', (size_t)(end - w));
		size_t len = (size_t)((comma ? comma : end) - w),
		       off = at + (size_t)(w - (end - n));
		if (*count == SPEC_MAX_LIST)
			return fail(e, off, "at most %d values in %s", SPEC_MAX_LIST, q->word);
		if (q->kind == K_SIZES && number(q, w, len, off, &b->sizes[*count], e))
			return -1;
		if (q->kind == K_STRATEGIES &&
		    !(b->strategies[*count] = spec_strategy(w, len, e))) {
			e->at = off;
			return -1;
		}
		++*count;
		if (!comma)
			return 0;
		w = comma + 1;
	}
}

/* style=query|select: which API the run's statement came from (spec.h). */
static int style(const char *w, size_t n, size_t at, struct spec *s, struct spec_error *e)
{
	static const char *const names[] = { [SPEC_QUERY] = "query", [SPEC_SELECT] = "select" };
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		if (strlen(names[i]) == n && !memcmp(names[i], w, n)) {
			s->style = (enum spec_style)i;
			return 0;
		}
	}
	snprintf(e->value, sizeof e->value, "%s", util_show(w, n).s);
	snprintf(e->expected, sizeof e->expected, "query or select");
	return fail(e, at,
		    "invalid style '%s': expected query (session.query) or select "
		    "(select())",
		    e->value);
}

/* Set q's field of b from value[0..n) (NULL for a flag); at is value's offset. */
static int apply(const struct param *q, const char *value, size_t n, size_t at,
		 struct spec_bench *b, struct spec_error *e)
{
	struct spec *s = &b->base;
	switch (q->field) {
	case F_ORDERS: return number(q, value, n, at, &s->orders, e);
	case F_CUSTOMERS: return number(q, value, n, at, &s->customers, e);
	case F_NOTES: return number(q, value, n, at, &s->notes, e);
	case F_LIMIT: return number(q, value, n, at, &s->limit, e);
	case F_LATENCY: return number(q, value, n, at, &s->latency_ms, e);
	case F_REPEAT: return number(q, value, n, at, &b->repeat, e);
	case F_COLLECTION: s->collection = true; return 0;
	case F_NOIDMAP: s->identity_map = false; return 0;
	case F_SIZES:
	case F_STRATEGIES: return list(q, value, n, at, b, e);
	case F_STYLE: return style(value, n, at, s, e);
	}
	return 0;
}

static const struct param *find(enum spec_context ctx, const char *w, size_t n)
{
	for (const struct param *const *q = contexts[ctx]; *q; q++)
		if (strcspn((*q)->word, "=") == n && !memcmp((*q)->word, w, n))
			return *q;
	return NULL;
}

static bool is_space(char ch) { return ch == ' ' || (ch >= '\t' && ch <= '\r'); }

int spec_parse(const char *s, size_t len, enum spec_context ctx, const char *name,
	       struct spec_bench *b, struct spec_error *e)
{
	memset(e, 0, sizeof *e);
	int count = 0;
	for (size_t pos = 0;; count++) {
		while (pos < len && is_space(s[pos]))
			pos++;
		if (pos >= len)
			return count;
		const char *w = s + pos;
		size_t n = 0;
		while (pos + n < len && !is_space(w[n]))
			n++;
		const char *eqs = memchr(w, '=', n);
		size_t klen = eqs ? (size_t)(eqs - w) : n;
		const struct param *q = find(ctx, w, klen);
		if (!q) {
			char takes[256];
			return fail(e, pos, "unknown setting '%s' (%s takes %s)",
				    util_show(w, klen).s, name,
				    spec_words(ctx, ", ", takes, sizeof takes));
		}
		if (q->kind == K_FLAG && eqs)
			return fail(e, pos + klen, "%s takes no value", q->word);
		if (q->kind != K_FLAG && !eqs)
			return fail(e, pos, "expected %s%s", q->word, q->meta);
		size_t vat = pos + klen + 1;
		if (apply(q, eqs ? eqs + 1 : NULL, eqs ? n - klen - 1 : 0, vat, b, e))
			return -1;
		pos += n;
	}
}

int spec_set(enum spec_context ctx, const char *word, const char *value, size_t len,
	     struct spec_bench *b, struct spec_error *e)
{
	memset(e, 0, sizeof *e);
	const struct param *q = find(ctx, word, strlen(word));
	if (!q)
		return fail(e, 0, "unknown setting '%s'", word);
	if (q->kind == K_FLAG)
		return apply(q, NULL, 0, 0, b, e);
	return apply(q, value ? value : "", value ? len : 0, 0, b, e);
}

const char *spec_word(enum spec_context ctx, size_t i)
{
	for (size_t k = 0; contexts[ctx][k]; k++)
		if (k == i)
			return contexts[ctx][k]->word;
	return NULL;
}

char *spec_words(enum spec_context ctx, const char *last_sep, char *buf, size_t size)
{
	size_t at = 0;
	buf[0] = '\0';
	for (size_t k = 0; contexts[ctx][k] && at < size; k++) {
		const struct param *q = contexts[ctx][k];
		const char *sep = k == 0 ? "" : contexts[ctx][k + 1] ? ", " : last_sep;
		at += (size_t)snprintf(buf + at, size - at, "%s%s%s", sep, q->word, q->meta);
	}
	return buf;
}
