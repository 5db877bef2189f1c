/* lesson_directive: the lesson file's @directives, one handler each in a const
 * table (see lesson.h for the format). To add one: a handler and a table row
 * here, its field in struct lesson_step (lesson.h), and lessons/README.md. */
#include "config.h"

#include "expr.h"
#include "lesson_parser.h"
#include "util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum { LIST_MAX = 256, WORD_MAX = 32 };

#define COUNT(a) (sizeof(a) / sizeof *(a))

/* The settings in args for directive dir (ctx's words) into b: how many, or -1. */
static int settings(struct lesson_parser *p, const char *dir, enum spec_context ctx,
		    const char *args, struct spec_bench *b)
{
	struct spec_error e;
	int n = spec_parse(args, strlen(args), ctx, dir, b, &e);
	return n < 0 ? lesson_fail(p, p->line, "%s: %s", dir, e.msg) : n;
}

static void join(struct sbuf *b, const char *s)
{
	if (b->len)
		sbuf_addc(b, ' ');
	sbuf_add(b, s);
}

static int do_step(struct lesson_parser *p, char *args)
{
	if (lesson_finish_step(p))
		return -1;
	if (p->l->nsteps == LESSON_MAX_STEPS)
		return lesson_fail(p, p->line, "@step: a lesson has at most %d steps",
				   LESSON_MAX_STEPS);
	lesson_open_step(p, args, p->line);
	return 0;
}

static int do_dataset(struct lesson_parser *p, char *args)
{
	struct spec_bench b = { .base = p->dataset };
	char words[128];
	int n = settings(p, "@dataset", SPEC_DATASET, args, &b);
	if (n == 0)
		return lesson_fail(p, p->line, "@dataset: expected %s",
				   spec_words(SPEC_DATASET, " or ", words, sizeof words));
	p->dataset = b.base;
	struct spec_error e;
	if (n > 0 && spec_check(&p->dataset, &e))
		return lesson_fail(p, p->line, "@dataset: %s", e.msg);
	return n < 0 ? -1 : 0;
}

static int do_run(struct lesson_parser *p, char *args)
{
	struct lesson_step *st = lesson_need_step(p);
	if (st->has_run)
		return lesson_fail(p, p->line, "@run: this step already has a @%s (line %d)",
				   st->exercise ? "start" : "run", st->run_line);
	size_t n = word_len(args);
	struct spec_bench b = { .base = p->dataset };
	struct spec_error e;
	if (n == 0)
		return lesson_fail(p, p->line, "@run: expected a strategy (strategies: %s)",
				   strategy_names());
	if (!(b.base.strategy = spec_strategy(args, n, &e)))
		return lesson_fail(p, p->line, "@run: %s", e.msg);
	if (settings(p, "@run", SPEC_RUN, args + n, &b) < 0)
		return -1;
	if (spec_check(&b.base, &e))
		return lesson_fail(p, p->line, "@run: %s", e.msg);
	st->run = b.base;
	st->has_run = true;
	st->run_line = p->line;
	return 0;
}

/* text as the prompt takes it over the workload defaults: a run's spec. */
static int prompt_run(struct lesson_parser *p, int line, const char *dir, const char *text,
		      const struct spec *defaults, struct spec *out)
{
	struct expr_command c;
	char *err = NULL;
	if (expr_parse(text, defaults, &c, &err)) {
		lesson_fail(p, line, "%s: %s (in '%s')", dir, err, util_show(text, strlen(text)).s);
		free(err);
		return -1;
	}
	enum expr_kind kind = c.kind;
	*out = c.spec;
	expr_command_done(&c);
	if (kind != EXPR_RUN)
		return lesson_fail(p, line,
				   "%s: expected a run: 'run STRATEGY ...' or a "
				   "SQLAlchemy query",
				   dir);
	struct spec_error e;
	return spec_check(out, &e) ? lesson_fail(p, line, "%s: %s", dir, e.msg) : 0;
}

