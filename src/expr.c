/* expr: the ":" prompt's two languages, tutor commands and the SQLAlchemy a learner
 * would write, parsed into a struct expr_command; and completion for both.
 *
 * One cursor walks the line left to right. Every loop consumes input or stops, and
 * nothing recurses, so any line (a fuzzer's, a 1 MB paste) ends in a result or an
 * error. Invariants: the cursor never reads at or past end (the line without its
 * trailing whitespace); the first error wins and names the column where the cursor
 * stopped. Command, setting, option and entity names live in const tables shared by
 * the parser, its error messages and completion, so the three cannot drift apart. */
#include "config.h"

#include "expr.h"
#include "util.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { LIST_MAX = 256 }; /* a list of names in an error */

struct cursor {
	const char *s;
	size_t pos, end; /* end: one past the last non-space byte */
	char *err;	 /* the first error, "column N: ..." */
};

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

/* The i-th option as completion offers it, with its '(': "joinedload(". */
static const char *option_call(size_t i)
{
	static char calls[STRATEGY_COUNT][32];
	const struct strategy *s = option_at(i);
	if (!s)
		return NULL;
	snprintf(calls[i], sizeof calls[i], "%s(", s->option);
	return calls[i];
}

/* The tutorial's two mapped classes, each with its one relationship. */
static const struct entity {
	const char *name, *rel, *path;
	bool collection; /* the relationship is a collection: the workload reads len() */
} entities[] = {
	{ "Order", "customer", "Order.customer", false },
	{ "Customer", "orders", "Customer.orders", true },
};

#define COUNT(a) (sizeof(a) / sizeof *(a))

static bool is_space(char ch) { return ch == ' ' || (ch >= '\t' && ch <= '\r'); }

static bool is_ident(char ch, bool first)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_' ||
	       (!first && ch >= '0' && ch <= '9');
}

static bool eq(const char *w, size_t n, const char *name)
{
	return strlen(name) == n && memcmp(w, name, n) == 0;
}

/* Append to a list for an error message; it is cut, never overrun, at LIST_MAX. */
__attribute__((format(printf, 2, 3))) static void append(char list[LIST_MAX], const char *fmt,
							   ...)
{
	size_t len = strlen(list);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(list + len, LIST_MAX - len, fmt, ap);
	va_end(ap);
}

/* Record the error at at (a pointer into the line); always -1. */
__attribute__((format(printf, 3, 4))) static int fail(struct cursor *c, const char *at,
						       const char *fmt, ...)
{
	if (c->err)
		return -1;
	/* Columns count characters: a UTF-8 continuation byte does not start one. */
	size_t col = 1;
	for (const char *p = c->s; p < at && p < c->s + c->end; p++)
		col += ((unsigned char)*p & 0xC0) != 0x80;
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	c->err = util_printf("column %zu: %s", col, msg);
	return -1;
}

static const char *here(const struct cursor *c) { return c->s + c->pos; }

static void skip_space(struct cursor *c)
{
	while (c->pos < c->end && is_space(c->s[c->pos]))
		c->pos++;
}

static bool at_end(struct cursor *c)
{
	skip_space(c);
	return c->pos >= c->end;
}

static bool accept(struct cursor *c, char ch)
{
	if (at_end(c) || c->s[c->pos] != ch)
		return false;
	c->pos++;
	return true;
}

static int expect(struct cursor *c, char ch)
{
	return accept(c, ch) ? 0 : fail(c, here(c), "expected '%c'", ch);
}

/* The identifier (ident) or whitespace-delimited word (!ident) after any spaces:
 * its start in *w, its length as the result (0 when there is none). */
static size_t token(struct cursor *c, const char **w, bool ident)
{
	skip_space(c);
	*w = here(c);
	size_t n = 0;
	while (c->pos + n < c->end &&
	       (ident ? is_ident((*w)[n], n == 0) : !is_space((*w)[n])))
		n++;
	c->pos += n;
	return n;
}

