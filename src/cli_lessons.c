/* cli_lessons: `nplus1 lessons [--check] [DIR]`. Lists the lessons of DIR with
 * the learner's progress in each (as `rustlings list` does), or with
 * --check parses every one and runs every experiment headlessly, printing one
 * line per expectation (file:line, what was expected, what was seen) and a final
 * "N passed, N failed". A lesson that does not parse is one failure, its line the
 * parser's message. A step's @claims are checked against its chart, timed as b
 * times it: nplus1's always, SQLAlchemy's with --sqlalchemy. */
#include "config.h"

#include "cli.h"
#include "bench.h"
#include "benchproc.h"
#include "experiment.h"
#include "lesson_check.h"
#include "lesson_fill.h"
#include "lesson_load.h"
#include "loggroup.h"
#include "progress.h"
#include "summary.h"
#include "ui/keys.h"
#include "util.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct tally {
	int passed, failed;
};

/* The most bars a chart has: strategies x sizes, for both engines. */
enum { MEASURED_MAX = 2 * SPEC_MAX_LIST * SPEC_MAX_LIST };

static void collect(void *ctx, enum sqllog_event ev, const struct sqllog_entry *e)
{
	if (ev == SQLLOG_STATEMENT)
		loggroups_add(ctx, e->seq, e->sql, e->params, e->nparams);
}

/* Run spec for step st: its checks into *c (caller frees), whether all held;
 * -1 (and a FAIL line naming what at line) when the run itself failed. */
static int run_checks(struct experiment *ex, struct loggroups *groups, const char *path,
		      const struct lesson_step *st, const struct spec *spec, const char *what,
		      int line, struct lesson_check **c, struct tally *t)
{
	struct experiment_result res;
	loggroups_reset(groups);
	if (experiment_run(ex, spec, &res) == SESSION_FAILED) {
		printf("FAIL %s:%d: %s %s failed: %s\n", path, line, what, spec->strategy->name,
		       res.error ? res.error : "?");
		t->failed++;
		free(res.error);
		return -1;
	}
	bool all = lesson_check_run(st, res.queries, res.rows, res.error, groups, c);
	free(res.error);
	return all;
}

/* A @run step's checks must hold whichever API the learner types the query in:
 * run it again in the other style (spec.h) and name the first check that breaks. */
static void check_other_style(struct experiment *ex, struct loggroups *groups, const char *path,
			      const struct lesson_step *st, struct tally *t)
{
	static const char *const names[] = { [SPEC_QUERY] = "query", [SPEC_SELECT] = "select" };
	struct spec other = st->run;
	other.style = st->run.style == SPEC_QUERY ? SPEC_SELECT : SPEC_QUERY;
	struct lesson_check *c;
	int all = run_checks(ex, groups, path, st, &other, "@run", st->run_line, &c, t);
	if (all < 0)
		return;
	int k = 0;
	while (k < st->nexpects && c[k].met)
		k++;
	if (all) {
		printf("ok   %s:%d: the checks hold with style=%s too\n", path, st->run_line,
		       names[other.style]);
		t->passed++;
	} else {
		printf("FAIL %s:%d: expected %s with style=%s too: a learner may type either "
		       "form; %s\n",
		       path, c[k].line, c[k].text, names[other.style], c[k].why);
		t->failed++;
	}
	lesson_checks_free(c, st->nexpects);
}

/* The step's run, and each @expect on it: ok or FAIL with what was seen. For an
 * exercise, that is its solution's run, and first its @start must leave at least
 * one @expect unmet: an exercise whose starting code passes teaches nothing. */
static void check_run(struct experiment *ex, struct loggroups *groups, const char *path,
		      const struct lesson_step *st, struct tally *t)
{
	struct spec spec = st->run;
	struct lesson_check *c;
	if (st->exercise) {
		int all = run_checks(ex, groups, path, st, &st->run, "@start", st->run_line, &c, t);
		if (all == 1)
			printf("FAIL %s:%d: @start already meets every @expect: an exercise must "
			       "leave something to fix\n",
			       path, st->run_line);
		else if (all == 0)
			printf("ok   %s:%d: @start leaves something to fix\n", path, st->run_line);
		if (all >= 0) {
			all == 1 ? t->failed++ : t->passed++;
			lesson_checks_free(c, st->nexpects);
		}
		lesson_solution_run(st, &spec);
	}
	if (run_checks(ex, groups, path, st, &spec, st->exercise ? "@solution" : "@run",
		       st->run_line, &c, t) < 0)
		return;
	for (int k = 0; k < st->nexpects; k++) {
		if (c[k].met) {
			printf("ok   %s:%d: %s\n", path, c[k].line, c[k].text);
			t->passed++;
		} else {
			printf("FAIL %s:%d: expected %s; %s\n", path, c[k].line, c[k].text,
			       c[k].why);
			t->failed++;
		}
	}
	lesson_checks_free(c, st->nexpects);
	if (!st->exercise)
		check_other_style(ex, groups, path, st, t);
}