static int do_start(struct lesson_parser *p, char *args)
{
	struct lesson_step *st = lesson_need_step(p);
	if (st->has_run)
		return lesson_fail(p, p->line, "@start: this step already has a @%s (line %d)",
				   st->exercise ? "start" : "run", st->run_line);
	if (prompt_run(p, p->line, "@start", args, &p->dataset, &st->run))
		return -1;
	st->start = util_strdup(args);
	st->has_run = st->exercise = true;
	st->run_line = p->line;
	return 0;
}

int lesson_check_exercise(struct lesson_parser *p, const struct lesson_step *st)
{
	struct spec solved;
	if (st->nexpects == 0)
		return lesson_fail(p, st->run_line,
				   "@start: an exercise needs @expect lines: "
				   "what the learner's run must show");
	if (!st->solution)
		return lesson_fail(p, st->run_line,
				   "@start: an exercise needs a @solution: a "
				   "run that meets its @expects");
	/* The learner's runs on an exercise step start from its @start's workload. */
	return prompt_run(p, p->solution_line, "@solution", st->solution, &st->run, &solved);
}

static int do_predict(struct lesson_parser *p, char *args)
{
	struct lesson_step *st = lesson_need_step(p);
	if (!st->has_run)
		return lesson_fail(p, p->line,
				   "@predict needs a @run or @start earlier in this step");
	if (strcmp(args, "statements") && strcmp(args, "rows"))
		return lesson_fail(p, p->line, "@predict: expected statements or rows, not '%s'",
				   util_show(args, strlen(args)).s);
	st->has_predict = true;
	st->predict = strcmp(args, "rows") ? LESSON_EXPECT_STATEMENTS : LESSON_EXPECT_ROWS;
	return 0;
}

static const struct {
	const char *word;
	enum lesson_op op;
} ops[] = { { "=", LESSON_EQ },
	    { "<", LESSON_LT },
	    { "<=", LESSON_LE },
	    { ">", LESSON_GT },
	    { ">=", LESSON_GE } };

/* "text" with \" and \\ escapes at *s, into *out (caller frees); s moves past it. */
static int parse_quoted(struct lesson_parser *p, const char *dir, const char **s, char **out)
{
	if (**s != '"')
		return lesson_fail(p, p->line, "%s: expected \"text\" in double quotes", dir);
	struct sbuf b;
	sbuf_init(&b);
	const char *c = *s + 1;
	for (; *c && *c != '"'; c++) {
		if (*c == '\\' && (c[1] == '"' || c[1] == '\\'))
			c++;
		sbuf_addc(&b, *c);
	}
	if (*c != '"' || b.len == 0) {
		sbuf_done(&b);
		return lesson_fail(p, p->line,
				   *c ? "%s: expected some text between the quotes"
				      : "%s: the \"text\" has no closing quote",
				   dir);
	}
	*s = c + 1;
	*out = sbuf_steal(&b);
	return 0;
}

/* statements OP N | rows OP N: the operator and the count, from s. */
static int parse_count(struct lesson_parser *p, const char *dir, const char *s,
		       struct lesson_expect *e)
{
	while (is_space(*s))
		s++;
	size_t n = strspn(s, "<>=!~"), k = 0;
	while (k < COUNT(ops) && !(strlen(ops[k].word) == n && !memcmp(ops[k].word, s, n)))
		k++;
	if (n == 0)
		return lesson_fail(p, p->line,
				   "%s: expected an operator (=, <, <=, >, >=) and a count", dir);
	if (k == COUNT(ops))
		return lesson_fail(p, p->line,
				   "%s: unknown operator '%s' (expected =, <, <=, >, >=)", dir,
				   util_show(s, n).s);
	e->op = ops[k].op;
	s += n;
	while (is_space(*s))
		s++;
	n = word_len(s);
	uint64_t v = 0;
	size_t i = 0;
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
		unsigned d = (unsigned)(s[i] - '0');
		if (v > (UINT64_MAX - d) / 10)
			break;
		v = v * 10 + d;
	}
	if (n == 0 || i < n)
		return lesson_fail(p, p->line,
				   "%s: invalid count '%s': expected a non-negative integer", dir,
				   util_show(s, n).s);
	e->n = v;
	return blank(s + n) ? 0
			    : lesson_fail(p, p->line, "%s: unexpected text after the count", dir);
}

