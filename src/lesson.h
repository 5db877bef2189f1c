/* lesson: the lesson file format, its parser and its model.
 *
 * A lesson is a plain-text file (lessons/NN-name.lesson) a person writes in an
 * editor; lessons/README.md documents the format with a complete example:
 *
 *   # Title                                   first line, required
 *   Prose. `code` spans. Blank lines separate paragraphs.
 *   ```python                                 fenced code: python, sql, or none
 *   orders = session.query(Order).all()
 *   ```
 *   @step Step title                          starts a step; text before the first
 *                                             @step is step 1, titled like the lesson
 *   @dataset orders=N customers=M [notes=B]   defaults for the runs that follow
 *   @run STRATEGY [orders=N] [customers=M] [collection] [noidmap] [notes=B]
 *        [limit=N] [latency=MS]               the experiment 'r' runs in this step
 *   @start LINE                               instead of @run: an exercise. r runs
 *                                             LINE (a prompt line: run ... or a
 *                                             SQLAlchemy query); the @expects hold
 *                                             only for the learner's own runs
 *   @predict statements|rows                  ask for a guess before r runs
 *   @expect statements OP N                   OP is = < <= > >=
 *   @expect rows OP N
 *   @expect statement ~ "text"                some statement's SQL contains text
 *   @expect raises ["text"]                   the run raised (with text in it)
 *   @chart [strategies=S,S] [orders=N,N] [customers=M] [repeat=K] [collection]
 *                                             a timed comparison for the chart
 *   @hint text                                repeatable: lines join with spaces
 *   @solution text                            what the learner can type (S shows it)
 *   @quiz question                            then two to nine @option lines,
 *   @option text                              one @answer N (1-based) and an
 *   @answer N                                 optional @explain text
 *   @explain text
 *
 * In prose, {median S N}, {ratio A B N} and {faster A B N} are measured numbers:
 * the median ms of strategy S at N orders, how many times A's median is B's, and
 * which of the two was faster, filled in from the chart (lesson_fill).
 *
 * A step passes when its run meets every @expect and its quiz is answered right;
 * an exercise step, when a run the learner typed meets every @expect (its
 * @solution, which must be such a line, shows one that does);
 * a lesson is done when every step that has a check has passed.
 *
 * Errors are one line, "path:line: message", naming the directive and what it
 * expected. Pure: no curses; no SQLite. */
#ifndef NPLUS1_LESSON_H
#define NPLUS1_LESSON_H

#include "spec.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { LESSON_MAX_OPTIONS = 9, LESSON_MAX_STEPS = 64 };

enum lesson_block_kind { LESSON_PROSE, LESSON_CODE };

struct lesson_block {
	enum lesson_block_kind kind;
	char *lang; /* code: "python", "sql" or "" */
	char *text; /* prose: one paragraph, lines joined by spaces; code: verbatim */
	int line;
};

enum lesson_expect_kind {
	LESSON_EXPECT_STATEMENTS,
	LESSON_EXPECT_ROWS,
	LESSON_EXPECT_STATEMENT, /* some statement contains text */
	LESSON_EXPECT_RAISES,	 /* the run raised; text (may be NULL) in the message */
};

enum lesson_op { LESSON_EQ, LESSON_LT, LESSON_LE, LESSON_GT, LESSON_GE };

struct lesson_expect {
	enum lesson_expect_kind kind;
	enum lesson_op op;
	uint64_t n;
	char *text;
	int line;
};

/* @chart: strategies, sizes and repeat, and in bench.base only customers (0: the
 * reference pairing) and collection; lesson_chart_bench() adds the step's run. */
struct lesson_chart {
	struct spec_bench bench;
	int line;
};

/* @claim A faster B orders=N [by=X] [engine=E]: a ranking the step's prose
 * states, which its own chart must show: at N orders, B's median is at least X
 * times A's (X 1 by default), as measured by engine E (nplus1's by default, or
 * real SQLAlchemy's). `lessons --check` times the chart and checks it. */
struct lesson_claim {
	const struct strategy *faster, *slower;
	long orders;
	double by;
	bool sqlalchemy;
	int line;
};

struct lesson_quiz {
	char *question;
	char *options[LESSON_MAX_OPTIONS];
	int noptions;
	int answer;    /* 0-based */
	char *explain; /* may be NULL */
	int line;
};

struct lesson_step {
	char *title;
	int line;
	struct lesson_block *blocks;
	int nblocks;
	bool has_run;
	struct spec run; /* the @run or @start, on top of the step's @dataset */
	int run_line;
	bool exercise; /* @start: the learner's own run must meet the @expects */
	char *start;   /* @start's prompt line, or NULL */
	bool has_predict;
	enum lesson_expect_kind predict; /* STATEMENTS or ROWS: what the guess is of */
	struct lesson_expect *expects;
	int nexpects;
	bool has_chart;
	struct lesson_chart chart;
	struct lesson_claim *claims; /* after the @chart */
	int nclaims;
	char *hint;		  /* may be NULL */
	char *solution;		  /* may be NULL */
	struct lesson_quiz *quiz; /* may be NULL */
};

struct lesson {
	char *path;
	char *title;
	struct lesson_step *steps;
	int nsteps;
};

/* Parse a lesson from text; path names it in errors. NULL and *err (caller
 * frees, "path:line: message") when malformed. The caller frees with lesson_free. */
struct lesson *lesson_parse(const char *text, const char *path, char **err);
void lesson_free(struct lesson *l);
/* "=", "<=": how an operator is written. */
const char *lesson_op_word(enum lesson_op op);

#endif