/* The step's comparison as the tutor's b times it, from the built-in defaults. */
static void check_chart(struct experiment *ex, const char *path, const struct lesson_step *st,
			struct tally *t)
{
	struct spec def = spec_default();
	struct spec_bench b = lesson_chart_bench(st, &def);
	int failed = 0;
	for (int z = 0; z < b.nsizes; z++)
		for (int k = 0; k < b.nstrategies; k++) {
			struct spec spec = spec_bench_at(&b, z, k);
			struct experiment_timing tm;
			char *err = NULL;
			/* One timed run is enough to know the chart can be drawn. */
			enum session_status rc = experiment_time(ex, &spec, 1, &tm, &err, NULL);
			/* raise and raise_on_sql have no bar by design; another strategy
			 * that raises would leave a hole in the chart */
			bool by_design = !strncmp(spec.strategy->name, "raise", 5);
			if (rc == SESSION_FAILED || (rc == SESSION_RAISED && !by_design)) {
				printf("FAIL %s:%d: @chart %s at %ld orders: %s\n", path,
				       st->chart.line, spec.strategy->name, spec.orders, err);
				failed++;
			}
			free(err);
		}
	if (failed) {
		t->failed++;
	} else {
		printf("ok   %s:%d: @chart times every strategy and size\n", path, st->chart.line);
		t->passed++;
	}
}

/* The measurements of a chart, as lesson_fill and the claims read them. */
struct measured {
	struct lesson_measure m[MEASURED_MAX];
	char strategy[MEASURED_MAX][16], version[MEASURED_MAX][24];
	size_t n;
};

static void measured_row(void *ctx, const struct benchrow *r)
{
	struct measured *d = ctx;
	if (d->n >= MEASURED_MAX || r->error[0] || !strcmp(r->strategy, "raw"))
		return;
	snprintf(d->strategy[d->n], sizeof d->strategy[d->n], "%s", r->strategy);
	snprintf(d->version[d->n], sizeof d->version[d->n], "%s", r->version);
	d->m[d->n] = (struct lesson_measure){ d->strategy[d->n], r->orders, r->median_ms,
					      benchrow_sqlalchemy(r) ? d->version[d->n] : NULL };
	d->n++;
}

/* Each @claim of the step against its chart, timed with the chart's own repeat. */
static void check_claims(const char *path, const struct lesson_step *st, bool sqlalchemy,
			 struct tally *t)
{
	struct spec def = spec_default();
	struct spec_bench b = lesson_chart_bench(st, &def);
	struct measured d = { .n = 0 };
	bool want_sqla = false;
	for (int i = 0; i < st->nclaims; i++)
		want_sqla |= st->claims[i].sqlalchemy;
	char *err = NULL;
	if (bench_engine(&b, measured_row, &d, NULL, &err)) {
		printf("FAIL %s:%d: @chart: %s\n", path, st->chart.line, err);
		free(err);
		t->failed++;
		return;
	}
	const char *sqla_error = NULL;
	struct benchproc *proc = NULL;
	if (want_sqla && sqlalchemy) {
		proc = benchproc_sqlalchemy(&b);
		if (benchproc_poll(proc, -1, measured_row, &d) != BENCHPROC_DONE)
			sqla_error = benchproc_error(proc);
	}
	for (int i = 0; i < st->nclaims; i++) {
		const struct lesson_claim *c = &st->claims[i];
		char *text = lesson_claim_text(c), *seen = NULL;
		if (c->sqlalchemy && (!sqlalchemy || sqla_error)) {
			printf("skip %s:%d: @claim %s: %s\n", path, c->line, text,
			       sqla_error ? sqla_error : "lessons --check --sqlalchemy checks it");
		} else if (lesson_claim_check(c, d.m, d.n, &seen) == 1) {
			printf("ok   %s:%d: @claim %s: %s\n", path, c->line, text, seen);
			t->passed++;
		} else {
			printf("FAIL %s:%d: @claim %s: the chart shows %s\n", path, c->line, text,
			       seen);
			t->failed++;
		}
		free(text), free(seen);
	}
	benchproc_free(proc);
}

/* A {key NAME} in text at line that names no key of the tutor's table: a FAIL. */
static void check_key_names(const char *path, int line, const char *text, struct tally *t)
{
	char name[128], names[512];
	if (!lesson_fill_unknown_key(text, keys_known, name, sizeof name))
		return;
	keys_names(names, sizeof names);
	printf("FAIL %s:%d: unknown key name '%s' in {key %s} (names: %s)\n", path, line, name,
	       name, names);
	t->failed++;
}

