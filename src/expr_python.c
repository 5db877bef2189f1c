/* expr_python: the SQLAlchemy grammar of the ":" prompt and `run -e` (expr.h),
 * into a struct spec.
 *
 * Three ways in, each with the result calls its API really has:
 *   session.query(E) CHAIN [.all() | .first()]               the legacy Query
 *   session.scalars(select(E) CHAIN) [.unique()] [.all() | .first()]
 *   session.execute(select(E) CHAIN) {.unique() .scalars()} [.all() | .first()]
 *   select(E) CHAIN                        run as session.scalars(...).all()
 * CHAIN is .options(OPT, ...), .where(COND, ...) (or .filter), .order_by(SORT, ...),
 * .limit(N), .offset(N), in any order and repeated as SQLAlchemy allows (where
 * and order_by add to what came before; options too). A missing result call
 * iterates the result, as .all() does.
 *
 * Names (entities, their columns and relationship, options and their keyword
 * arguments) live in const tables shared by the parser, its errors and
 * completion. The cursor rules are expr_lex.h's: every loop consumes input or
 * stops, nothing recurses. */
#include "config.h"

#include "expr_python.h"
#include "util.h"

#include <float.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof *(a))

/* The tutorial's two mapped classes: their columns (with what a WHERE clause
 * compares each with) and their one relationship. */
static const struct entity {
	const char *name, *rel, *path;
	bool collection; /* the relationship is a collection: the workload reads len() */
	struct column {
		const char *name;
		bool text; /* compared with a string; else with a number */
	} columns[3];
	const char *column_list; /* for errors */
} entities[] = {
	{ "Order",
	  "customer",
	  "Order.customer",
	  false,
	  { { "id", false }, { "customer_id", false }, { "total", false } },
	  "id, customer_id, total" },
	{ "Customer",
	  "orders",
	  "Customer.orders",
	  true,
	  { { "id", false }, { "name", true } },
	  "id, name" },
};

/* The loader options being collected from .options(...) calls. */
struct options {
	const struct strategy *strategy; /* the last one given, NULL before any */
	int innerjoin;			 /* -1 not given, else the value given: joinedload stores an
					    explicit innerjoin=False, so it differs from none at all */
	bool conflict;			 /* a later option differed from an earlier one */
};

/* The keyword arguments options take: each sets its option's flag. */
static void set_innerjoin(struct options *o, bool v) { o->innerjoin = v; }
/* raiseload's sql_only only chooses the strategy: nothing is stored for False. */
static void set_sql_only(struct options *o, bool v)
{
	/* raiseload(X, sql_only=True) is the raise_on_sql strategy */
	if (v)
		o->strategy = strategy_find("raise_on_sql");
}

static const struct keyword {
	const char *option, *word;
	void (*set)(struct options *o, bool v);
} keywords[] = {
	{ "joinedload", "innerjoin", set_innerjoin },
	{ "raiseload", "sql_only", set_sql_only },
};

/* The chain's methods, for errors and completion. */
static const char *const chain_methods = "options, where, filter, order_by, limit, offset";

/* SQLAlchemy's loader option functions: the strategies whose option is a plain
 * call ("joinedload"), from strategy.c's table; raise_on_sql is raiseload's
 * sql_only=True. NULL past the end. */
static const struct strategy *option_at(size_t i)
{
	for (size_t k = 0; strategy_at(k); k++)
		if (!strchr(strategy_at(k)->option, '(') && i-- == 0)
			return strategy_at(k);
	return NULL;
}

const char *expr_python_word(size_t i)
{
	static char calls[STRATEGY_COUNT][32];
	if (i < COUNT(entities))
		return entities[i].name;
	i -= COUNT(entities);
	if (i < COUNT(entities))
		return entities[i].path;
	i -= COUNT(entities);
	const struct strategy *s = option_at(i);
	if (!s)
		return NULL;
	snprintf(calls[i], sizeof calls[i], "%s(", s->option);
	return calls[i];
}

