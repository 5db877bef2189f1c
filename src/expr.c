/* expr: the ":" prompt's two languages parsed into a struct expr_command: the
 * tutor commands here, the SQLAlchemy a learner would write in expr_python.c;
 * and completion for both.
 *
 * One cursor (expr_lex.h) walks the line left to right. Every loop consumes input
 * or stops, and nothing recurses, so any line (a fuzzer's, a 1 MB paste) ends in a
 * result or an error naming the column where the cursor stopped. Command, setting,
 * option and entity names live in const tables shared by the parsers, their error
 * messages and completion, so the three cannot drift apart. */
#include "config.h"

#include "expr.h"
#include "expr_python.h"
#include "util.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A spec error at offset base of the line, as this parser's error. */
static int spec_fail(struct lex *c, size_t base, const struct spec_error *e)
{
	return lex_fail(c, c->s + base + e->at, "%s", e->msg);
}

#define COUNT(a) (sizeof(a) / sizeof *(a))

struct command {
	const char *name;
	enum expr_kind kind;
	int (*parse)(struct lex *c, const struct command *cmd, struct expr_command *out);
	int settings; /* the spec_context of its settings, or -1 for none */
	bool alias;   /* accepted, but not offered by completion or error messages */
};

/* The command's settings up to the end of the line: how many, or -1. */
static int parse_params(struct lex *c, const struct command *cmd, struct expr_command *out)
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

static int parse_run(struct lex *c, const struct command *cmd, struct expr_command *out)
{
	const char *w;
	size_t n = lex_token(c, &w, false);
	struct spec_error e;
	if (n == 0)
		return lex_fail(c, w, "expected a strategy (strategies: %s)", strategy_names());
	if (!(out->spec.strategy = spec_strategy(w, n, &e)))
		return lex_fail(c, w, "%s", e.msg);
	if (parse_params(c, cmd, out) < 0)
		return -1;
	return spec_check(&out->spec, &e) ? lex_fail(c, w, "%s", e.msg) : 0;
}

static int parse_bench(struct lex *c, const struct command *cmd, struct expr_command *out)
{
	out->bench = spec_bench_default(&out->spec);
	const char *at = lex_here(c);
	struct spec_error e;
	if (parse_params(c, cmd, out) < 0)
		return -1;
	return spec_bench_check(&out->bench, &e) ? lex_fail(c, at, "%s", e.msg) : 0;
}

static int parse_set(struct lex *c, const struct command *cmd, struct expr_command *out)
{
	int count = parse_params(c, cmd, out);
	char words[128];
	if (count == 0)
		return lex_fail(c, lex_here(c), "expected %s",
				spec_words(SPEC_SET, " or ", words, sizeof words));
	struct spec_error e;
	if (count < 0)
		return -1;
	return spec_check(&out->spec, &e) ? lex_fail(c, lex_here(c), "%s", e.msg) : 0;
}

static int parse_text(struct lex *c, const struct command *cmd, struct expr_command *out)
{
	if (lex_at_end(c))
		return lex_fail(c, lex_here(c), "expected a SQL statement after '%s'", cmd->name);
	size_t n = c->end - c->pos;
	out->text = util_malloc(n + 1);
	memcpy(out->text, lex_here(c), n);
	out->text[n] = '\0';
	return 0;
}

static int parse_bare(struct lex *c, const struct command *cmd, struct expr_command *out)
{
	(void)out;
	return lex_at_end(c) ? 0 : lex_fail(c, lex_here(c), "%s takes no arguments", cmd->name);
}

/* show N: a statement number, as the log numbers them. */
static int parse_show(struct lex *c, const struct command *cmd, struct expr_command *out)
{
	const char *w;
	size_t n = lex_token(c, &w, false);
	long v = 0;
	for (size_t i = 0; i < n && v >= 0 && v < 1000000000L; i++)
		v = w[i] >= '0' && w[i] <= '9' ? v * 10 + (w[i] - '0') : -1;
	if (n == 0 || v < 1 || v >= 1000000000L)
		return lex_fail(c, w, "%s expects a statement number, as the log numbers them",
				cmd->name);
	out->number = v;
	return parse_bare(c, cmd, out);
}

