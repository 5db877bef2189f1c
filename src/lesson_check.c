/* lesson_check: see lesson_check.h. */
#include "config.h"

#include "lesson_check.h"
#include "expr.h"
#include "util.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool lesson_expect_met(const struct lesson_expect *e, const struct lesson_outcome *o, char **why)
{
	const char *text = e->text ? e->text : "";
	bool met = false;
	uint64_t seen = e->kind == LESSON_EXPECT_ROWS ? o->rows : o->statements;
	switch (e->kind) {
	case LESSON_EXPECT_STATEMENTS:
	case LESSON_EXPECT_ROWS:
		met = e->op == LESSON_EQ   ? seen == e->n
		      : e->op == LESSON_LT ? seen < e->n
		      : e->op == LESSON_LE ? seen <= e->n
		      : e->op == LESSON_GT ? seen > e->n
					   : seen >= e->n;
		break;
	case LESSON_EXPECT_STATEMENT:
		for (size_t i = 0; i < o->nsql && !met; i++)
			met = o->sql && o->sql[i] && strstr(o->sql[i], text);
		break;
	case LESSON_EXPECT_RAISES: met = o->error && strstr(o->error, text); break;
	}
	if (!why)
		return met;
	*why = NULL;
	if (met)
		return true;
	if (e->kind == LESSON_EXPECT_STATEMENTS || e->kind == LESSON_EXPECT_ROWS)
		*why = util_printf("saw %" PRIu64 " %s%s", seen,
				   e->kind == LESSON_EXPECT_ROWS ? "row" : "statement",
				   seen == 1 ? "" : "s");
	else if (e->kind == LESSON_EXPECT_STATEMENT)
		*why = util_printf("no statement contains \"%s\"", text);
	else
		*why = o->error ? util_printf("raised '%s'", o->error)
				: util_strdup("the run did not raise");
	return false;
}

char *lesson_expect_text(const struct lesson_expect *e)
{
	switch (e->kind) {
	case LESSON_EXPECT_STATEMENTS:
	case LESSON_EXPECT_ROWS:
		return util_printf("%s %s %" PRIu64,
				   e->kind == LESSON_EXPECT_ROWS ? "rows" : "statements",
				   lesson_op_word(e->op), e->n);
	case LESSON_EXPECT_STATEMENT:
		return util_printf("a statement contains \"%s\"", e->text ? e->text : "");
	case LESSON_EXPECT_RAISES:
		return e->text ? util_printf("raises \"%s\"", e->text) : util_strdup("raises");
	}
	return util_strdup("?");
}

char *lesson_expect_task(const struct lesson_expect *e)
{
	static const char *const how[] = {
		[LESSON_EQ] = "",	    [LESSON_LT] = "fewer than ", [LESSON_LE] = "at most ",
		[LESSON_GT] = "more than ", [LESSON_GE] = "at least ",
	};
	switch (e->kind) {
	case LESSON_EXPECT_STATEMENTS:
	case LESSON_EXPECT_ROWS:
		return util_printf("%s%" PRIu64 " %s%s", how[e->op], e->n,
				   e->kind == LESSON_EXPECT_ROWS ? "row" : "statement",
				   e->n == 1 ? "" : "s");
	case LESSON_EXPECT_STATEMENT:
		return util_printf("\"%s\" in the SQL", e->text ? e->text : "");
	case LESSON_EXPECT_RAISES:
		return e->text ? util_printf("the run raises \"%s\"", e->text)
			       : util_strdup("the run raises");
	}
	return util_strdup("?");
}

/* ran orders its parents as the step's run does: the same number of ORDER BY
 * items, or by primary key where the run has none (a paged @run sorts by key, so
 * .order_by(Customer.id).limit(100) is the same page). */
static bool same_order(const struct spec *step, const struct spec *ran)
{
	if (ran->norder == step->norder)
		return true;
	return step->norder == 0 && ran->norder == 1 && !strcmp(ran->order[0].column, "id") &&
	       ran->order[0].dir != SPEC_DESC;
}