static int do_expect(struct lesson_parser *p, char *args)
{
	struct lesson_step *st = lesson_need_step(p);
	if (!st->has_run)
		return lesson_fail(p, p->line,
				   "@expect needs a @run or @start earlier in this step");
	/* The check is a word of letters: "statements>=2" reads as well as with spaces. */
	size_t n = strspn(args, "abcdefghijklmnopqrstuvwxyz");
	const char *s = args + n;
	struct lesson_expect e = { .op = LESSON_EQ, .line = p->line };
	char dir[WORD_MAX + 8];
	snprintf(dir, sizeof dir, "@expect %.*s", (int)n, args);
	int rc;
	if (n == 10 && !memcmp(args, "statements", n)) {
		e.kind = LESSON_EXPECT_STATEMENTS;
		rc = parse_count(p, dir, s, &e);
	} else if (n == 4 && !memcmp(args, "rows", n)) {
		e.kind = LESSON_EXPECT_ROWS;
		rc = parse_count(p, dir, s, &e);
	} else if (n == 9 && !memcmp(args, "statement", n)) {
		e.kind = LESSON_EXPECT_STATEMENT;
		while (is_space(*s))
			s++;
		if (*s++ != '~')
			return lesson_fail(p, p->line, "%s: expected ~ \"text\"", dir);
		while (is_space(*s))
			s++;
		rc = parse_quoted(p, dir, &s, &e.text);
	} else if (n == 6 && !memcmp(args, "raises", n)) {
		e.kind = LESSON_EXPECT_RAISES;
		while (is_space(*s))
			s++;
		rc = *s ? parse_quoted(p, dir, &s, &e.text) : 0;
	} else if (*args) {
		return lesson_fail(p, p->line,
				   "@expect: unknown check '%s' (expected statements, rows, "
				   "statement or raises)",
				   util_show(args, word_len(args)).s);
	} else {
		return lesson_fail(p, p->line,
				   "@expect: expected statements, rows, statement or raises");
	}
	if (rc == 0 && (e.kind == LESSON_EXPECT_STATEMENT || e.kind == LESSON_EXPECT_RAISES) &&
	    !blank(s))
		rc = lesson_fail(p, p->line, "%s: unexpected text after the closing quote", dir);
	if (rc) {
		free(e.text);
		return -1;
	}
	if (st->nexpects == p->expect_cap) {
		p->expect_cap = p->expect_cap ? 2 * p->expect_cap : 4;
		st->expects = util_realloc(st->expects, (size_t)p->expect_cap * sizeof e);
	}
	st->expects[st->nexpects++] = e;
	return 0;
}

static int do_chart(struct lesson_parser *p, char *args)
{
	struct lesson_step *st = lesson_need_step(p);
	if (st->has_chart)
		return lesson_fail(p, p->line, "@chart: this step already has a @chart (line %d)",
				   st->chart.line);
	struct spec zero = { .identity_map = true };
	struct lesson_chart c = { .bench = spec_bench_default(&zero), .line = p->line };
	if (settings(p, "@chart", SPEC_CHART, args, &c.bench) < 0)
		return -1;
	st->chart = c;
	st->has_chart = true;
	return 0;
}

static int do_hint(struct lesson_parser *p, char *args)
{
	lesson_need_step(p);
	join(&p->hint, args);
	return 0;
}

static int do_solution(struct lesson_parser *p, char *args)
{
	struct lesson_step *st = lesson_need_step(p);
	if (st->solution)
		return lesson_fail(p, p->line,
				   "@solution: this step already has a @solution (line %d)",
				   p->solution_line);
	st->solution = util_strdup(args);
	p->solution_line = p->line;
	return 0;
}