static const struct entity *parse_entity(struct lex *c)
{
	const char *w;
	size_t n = lex_token(c, &w, true);
	for (const struct entity *e = entities; e < entities + COUNT(entities); e++)
		if (lex_eq(w, n, e->name))
			return e;
	if (n == 0)
		lex_fail(c, w, "expected an entity (Order or Customer)");
	else
		lex_fail(c, w, "unknown entity '%s' (expected Order or Customer)",
			 util_show(w, n).s);
	return NULL;
}

/* Entity.name, where Entity must be the queried one: *w and *n say where name is. */
static int parse_dotted(struct lex *c, const struct entity *queried, const char **w, size_t *n,
			const char **start)
{
	lex_skip_space(c);
	*start = lex_here(c);
	const struct entity *e = parse_entity(c);
	if (!e || lex_expect(c, '.'))
		return -1;
	*n = lex_token(c, w, true);
	if (e != queried) {
		/* Name what the learner wrote, so the message reads as their code. */
		const char *kind = lex_eq(*w, *n, e->rel) ? "a relationship" : "a column";
		return lex_fail(c, *start, "%s.%s is not %s of %s", e->name, util_show(*w, *n).s,
				kind, queried->name);
	}
	return 0;
}

/* Entity.rel: the queried entity's relationship. */
static int parse_rel(struct lex *c, const struct entity *queried)
{
	const char *w, *start;
	size_t n;
	if (parse_dotted(c, queried, &w, &n, &start))
		return -1;
	if (!lex_eq(w, n, queried->rel))
		return lex_fail(c, w, "%s has no relationship '%s' (it has %s)", queried->name,
				util_show(w, n).s, queried->path);
	return 0;
}

/* Entity.column: a column of the queried entity. */
static const struct column *parse_column(struct lex *c, const struct entity *queried)
{
	const char *w, *start;
	size_t n;
	if (parse_dotted(c, queried, &w, &n, &start))
		return NULL;
	for (const struct column *k = queried->columns;
	     k < queried->columns + COUNT(queried->columns) && k->name; k++)
		if (lex_eq(w, n, k->name))
			return k;
	lex_fail(c, w, "%s has no column '%s' (it has %s)", queried->name, util_show(w, n).s,
		 queried->column_list);
	return NULL;
}

/* True or False. */
static int parse_bool(struct lex *c, bool *v)
{
	const char *w;
	size_t n = lex_token(c, &w, true);
	if (!lex_eq(w, n, "True") && !lex_eq(w, n, "False"))
		return lex_fail(c, w, "expected True or False");
	*v = lex_eq(w, n, "True");
	return 0;
}

/* OPT(Entity.rel[, word=True]...): one loader option, added to o. */
static int parse_option(struct lex *c, const struct entity *queried, struct options *o)
{
	const char *w;
	size_t n = lex_token(c, &w, true), i = 0;
	const struct strategy *s;
	while ((s = option_at(i)) && !lex_eq(w, n, s->option))
		i++;
	if (!s) {
		char list[LEX_LIST_MAX] = "";
		for (i = 0; (s = option_at(i)); i++)
			lex_append(list, "%s%s", i ? ", " : "", s->option);
		if (n == 0)
			return lex_fail(c, w, "expected a loader option (%s)", list);
		return lex_fail(c, w, "unknown loader option '%s' (expected %s)", util_show(w, n).s,
				list);
	}
	struct options one = { .strategy = s, .innerjoin = -1 };
	if (lex_expect(c, '(') || parse_rel(c, queried))
		return -1;
	while (lex_accept(c, ',')) {
		const char *kw;
		size_t kn = lex_token(c, &kw, true);
		const struct keyword *k = keywords;
		while (k < keywords + COUNT(keywords) &&
		       !(lex_eq(w, n, k->option) && lex_eq(kw, kn, k->word)))
			k++;
		if (k == keywords + COUNT(keywords)) {
			const struct keyword *own = keywords;
			while (own < keywords + COUNT(keywords) && !lex_eq(w, n, own->option))
				own++;
			if (own == keywords + COUNT(keywords))
				return lex_fail(c, kw, "unexpected argument '%s' (%s takes none)",
						util_show(kw, kn).s, s->option);
			return lex_fail(c, kw, "unexpected argument '%s' (%s takes %s=True)",
					util_show(kw, kn).s, s->option, own->word);
		}
		bool v = false;
		if (lex_expect(c, '=') || parse_bool(c, &v))
			return -1;
		k->set(&one, v);
	}
	if (lex_expect(c, ')'))
		return -1;
	/* 2.0 refuses two different options for one relationship (1.4 kept the last). */
	if (o->strategy && (o->strategy != one.strategy || o->innerjoin != one.innerjoin))
		o->conflict = true;
	o->strategy = one.strategy;
	o->innerjoin = one.innerjoin;
	return 0;
}