/* A spec error at offset base of the line, as this parser's error. */
static int spec_fail(struct cursor *c, size_t base, const struct spec_error *e)
{
	return fail(c, c->s + base + e->at, "%s", e->msg);
}

struct command {
	const char *name;
	enum expr_kind kind;
	int (*parse)(struct cursor *c, const struct command *cmd, struct expr_command *out);
	int settings; /* the spec_context of its settings, or -1 for none */
	bool alias;   /* accepted, but not offered by completion or error messages */
};

/* The command's settings up to the end of the line: how many, or -1. */
static int parse_params(struct cursor *c, const struct command *cmd, struct expr_command *out)
{
	enum spec_context ctx = (enum spec_context)cmd->settings;
	struct spec_bench b = out->bench;
	struct spec_error e;
	if (ctx != SPEC_BENCH)
		b.base = out->spec;
	size_t base = c->pos;
	int n = spec_parse(c->s + base, c->end - base, ctx, cmd->name, &b, &e);
	c->pos = c->end;
	if (n < 0)
		return spec_fail(c, base, &e);
	if (ctx == SPEC_BENCH)
		out->bench = b;
	else
		out->spec = b.base;
	return n;
}

static int parse_run(struct cursor *c, const struct command *cmd, struct expr_command *out)
{
	const char *w;
	size_t n = token(c, &w, false);
	struct spec_error e;
	if (n == 0)
		return fail(c, w, "expected a strategy (strategies: %s)", strategy_names());
	if (!(out->spec.strategy = spec_strategy(w, n, &e)))
		return fail(c, w, "%s", e.msg);
	if (parse_params(c, cmd, out) < 0)
		return -1;
	return spec_check(&out->spec, &e) ? fail(c, w, "%s", e.msg) : 0;
}

static int parse_bench(struct cursor *c, const struct command *cmd, struct expr_command *out)
{
	out->bench = spec_bench_default(&out->spec);
	const char *at = here(c);
	struct spec_error e;
	if (parse_params(c, cmd, out) < 0)
		return -1;
	return spec_bench_check(&out->bench, &e) ? fail(c, at, "%s", e.msg) : 0;
}

static int parse_set(struct cursor *c, const struct command *cmd, struct expr_command *out)
{
	int count = parse_params(c, cmd, out);
	char words[128];
	if (count == 0)
		return fail(c, here(c), "expected %s", spec_words(SPEC_SET, " or ", words, sizeof words));
	struct spec_error e;
	if (count < 0)
		return -1;
	return spec_check(&out->spec, &e) ? fail(c, here(c), "%s", e.msg) : 0;
}

static int parse_text(struct cursor *c, const struct command *cmd, struct expr_command *out)
{
	if (at_end(c))
		return fail(c, here(c), "expected a SQL statement after '%s'", cmd->name);
	size_t n = c->end - c->pos;
	out->text = util_malloc(n + 1);
	memcpy(out->text, here(c), n);
	out->text[n] = '\0';
	return 0;
}

static int parse_bare(struct cursor *c, const struct command *cmd, struct expr_command *out)
{
	(void)out;
	return at_end(c) ? 0 : fail(c, here(c), "%s takes no arguments", cmd->name);
}

/* reset: the database; reset progress: what the learner has done (confirmed). */
static int parse_reset(struct cursor *c, const struct command *cmd, struct expr_command *out)
{
	if (at_end(c))
		return 0;
	const char *at = here(c);
	if (c->end - c->pos == 8 && memcmp(at, "progress", 8) == 0) {
		c->pos = c->end;
		out->kind = EXPR_RESET_PROGRESS;
		return 0;
	}
	return fail(c, at, "%s takes no arguments but 'progress'", cmd->name);
}