static int do_quiz(struct lesson_parser *p, char *args)
{
	struct lesson_step *st = lesson_need_step(p);
	if (st->quiz)
		return lesson_fail(p, p->line, "@quiz: this step already has a @quiz (line %d)",
				   st->quiz->line);
	st->quiz = util_calloc(1, sizeof *st->quiz);
	st->quiz->question = util_strdup(args);
	st->quiz->answer = -1; /* until @answer: finish_step reports a quiz without one */
	st->quiz->line = p->line;
	return 0;
}

/* The current step's quiz, for @option, @answer and @explain. */
static struct lesson_quiz *need_quiz(struct lesson_parser *p, const char *dir)
{
	struct lesson_quiz *q = lesson_need_step(p)->quiz;
	if (!q)
		lesson_fail(p, p->line, "%s needs a @quiz earlier in this step", dir);
	return q;
}

static int do_option(struct lesson_parser *p, char *args)
{
	struct lesson_quiz *q = need_quiz(p, "@option");
	if (!q)
		return -1;
	if (q->noptions == LESSON_MAX_OPTIONS)
		return lesson_fail(p, p->line, "@option: a quiz has at most %d options",
				   LESSON_MAX_OPTIONS);
	q->options[q->noptions++] = util_strdup(args);
	return 0;
}

static int do_answer(struct lesson_parser *p, char *args)
{
	struct lesson_quiz *q = need_quiz(p, "@answer");
	long n;
	if (!q)
		return -1;
	if (q->answer >= 0)
		return lesson_fail(p, p->line,
				   "@answer: this quiz already has an @answer (line %d)",
				   p->answer_line);
	if (q->noptions == 0)
		return lesson_fail(p, p->line, "@answer: expected the @option lines first");
	if (util_parse_long(args, 1, q->noptions, &n))
		return lesson_fail(p, p->line,
				   "@answer: invalid answer '%s': expected an integer from 1 "
				   "to %d (the options so far)",
				   util_show(args, strlen(args)).s, q->noptions);
	q->answer = (int)n - 1;
	p->answer_line = p->line;
	return 0;
}

static int do_explain(struct lesson_parser *p, char *args)
{
	if (!need_quiz(p, "@explain"))
		return -1;
	join(&p->explain, args);
	return 0;
}

/* One word of s (up to a space) into w; s moves past it and its spaces. */
static size_t next_word(char **s, char *w, size_t size)
{
	size_t n = word_len(*s);
	snprintf(w, size, "%.*s", (int)(n < size ? n : size - 1), *s);
	*s += n;
	while (is_space(**s))
		(*s)++;
	return n;
}

/* A strategy of the step's @chart, by the word w. */
static const struct strategy *chart_strategy(struct lesson_parser *p, const struct lesson_step *st,
					     const char *w)
{
	const struct strategy *s = strategy_find(w);
	if (!s) {
		lesson_fail(p, p->line, "@claim: unknown strategy '%s' (strategies: %s)",
			    util_show(w, strlen(w)).s, strategy_names());
		return NULL;
	}
	for (int k = 0; k < st->chart.bench.nstrategies; k++)
		if (st->chart.bench.strategies[k] == s)
			return s;
	lesson_fail(p, p->line, "@claim: '%s' is not in the @chart's strategies (line %d)", w,
		    st->chart.line);
	return NULL;
}