/* A literal a column is compared with: an integer, a decimal, or a quoted string
 * (without escapes). */
static int parse_literal(struct lex *c, struct value *v)
{
	lex_skip_space(c);
	const char *w = lex_here(c);
	size_t left = c->end - c->pos, n = 0;
	if (left && (*w == '"' || *w == '\'')) {
		while (n + 1 < left && w[n + 1] != *w && w[n + 1] != '\\' &&
		       (unsigned char)w[n + 1] >= ' ')
			n++;
		if (n + 1 >= left || w[n + 1] != *w)
			return lex_fail(c, w + n + 1,
					"expected the closing %c (escapes are not supported)", *w);
		if (n > VALUE_TEXT_MAX)
			return lex_fail(c, w, "a string of at most %d bytes", VALUE_TEXT_MAX);
		*v = (struct value){ .kind = VALUE_TEXT };
		memcpy(v->text, w + 1, n);
		c->pos += n + 2;
		return 0;
	}
	while (n < left && strchr("-0123456789.", w[n]))
		n++;
	char buf[32];
	long l;
	if (n == 0 || n >= sizeof buf)
		return lex_fail(c, w, "expected a number or a quoted string");
	memcpy(buf, w, n);
	buf[n] = '\0';
	if (!memchr(buf, '.', n) && util_parse_long(buf, -LONG_MAX, LONG_MAX, &l) == 0)
		*v = value_int(l);
	else if (memchr(buf, '.', n) && util_parse_double(buf, -DBL_MAX, DBL_MAX, &v->r) == 0)
		v->kind = VALUE_REAL;
	else
		return lex_fail(c, w, "invalid number '%s'", util_show(w, n).s);
	c->pos += n;
	return 0;
}

/* The comparison operators, longest first so "<=" is not read as "<". */
static const struct {
	const char *text;
	enum spec_op op;
} ops[] = { { "==", SPEC_EQ }, { "!=", SPEC_NE }, { "<=", SPEC_LE },
	    { ">=", SPEC_GE }, { "<", SPEC_LT },  { ">", SPEC_GT } };

/* Entity.column OP literal, ANDed to the WHERE clause. */
static int parse_condition(struct lex *c, const struct entity *queried, struct spec *s)
{
	lex_skip_space(c);
	const char *start = lex_here(c);
	const struct column *k = parse_column(c, queried);
	if (!k)
		return -1;
	if (s->nwhere == SPEC_MAX_TERMS)
		return lex_fail(c, start, "at most %d conditions", SPEC_MAX_TERMS);
	lex_skip_space(c);
	const char *at = lex_here(c);
	size_t i = 0, left = c->end - c->pos;
	while (i < COUNT(ops) &&
	       (strlen(ops[i].text) > left || memcmp(at, ops[i].text, strlen(ops[i].text))))
		i++;
	if (i == COUNT(ops))
		return lex_fail(c, at, "expected a comparison (==, !=, <, <=, >, >=)");
	c->pos += strlen(ops[i].text);
	lex_skip_space(c);
	const char *lit = lex_here(c);
	struct spec_term *t = &s->where[s->nwhere];
	if (parse_literal(c, &t->value))
		return -1;
	if (k->text != (t->value.kind == VALUE_TEXT))
		return lex_fail(c, lit, "%s.%s is compared with %s", queried->name, k->name,
				k->text ? "a quoted string" : "a number");
	t->column = k->name;
	t->op = ops[i].op;
	s->nwhere++;
	return 0;
}