/* reset: the database; reset progress: what the learner has done (confirmed). */
static int parse_reset(struct lex *c, const struct command *cmd, struct expr_command *out)
{
	if (lex_at_end(c))
		return 0;
	const char *at = lex_here(c);
	if (c->end - c->pos == 8 && memcmp(at, "progress", 8) == 0) {
		c->pos = c->end;
		out->kind = EXPR_RESET_PROGRESS;
		return 0;
	}
	return lex_fail(c, at, "%s takes no arguments but 'progress'", cmd->name);
}

static const struct command commands[] = {
	{ "run", EXPR_RUN, parse_run, SPEC_RUN, false },
	{ "bench", EXPR_BENCH, parse_bench, SPEC_BENCH, false },
	{ "set", EXPR_SET, parse_set, SPEC_SET, false },
	{ "sql", EXPR_SQL, parse_text, -1, false },
	{ "explain", EXPR_EXPLAIN, parse_text, -1, false },
	{ "show", EXPR_SHOW, parse_show, -1, false },
	{ "reset", EXPR_RESET, parse_reset, -1, false },
	{ "help", EXPR_HELP, parse_bare, -1, false },
	{ "quit", EXPR_QUIT, parse_bare, -1, false },
	{ "q", EXPR_QUIT, parse_bare, -1, true },
	{ "exit", EXPR_QUIT, parse_bare, -1, true },
};

static const struct command *find_command(const char *w, size_t n)
{
	for (const struct command *cmd = commands; cmd < commands + COUNT(commands); cmd++)
		if (lex_eq(w, n, cmd->name))
			return cmd;
	return NULL;
}

static int parse_tutor(struct lex *c, struct expr_command *out)
{
	const char *w;
	size_t n = lex_token(c, &w, false);
	const struct command *cmd = find_command(w, n);
	if (cmd) {
		out->kind = cmd->kind;
		return cmd->parse(c, cmd, out);
	}
	char list[LEX_LIST_MAX] = "";
	for (cmd = commands; cmd < commands + COUNT(commands); cmd++)
		if (!cmd->alias)
			lex_append(list, "%s, ", cmd->name);
	return lex_fail(c, w, "unknown command '%s' (commands: %sor a SQLAlchemy query)",
			util_show(w, n).s, list);
}

int expr_parse(const char *line, const struct spec *defaults, struct expr_command *out, char **err)
{
	memset(out, 0, sizeof *out);
	out->spec = defaults ? *defaults : spec_default();
	struct lex c = { .s = line ? line : "", .end = line ? strlen(line) : 0 };
	while (c.end > 0 && lex_is_space(c.s[c.end - 1]))
		c.end--;
	if (lex_at_end(&c)) {
		out->kind = EXPR_EMPTY;
		if (err)
			*err = NULL;
		return 0;
	}
	const char *w;
	size_t start = c.pos, n = lex_token(&c, &w, true);
	int rc;
	if (lex_eq(w, n, "session") || lex_eq(w, n, "select")) {
		rc = expr_python_parse(&c, lex_eq(w, n, "session"), out);
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
	while (p < at && lex_is_space(line[p]))
		p++;
	const char *first = line + p; /* the first word, up to line + p */
	while (first + id < line + at && lex_is_ident(first[id], id == 0))
		id++;
	while (p < at && !lex_is_space(line[p]))
		p++;
	size_t q = p, ws = at; /* q: the second word; ws: where the word at at begins */
	while (q < at && lex_is_space(line[q]))
		q++;
	while (ws > p && !lex_is_space(line[ws - 1]))
		ws--;
	const struct command *cmd = find_command(first, (size_t)(line + p - first));
	if (lex_eq(first, id, "session") || lex_eq(first, id, "select")) {
		for (size_t w = 0; expr_python_word(w); w++)
			add(&k, expr_python_word(w));
	} else if (p == at) {
		for (size_t c = 0; c < COUNT(commands); c++)
			add(&k, commands[c].alias ? NULL : commands[c].name);
		add(&k, "session.query(");
		add(&k, "session.scalars(");
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