/* Every text of l that is filled in on screen: its prose, hints and quiz. */
static void check_keys(const struct lesson *l, struct tally *t)
{
	for (int s = 0; s < l->nsteps; s++) {
		const struct lesson_step *st = &l->steps[s];
		for (int b = 0; b < st->nblocks; b++)
			if (st->blocks[b].kind == LESSON_PROSE)
				check_key_names(l->path, st->blocks[b].line, st->blocks[b].text, t);
		check_key_names(l->path, st->line, st->hint, t);
		if (!st->quiz)
			continue;
		check_key_names(l->path, st->quiz->line, st->quiz->question, t);
		for (int i = 0; i < st->quiz->noptions; i++)
			check_key_names(l->path, st->quiz->line, st->quiz->options[i], t);
		check_key_names(l->path, st->quiz->line, st->quiz->explain, t);
	}
}

int cli_lessons(int argc, char **argv)
{
	/* getopt_long, as run and bench: --check abbreviates (--che) and "--" ends
	 * the options. */
	static const struct option opts[] = {
		{ "check", no_argument, NULL, 'c' },
		{ "sqlalchemy", no_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	bool check = false, sqlalchemy = false;
	const char *dir = NULL;
	int opt;
	optind = 1, opterr = 0;
	while ((opt = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (opt == 's') {
			sqlalchemy = true;
			continue;
		}
		if (opt != 'c') {
			fprintf(stderr,
				"nplus1 lessons: unknown option '%s' (options: --check, "
				"--sqlalchemy)\n",
				argv[optind - 1]);
			return CLI_USAGE;
		}
		check = true;
	}
	if (optind < argc)
		dir = argv[optind++];
	if (optind < argc) {
		fprintf(stderr, "nplus1 lessons: unexpected argument '%s' after '%s'\n",
			argv[optind], dir);
		return CLI_USAGE;
	}
	if (!dir)
		dir = lesson_default_dir();
	struct lesson_set set;
	char *err = NULL;
	if (lesson_load_dir(dir, &set, &err)) {
		fprintf(stderr, "nplus1 lessons: %s\n", err);
		free(err);
		return CLI_FAILED;
	}
	if (set.n == 0) {
		char *search = dir ? NULL : lesson_search_path();
		fprintf(stderr, "nplus1 lessons: %s: no .lesson files\n", dir ? dir : search);
		free(search);
		lesson_set_done(&set);
		return CLI_FAILED;
	}
	/* The learner's progress, read where the tutor keeps it; a listing never
	 * creates the file. */
	char *path = progress_default_path(), *warning = NULL;
	struct progress *p = progress_open(path && access(path, F_OK) == 0 ? path : NULL, &warning);
	if (warning && path && access(path, F_OK) == 0 && !check)
		fprintf(stderr, "nplus1 lessons: %s\n", warning);
	free(warning), free(path);
	struct tally t = { 0, 0 };
	struct experiment *ex = experiment_new(64);
	struct loggroups *groups = loggroups_new();
	sqllog_subscribe(experiment_log(ex), collect, groups);
	for (int i = 0; i < set.n; i++) {
		const struct lesson *l = set.lessons[i];
		if (!l) { /* a check reports it as a failure; a listing, as an error */
			if (check)
				printf("FAIL %s\n", set.errors[i]);
			else
				fprintf(stderr, "nplus1 lessons: %s\n", set.errors[i]);
			t.failed++;
			continue;
		}
		if (!check) {
			struct summary sum = summary_of(l, set.names[i], p);
			char text[160];
			printf("%d. %s (%s, %d step%s): %s%s\n", i + 1, l->title, set.names[i],
			       l->nsteps, l->nsteps == 1 ? "" : "s",
			       summary_text(&sum, text, sizeof text), sum.done ? ", done" : "");
			continue;
		}
		check_keys(l, &t);
		for (int s = 0; s < l->nsteps; s++) {
			const struct lesson_step *st = &l->steps[s];
			if (st->has_run)
				check_run(ex, groups, l->path, st, &t);
			if (st->has_chart)
				check_chart(ex, l->path, st, &t);
			if (st->nclaims)
				check_claims(l->path, st, sqlalchemy, &t);
		}
	}
	if (check)
		printf("%d passed, %d failed\n", t.passed, t.failed);
	progress_close(p);
	loggroups_free(groups);
	experiment_free(ex);
	lesson_set_done(&set);
	return t.failed ? CLI_FAILED : CLI_OK;
}