/* Entity.column[.asc() | .desc()], added to the ORDER BY. */
static int parse_sort(struct lex *c, const struct entity *queried, struct spec *s)
{
	lex_skip_space(c);
	const char *start = lex_here(c);
	const struct column *k = parse_column(c, queried);
	if (!k)
		return -1;
	if (s->norder == SPEC_MAX_TERMS)
		return lex_fail(c, start, "at most %d ORDER BY items", SPEC_MAX_TERMS);
	enum spec_dir dir = SPEC_DIR_NONE;
	if (lex_accept(c, '.')) {
		const char *w;
		size_t n = lex_token(c, &w, true);
		if (!lex_eq(w, n, "asc") && !lex_eq(w, n, "desc"))
			return lex_fail(c, w, "expected asc() or desc()");
		dir = lex_eq(w, n, "asc") ? SPEC_ASC : SPEC_DESC;
		if (lex_expect(c, '(') || lex_expect(c, ')'))
			return -1;
	}
	s->order[s->norder++] = (struct spec_sort){ k->name, dir };
	return 0;
}

/* (N) after .limit or .offset, through spec's bounds and messages. */
static int parse_count(struct lex *c, const char *word, long lo, long *dst)
{
	if (lex_expect(c, '('))
		return -1;
	lex_skip_space(c);
	const char *w = lex_here(c);
	size_t n = 0;
	while (c->pos + n < c->end && !lex_is_space(w[n]) && !strchr("(),", w[n]))
		n++;
	c->pos += n;
	char buf[32] = "";
	bool fits = n < sizeof buf;
	if (fits)
		memcpy(buf, w, n);
	if (!fits || util_parse_long(buf, lo, SPEC_MAX_ROWS, dst))
		return lex_fail(c, w, "invalid %s '%s': expected an integer from %ld to %ld", word,
				util_show(w, n).s, lo, SPEC_MAX_ROWS);
	return lex_expect(c, ')');
}

/* (ITEM, ITEM...) after a method that takes a list. */
static int
parse_list(struct lex *c, const struct entity *queried, struct spec *s, struct options *o,
	   int (*item)(struct lex *, const struct entity *, struct spec *, struct options *))
{
	if (lex_expect(c, '('))
		return -1;
	do {
		if (item(c, queried, s, o))
			return -1;
	} while (lex_accept(c, ','));
	return lex_expect(c, ')');
}

static int item_option(struct lex *c, const struct entity *q, struct spec *s, struct options *o)
{
	(void)s;
	return parse_option(c, q, o);
}

static int item_condition(struct lex *c, const struct entity *q, struct spec *s, struct options *o)
{
	(void)o;
	return parse_condition(c, q, s);
}

static int item_sort(struct lex *c, const struct entity *q, struct spec *s, struct options *o)
{
	(void)o;
	return parse_sort(c, q, s);
}

/* The statement's methods; stops (returning 0) before a method it does not know,
 * which the caller then reads as a result call or names in its error. */
static int parse_chain(struct lex *c, const struct entity *queried, struct spec *s,
		       struct options *o)
{
	for (;;) {
		size_t mark = c->pos;
		const char *w;
		size_t n = lex_accept(c, '.') ? lex_token(c, &w, true) : 0;
		int rc;
		if (n && lex_eq(w, n, "options"))
			rc = parse_list(c, queried, s, o, item_option);
		else if (n && (lex_eq(w, n, "where") || lex_eq(w, n, "filter")))
			rc = parse_list(c, queried, s, o, item_condition);
		else if (n && lex_eq(w, n, "order_by"))
			rc = parse_list(c, queried, s, o, item_sort);
		else if (n && lex_eq(w, n, "limit"))
			rc = parse_count(c, "limit", 1, &s->limit);
		else if (n && lex_eq(w, n, "offset"))
			rc = parse_count(c, "offset", 0, &s->offset);
		else {
			c->pos = mark;
			return 0;
		}
		if (rc)
			return -1;
	}
}

enum api { API_QUERY, API_SCALARS, API_EXECUTE, API_SELECT };