bool lesson_check_applies(const struct lesson_step *st, const struct spec *ran, bool typed)
{
	const struct spec *a = &st->run;
	if (st->exercise)
		return typed;
	/* The step's own experiment: its workload, and none of the query's extras
	 * (a WHERE, an order, an offset, .first(), innerjoin) that a @run never has. */
	return st->has_run && st->nexpects > 0 && a->strategy == ran->strategy &&
	       a->orders == ran->orders && a->customers == ran->customers &&
	       a->collection == ran->collection && a->identity_map == ran->identity_map &&
	       a->notes == ran->notes && a->limit == ran->limit && ran->nwhere == a->nwhere &&
	       ran->offset == a->offset && ran->first == a->first &&
	       ran->innerjoin == a->innerjoin && same_order(a, ran);
}

bool lesson_check_run(const struct lesson_step *st, uint64_t statements, uint64_t rows,
		      const char *error, struct loggroups *groups, struct lesson_check **out)
{
	size_t n = loggroups_len(groups);
	const char **sql = util_calloc(n + 1, sizeof *sql);
	for (size_t i = 0; i < n; i++)
		sql[i] = loggroups_get(groups, i)->sql;
	struct lesson_outcome o = { statements, rows, error, sql, n };
	struct lesson_check *c = util_calloc((size_t)st->nexpects + 1, sizeof *c);
	bool all = true;
	for (int k = 0; k < st->nexpects; k++) {
		c[k].met = lesson_expect_met(&st->expects[k], &o, &c[k].why);
		c[k].text = lesson_expect_text(&st->expects[k]);
		c[k].line = st->expects[k].line;
		all &= c[k].met;
	}
	free(sql);
	*out = c;
	return all;
}

void lesson_checks_free(struct lesson_check *c, int n)
{
	for (int i = 0; c && i < n; i++)
		free(c[i].text), free(c[i].why);
	free(c);
}

struct spec_bench lesson_chart_bench(const struct lesson_step *st, const struct spec *defaults)
{
	struct spec_bench b = st->chart.bench;
	b.base = st->has_run ? st->run : *defaults;
	b.base.collection = st->chart.bench.base.collection;
	b.base.customers = st->chart.bench.base.customers;
	/* A chart times each strategy, it does not test the step's API: a 2.0-style
	 * run (style=select) calls .unique(), so a joined collection has a bar
	 * instead of raising. */
	b.base.unique = true;
	return b;
}

bool lesson_solution_run(const struct lesson_step *st, struct spec *out)
{
	struct expr_command c;
	if (!st->exercise || !st->solution || expr_parse(st->solution, &st->run, &c, NULL))
		return false;
	bool run = c.kind == EXPR_RUN;
	*out = c.spec;
	expr_command_done(&c);
	return run;
}

char *lesson_claim_text(const struct lesson_claim *c)
{
	char by[32] = "";
	if (c->by > 1)
		snprintf(by, sizeof by, " by %gx", c->by);
	return util_printf("%s faster than %s%s at %ld orders (%s)", c->faster->name,
			   c->slower->name, by, c->orders, c->sqlalchemy ? "SQLAlchemy" : "nplus1");
}

/* The latest median of s at orders by the claim's engine. */
static bool claim_median(const struct lesson_claim *c, const struct lesson_measure *m, size_t n,
			 const struct strategy *s, double *ms)
{
	bool found = false;
	for (size_t i = 0; m && i < n; i++)
		if (m[i].strategy && strategy_find(m[i].strategy) == s &&
		    m[i].orders == c->orders && !m[i].sqlalchemy == !c->sqlalchemy)
			*ms = m[i].median_ms, found = true;
	return found;
}

int lesson_claim_check(const struct lesson_claim *c, const struct lesson_measure *m, size_t n,
		       char **seen)
{
	double a, b;
	if (!claim_median(c, m, n, c->faster, &a) || !claim_median(c, m, n, c->slower, &b)) {
		if (seen)
			*seen = util_strdup("not measured");
		return -1;
	}
	if (seen)
		*seen = util_printf("%s %.3f ms, %s %.3f ms (%.2fx)", c->faster->name, a,
				    c->slower->name, b, a > 0 ? b / a : 0);
	return a > 0 && b >= a * c->by ? 1 : 0;
}