static const struct command commands[] = {
	{ "run", EXPR_RUN, parse_run, SPEC_RUN, false },
	{ "bench", EXPR_BENCH, parse_bench, SPEC_BENCH, false },
	{ "set", EXPR_SET, parse_set, SPEC_SET, false },
	{ "sql", EXPR_SQL, parse_text, -1, false },
	{ "explain", EXPR_EXPLAIN, parse_text, -1, false },
	{ "reset", EXPR_RESET, parse_reset, -1, false },
	{ "help", EXPR_HELP, parse_bare, -1, false },
	{ "quit", EXPR_QUIT, parse_bare, -1, false },
	{ "q", EXPR_QUIT, parse_bare, -1, true },
	{ "exit", EXPR_QUIT, parse_bare, -1, true },
};

static const struct command *find_command(const char *w, size_t n)
{
	for (const struct command *cmd = commands; cmd < commands + COUNT(commands); cmd++)
		if (eq(w, n, cmd->name))
			return cmd;
	return NULL;
}

static int parse_tutor(struct cursor *c, struct expr_command *out)
{
	const char *w;
	size_t n = token(c, &w, false);
	const struct command *cmd = find_command(w, n);
	if (cmd) {
		out->kind = cmd->kind;
		return cmd->parse(c, cmd, out);
	}
	char list[LIST_MAX] = "";
	for (cmd = commands; cmd < commands + COUNT(commands); cmd++)
		if (!cmd->alias)
			append(list, "%s, ", cmd->name);
	return fail(c, w, "unknown command '%s' (commands: %sor a SQLAlchemy query)",
		    util_show(w, n).s, list);
}

static const struct entity *parse_entity(struct cursor *c)
{
	const char *w;
	size_t n = token(c, &w, true);
	for (const struct entity *e = entities; e < entities + COUNT(entities); e++)
		if (eq(w, n, e->name))
			return e;
	if (n == 0)
		fail(c, w, "expected an entity (Order or Customer)");
	else
		fail(c, w, "unknown entity '%s' (expected Order or Customer)", util_show(w, n).s);
	return NULL;
}

/* Entity.attr: the queried entity's relationship, or (want_id) its id for order_by. */
static int parse_attr(struct cursor *c, const struct entity *queried, bool want_id)
{
	skip_space(c);
	const char *start = here(c), *w;
	const struct entity *e = parse_entity(c);
	if (!e || expect(c, '.'))
		return -1;
	size_t n = token(c, &w, true);
	if (want_id && (e != queried || !eq(w, n, "id")))
		return fail(c, start, "only order_by(%s.id) is supported", queried->name);
	if (!want_id && !eq(w, n, e->rel))
		return fail(c, w, "%s has no relationship '%s' (it has %s)", e->name, util_show(w, n).s,
			    e->path);
	if (e != queried)
		return fail(c, start, "%s is not a relationship of %s", e->path, queried->name);
	return 0;
}

/* (OPT(REL[, sql_only=True])), after ".options". */
static int parse_options(struct cursor *c, const struct entity *queried, struct expr_command *out)
{
	if (expect(c, '('))
		return -1;
	const char *w;
	size_t n = token(c, &w, true);
	const struct strategy *o;
	size_t i = 0;
	while ((o = option_at(i)) && !eq(w, n, o->option))
		i++;
	if (!o) {
		char list[LIST_MAX] = "";
		for (i = 0; (o = option_at(i)); i++)
			append(list, "%s%s", i ? ", " : "", o->option);
		if (n == 0)
			return fail(c, w, "expected a loader option (%s)", list);
		return fail(c, w, "unknown loader option '%s' (expected %s)", util_show(w, n).s, list);
	}
	const struct strategy *strategy = o;
	if (expect(c, '(') || parse_attr(c, queried, false))
		return -1;
	if (accept(c, ',')) {
		n = token(c, &w, true);
		if (o != strategy_find("raise") || !eq(w, n, "sql_only"))
			return fail(c, w,
				    "unexpected argument (only raiseload takes sql_only=True)");
		if (expect(c, '='))
			return -1;
		n = token(c, &w, true);
		if (!eq(w, n, "True") && !eq(w, n, "False"))
			return fail(c, w, "expected True or False");
		if (eq(w, n, "True"))
			strategy = strategy_find("raise_on_sql");
	}
	if (expect(c, ')') || expect(c, ')'))
		return -1;
	out->spec.strategy = strategy;
	return 0;
}