/* The result calls each API has, and what its error lists. */
static const struct api_results {
	bool unique, scalars; /* it has .unique(), .scalars() */
	const char *expected;
} results_of[] = {
	[API_QUERY] = { false, false,
			"options, where, filter, order_by, limit, offset, all, first" },
	[API_SCALARS] = { true, false, "unique, all, first" },
	[API_EXECUTE] = { true, true, "unique, scalars, all, first" },
	[API_SELECT] = { false, false, NULL },
};

/* The result calls after the statement, to the end of the line. */
static int parse_results(struct lex *c, enum api api, struct spec *s)
{
	const struct api_results *r = &results_of[api];
	bool scalars = api != API_EXECUTE;
	while (!lex_at_end(c)) {
		const char *w;
		if (!lex_accept(c, '.'))
			return lex_fail(c, lex_here(c), "expected '.' or the end of the line");
		size_t n = lex_token(c, &w, true);
		bool last = lex_eq(w, n, "all") || lex_eq(w, n, "first");
		if (api == API_SELECT)
			return lex_fail(c, w,
					"unknown method '%s' (expected %s; a select() runs as "
					"session.scalars(select(...)).all())",
					util_show(w, n).s, chain_methods);
		if (!last && !(r->unique && lex_eq(w, n, "unique")) &&
		    !(r->scalars && lex_eq(w, n, "scalars")))
			return lex_fail(c, w, "unknown method '%s' (expected %s)",
					util_show(w, n).s, r->expected);
		if (last && !scalars)
			return lex_fail(c, w,
					"expected .scalars() before .%s(): session.execute() "
					"returns rows, .scalars() their objects",
					util_show(w, n).s);
		if (lex_expect(c, '(') || lex_expect(c, ')'))
			return -1;
		s->unique |= lex_eq(w, n, "unique");
		scalars |= lex_eq(w, n, "scalars");
		s->first = lex_eq(w, n, "first");
		if (last && !lex_at_end(c))
			return lex_fail(c, lex_here(c), "expected the end of the line after .%s()",
					s->first ? "first" : "all");
	}
	return 0;
}

int expr_python_parse(struct lex *c, bool session, struct expr_command *out)
{
	const char *w;
	enum api api = API_SELECT;
	if (session) {
		if (lex_expect(c, '.'))
			return -1;
		size_t n = lex_token(c, &w, true);
		api = lex_eq(w, n, "query")	? API_QUERY
		      : lex_eq(w, n, "scalars") ? API_SCALARS
		      : lex_eq(w, n, "execute") ? API_EXECUTE
						: API_SELECT;
		if (api == API_SELECT)
			return lex_fail(c, w,
					"expected session.query(...), session.scalars(...) or "
					"session.execute(...)");
		if (api != API_QUERY) {
			if (lex_expect(c, '('))
				return -1;
			n = lex_token(c, &w, true);
			if (!lex_eq(w, n, "select"))
				return lex_fail(c, w, "expected select(...)");
		}
	}
	const struct entity *e;
	if (lex_expect(c, '(') || !(e = parse_entity(c)) || lex_expect(c, ')'))
		return -1;
	/* What the expression does not say is SQLAlchemy's default, whatever the
	 * prompt's defaults: lazy='select', every row, no WHERE, no ORDER BY. */
	struct spec *s = &out->spec;
	s->strategy = strategy_find("select");
	s->collection = e->collection;
	s->style = api == API_QUERY ? SPEC_QUERY : SPEC_SELECT;
	s->limit = s->offset = 0;
	s->nwhere = s->norder = 0;
	s->ordered = true;
	s->innerjoin = s->conflict = s->first = s->unique = false;
	struct options o = { .strategy = NULL };
	if (parse_chain(c, e, s, &o) || (session && api != API_QUERY && lex_expect(c, ')')) ||
	    parse_results(c, api, s))
		return -1;
	if (o.strategy) {
		s->strategy = o.strategy;
		s->innerjoin = o.innerjoin == 1;
		s->conflict = o.conflict;
	}
	out->kind = EXPR_RUN;
	out->from_python = true;
	return 0;
}