static int do_claim(struct lesson_parser *p, char *args)
{
	struct lesson_step *st = lesson_need_step(p);
	if (!st->has_chart)
		return lesson_fail(p, p->line, "@claim needs a @chart earlier in this step");
	char a[WORD_MAX], verb[WORD_MAX], b[WORD_MAX], w[WORD_MAX * 2];
	struct lesson_claim c = { .by = 1, .line = p->line };
	next_word(&args, a, sizeof a);
	next_word(&args, verb, sizeof verb);
	next_word(&args, b, sizeof b);
	if (strcmp(verb, "faster") != 0 || !*b)
		return lesson_fail(p, p->line,
				   "@claim: expected 'A faster B orders=N' (e.g. 'joined faster "
				   "selectin orders=10000')");
	if (!(c.faster = chart_strategy(p, st, a)) || !(c.slower = chart_strategy(p, st, b)))
		return -1;
	while (*args) {
		next_word(&args, w, sizeof w);
		char *eq = strchr(w, '=');
		const char *v = eq ? eq + 1 : "";
		if (eq)
			*eq = '\0';
		if (!strcmp(w, "orders") && !util_parse_long(v, 1, SPEC_MAX_ROWS, &c.orders))
			continue;
		if (!strcmp(w, "by") && !util_parse_double(v, 1, 1000, &c.by))
			continue;
		if (!strcmp(w, "engine") && (!strcmp(v, "nplus1") || !strcmp(v, "sqlalchemy"))) {
			c.sqlalchemy = !strcmp(v, "sqlalchemy");
			continue;
		}
		return lesson_fail(p, p->line,
				   "@claim: invalid '%s%s%s' (expected orders=N, by=X from 1 to "
				   "1000, engine=nplus1 or engine=sqlalchemy)",
				   util_show(w, strlen(w)).s, eq ? "=" : "",
				   util_show(v, strlen(v)).s);
	}
	bool sized = false;
	for (int i = 0; i < st->chart.bench.nsizes; i++)
		sized |= st->chart.bench.sizes[i] == c.orders;
	if (!c.orders)
		return lesson_fail(p, p->line,
				   "@claim: expected orders=N, one of the @chart's sizes (line %d)",
				   st->chart.line);
	if (!sized)
		return lesson_fail(p, p->line,
				   "@claim: orders=%ld is not one of the @chart's sizes (line %d)",
				   c.orders, st->chart.line);
	st->claims = util_realloc(st->claims, (size_t)(st->nclaims + 1) * sizeof c);
	st->claims[st->nclaims++] = c;
	return 0;
}

static const struct directive {
	const char *name;
	int (*parse)(struct lesson_parser *p, char *args); /* args: trimmed */
	const char *needs; /* what args must hold when it cannot be empty, or NULL */
} directives[] = {
	{ "step", do_step, "a title" },
	{ "dataset", do_dataset, NULL },
	{ "run", do_run, NULL },
	{ "start", do_start, "a run: 'run STRATEGY ...' or a SQLAlchemy query" },
	{ "predict", do_predict, "statements or rows" },
	{ "expect", do_expect, NULL },
	{ "chart", do_chart, NULL },
	{ "claim", do_claim, "a ranking: 'A faster B orders=N'" },
	{ "hint", do_hint, "text" },
	{ "solution", do_solution, "what the learner can type" },
	{ "quiz", do_quiz, "a question" },
	{ "option", do_option, "the option's text" },
	{ "answer", do_answer, NULL },
	{ "explain", do_explain, "text" },
};

int lesson_directive(struct lesson_parser *p, char *s)
{
	size_t n = word_len(s);
	for (const struct directive *d = directives; d < directives + COUNT(directives); d++) {
		if (strlen(d->name) != n || memcmp(d->name, s, n) != 0)
			continue;
		char *args = trim(s + n);
		if (d->needs && !*args)
			return lesson_fail(p, p->line, "@%s: expected %s", d->name, d->needs);
		return d->parse(p, args);
	}
	char list[LIST_MAX] = "";
	for (size_t i = 0; i < COUNT(directives); i++)
		snprintf(list + strlen(list), LIST_MAX - strlen(list), "%s@%s", i ? ", " : "",
			 directives[i].name);
	return lesson_fail(p, p->line, "unknown directive '@%s' (directives: %s)",
			   util_show(s, n).s, list);
}

const char *lesson_op_word(enum lesson_op op)
{
	for (size_t k = 0; k < COUNT(ops); k++)
		if (ops[k].op == op)
			return ops[k].word;
	return "?";
}