/* (N), after ".limit". */
static int parse_limit(struct cursor *c, struct expr_command *out)
{
	if (expect(c, '('))
		return -1;
	skip_space(c);
	const char *w = here(c);
	size_t n = 0;
	while (c->pos + n < c->end && !is_space(w[n]) && !strchr("(),", w[n]))
		n++;
	c->pos += n;
	struct spec_bench b = { .base = out->spec };
	struct spec_error e;
	if (spec_set(SPEC_RUN, "limit", w, n, &b, &e))
		return fail(c, w, "%s", e.msg);
	out->spec = b.base;
	return expect(c, ')');
}

/* The query methods between the statement and its result calls. */
static int parse_chain(struct cursor *c, const struct entity *queried, struct expr_command *out)
{
	for (;;) {
		size_t mark = c->pos;
		const char *w;
		size_t n = accept(c, '.') ? token(c, &w, true) : 0;
		int rc;
		if (n && eq(w, n, "options"))
			rc = parse_options(c, queried, out);
		else if (n && eq(w, n, "limit"))
			rc = parse_limit(c, out);
		else if (n && eq(w, n, "order_by"))
			rc = expect(c, '(') || parse_attr(c, queried, true) || expect(c, ')');
		else {
			/* A result call, or something parse_results names in its error. */
			c->pos = mark;
			return 0;
		}
		if (rc)
			return -1;
	}
}

/* .all(), .scalars(), .unique() in any order, .all() last: habits differ between the
 * legacy Query and 2.0 style, and none of them changes the SQL. */
static int parse_results(struct cursor *c)
{
	for (bool first = true; !at_end(c); first = false) {
		const char *w;
		if (!accept(c, '.'))
			return fail(c, here(c), "expected '.' or the end of the line");
		size_t n = token(c, &w, true);
		if (!eq(w, n, "all") && !eq(w, n, "scalars") && !eq(w, n, "unique"))
			return fail(c, w, "unknown method '%s' (expected %s)", util_show(w, n).s,
				    first ? "options, limit, order_by, all, scalars, unique"
					  : "all, scalars, unique");
		if (expect(c, '(') || expect(c, ')'))
			return -1;
		if (eq(w, n, "all") && !at_end(c))
			return fail(c, here(c), "expected the end of the line after .all()");
	}
	return 0;
}

/* After "session" or "select": query(E)..., execute(select(E)...)..., or (E)... */
static int parse_python(struct cursor *c, bool session, struct expr_command *out)
{
	const char *w;
	bool wrapped = false;
	if (session) {
		if (expect(c, '.'))
			return -1;
		size_t n = token(c, &w, true);
		/* session.scalars(select(...)) is 2.0's shorthand for execute().scalars(). */
		wrapped = eq(w, n, "execute") || eq(w, n, "scalars");
		if (!wrapped && !eq(w, n, "query"))
			return fail(c, w, "expected session.query(...) or session.execute(...)");
		if (wrapped) {
			if (expect(c, '('))
				return -1;
			n = token(c, &w, true);
			if (!eq(w, n, "select"))
				return fail(c, w, "expected select(...)");
		}
	}
	const struct entity *e;
	if (expect(c, '(') || !(e = parse_entity(c)) || expect(c, ')'))
		return -1;
	/* No .options(): the relationship's own lazy='select'. No .limit(): all rows. */
	out->spec.strategy = strategy_find("select");
	out->spec.collection = e->collection;
	out->spec.limit = 0;
	if (parse_chain(c, e, out) || (wrapped && expect(c, ')')) || parse_results(c))
		return -1;
	out->kind = EXPR_RUN;
	out->from_python = true;
	return 0;
}

int expr_parse(const char *line, const struct spec *defaults,
	       struct expr_command *out, char **err)
{
	memset(out, 0, sizeof *out);
	out->spec = defaults ? *defaults : spec_default();
	struct cursor c = { .s = line ? line : "", .end = line ? strlen(line) : 0 };
	while (c.end > 0 && is_space(c.s[c.end - 1]))
		c.end--;
	if (at_end(&c)) {
		out->kind = EXPR_EMPTY;
		if (err)
			*err = NULL;
		return 0;
	}
	const char *w;
	size_t start = c.pos, n = token(&c, &w, true);
	int rc;
	if (eq(w, n, "session") || eq(w, n, "select")) {
		rc = parse_python(&c, eq(w, n, "session"), out);
	} else {
		c.pos = start;
		rc = parse_tutor(&c, out);
	}
	if (rc != 0)
		expr_command_done(out);
	if (err)
		*err = c.err;
	else
		free(c.err);
	return rc ? -1 : 0;
}

void expr_command_done(struct expr_command *c)
{
	free(c->text);
	c->text = NULL;
}

/* Completion's candidates for one context, before the prefix filters them. */
struct cands {
	const char *v[48];
	size_t n;
};

static void add(struct cands *k, const char *s)
{
	if (s && k->n < COUNT(k->v))
		k->v[k->n++] = s;
}

static void add_strategies(struct cands *k)
{
	for (size_t i = 0; strategy_at(i); i++) {
		add(k, strategy_at(i)->name);
		add(k, strategy_at(i)->alias);
	}
}

/* The context is the text before at: the first word (commands), a Python
 * expression (its names), run's second word (strategies), or a command's settings. */
const char *expr_complete(const char *line, size_t at, const char *prefix, size_t i)
{
	struct cands k = { .n = 0 };
	if (!line)
		line = "";
	if (!prefix)
		prefix = "";
	if (at > strlen(line))
		at = strlen(line);
	size_t p = 0, id = 0;
	while (p < at && is_space(line[p]))
		p++;
	const char *first = line + p; /* the first word, up to line + p */
	while (first + id < line + at && is_ident(first[id], id == 0))
		id++;
	while (p < at && !is_space(line[p]))
		p++;
	size_t q = p, ws = at; /* q: the second word; ws: where the word at at begins */
	while (q < at && is_space(line[q]))
		q++;
	while (ws > p && !is_space(line[ws - 1]))
		ws--;
	const struct command *cmd = find_command(first, (size_t)(line + p - first));
	if (eq(first, id, "session") || eq(first, id, "select")) {
		for (size_t e = 0; e < COUNT(entities); e++)
			add(&k, entities[e].name);
		for (size_t e = 0; e < COUNT(entities); e++)
			add(&k, entities[e].path);
		for (size_t o = 0; option_call(o); o++)
			add(&k, option_call(o));
	} else if (p == at) {
		for (size_t c = 0; c < COUNT(commands); c++)
			add(&k, commands[c].alias ? NULL : commands[c].name);
		add(&k, "session.query(");
		add(&k, "select(");
	} else if (ws < at) {
		/* Inside a word: only a strategies= value has names to offer. */
		if (!strncmp(line + ws, "strategies=", 11))
			add_strategies(&k);
	} else if (cmd && cmd->kind == EXPR_RUN && q == at) {
		add_strategies(&k);
	} else if (cmd && cmd->settings >= 0) {
		for (size_t w = 0; spec_word((enum spec_context)cmd->settings, w); w++)
			add(&k, spec_word((enum spec_context)cmd->settings, w));
	}
	for (size_t c = 0; c < k.n; c++)
		if (!strncmp(k.v[c], prefix, strlen(prefix)) && i-- == 0)
			return k.v[c];
	return NULL;
}
