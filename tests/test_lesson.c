/* test_lesson: the lesson file parser and model. A lesson using every directive
 * parses into the right model (blocks, runs on top of sticky @dataset defaults,
 * expectations, chart defaults and lists, joined hints, quiz); step 1 is implicit
 * only when there is content before the first @step; every class of malformed
 * input gives its exact "path:line: message"; CRLF and NUL bytes; checking runs
 * against expectations; filling measured numbers into prose; loading a directory
 * with a good and a bad lesson; and the example in lessons/README.md parses. */
#include "config.h"

#include "expr.h"
#include "lesson.h"
#include "lesson_check.h"
#include "lesson_fill.h"
#include "lesson_load.h"
#include "tap.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define PATH "t.lesson"

/* Every directive, prose before the first @step, code in both languages. */
static const char full[] = "# The N+1 problem\n"
			   "Every order has a customer.\n"
			   "  Reading `o.customer.name` loads it.  \n"
			   "\n"
			   "```python\n"
			   "orders = session.query(Order).all()\n"
			   "for o in orders:\n"
			   "    print(o.customer.name)\n"
			   "```\n"
			   "@dataset orders=100 customers=100\n"
			   "@step Count the statements\n"
			   "Run it.\n"
			   "@run select\n"
			   "@expect statements = 101\n"
			   "@expect rows >= 100\n"
			   "@expect statement ~ \"WHERE customers.id = ?\"\n"
			   "@hint Count one statement for the orders\n"
			   "@hint   and one per customer.\n"
			   "@solution run joined\n"
			   "@quiz How many statements?\n"
			   "@option 1\n"
			   "@option 101\n"
			   "@option 2\n"
			   "@answer 2\n"
			   "@explain One for the orders,\n"
			   "@explain one per customer.\n"
			   "@step Join\n"
			   "@run joined notes=64 limit=10 latency=0.5 collection noidmap\n"
			   "@expect statements<2\n"
			   "@expect statement ~ \"AS \\\"x\\\" \\\\ y\"\n"
			   "@chart strategies=lazy,joined orders=100,1000,10000 customers=50 "
			   "repeat=3 collection\n"
			   "@step Raise\n"
			   "@dataset orders=10\n"
			   "@run raise\n"
			   "@expect raises\n"
			   "@expect raises \"lazy='raise'\"\n"
			   "@expect statements <= 1\n"
			   "@expect rows > 0\n"
			   "@chart\n"
			   "```sql\n"
			   "SELECT 1\n"
			   "\n"
			   "```\n"
			   "```\n"
			   "```\n";

/* The error text parses to ("" when it parses). */
static void is_err(const char *text, const char *want, const char *what)
{
	char *err = NULL;
	struct lesson *l = lesson_parse(text, PATH, &err);
	if ((l == NULL) == (err == NULL))
		printf("# lesson %p disagrees with err %s\n", (void *)l, err ? err : "NULL");
	is_str(err ? err : "", want, "%s", what);
	free(err);
	lesson_free(l);
}

static struct lesson *parse(const char *text)
{
	char *err = NULL;
	struct lesson *l = lesson_parse(text, PATH, &err);
	if (err)
		printf("# unexpected error: %s\n", err);
	free(err);
	return l;
}

static void check_full(struct lesson *l, const char *how)
{
	if (!ok(l != NULL, "%s: the complete lesson parses", how))
		return;
	is_str(l->title, "The N+1 problem", "%s: the title", how);
	is_str(l->path, PATH, "%s: the path", how);
	is_int(l->nsteps, 4, "%s: an implicit step 1 and three @steps", how);
	const struct lesson_step *s1 = &l->steps[0], *s2 = &l->steps[1], *s3 = &l->steps[2],
				 *s4 = &l->steps[3];
	is_str(s1->title, "The N+1 problem", "%s: step 1 is titled like the lesson", how);
	is_int(s1->nblocks, 2, "%s: step 1 has a paragraph and a code block", how);
	ok(s1->blocks[0].kind == LESSON_PROSE && s1->blocks[0].line == 2,
	   "%s: the paragraph is prose from line 2", how);
	is_str(s1->blocks[0].text,
	       "Every order has a customer. Reading `o.customer.name` loads it.",
	       "%s: paragraph lines are trimmed and joined by one space", how);
	ok(s1->blocks[1].kind == LESSON_CODE && s1->blocks[1].line == 5,
	   "%s: the code block is code from line 5", how);
	is_str(s1->blocks[1].lang, "python", "%s: its language", how);
	is_str(s1->blocks[1].text,
	       "orders = session.query(Order).all()\nfor o in orders:\n    print(o.customer.name)",
	       "%s: code is verbatim, indentation kept", how);
	ok(!s1->has_run && !s1->has_chart && !s1->quiz && !s1->hint && !s1->solution &&
		   s1->nexpects == 0,
	   "%s: step 1 has no checks", how);

	is_str(s2->title, "Count the statements", "%s: step 2's title", how);
	ok(s2->line == 11 && s2->nblocks == 1 && !strcmp(s2->blocks[0].text, "Run it."),
	   "%s: step 2 starts at line 11 with its prose", how);
	ok(s2->has_run && s2->run_line == 13 && !strcmp(s2->run.strategy->name, "select"),
	   "%s: @run select at line 13", how);
	ok(s2->run.orders == 100 && s2->run.customers == 100 && s2->run.identity_map &&
		   !s2->run.collection && s2->run.notes == 0 && s2->run.limit == 0 &&
		   s2->run.latency_ms == 0,
	   "%s: the run takes @dataset's sizes and the defaults", how);
	is_int(s2->nexpects, 3, "%s: step 2 has three expectations", how);
	ok(s2->expects[0].kind == LESSON_EXPECT_STATEMENTS && s2->expects[0].op == LESSON_EQ &&
		   s2->expects[0].n == 101 && s2->expects[0].line == 14,
	   "%s: statements = 101", how);
	ok(s2->expects[1].kind == LESSON_EXPECT_ROWS && s2->expects[1].op == LESSON_GE &&
		   s2->expects[1].n == 100,
	   "%s: rows >= 100", how);
	ok(s2->expects[2].kind == LESSON_EXPECT_STATEMENT &&
		   !strcmp(s2->expects[2].text, "WHERE customers.id = ?"),
	   "%s: statement ~ quoted text with spaces", how);
	is_str(s2->hint, "Count one statement for the orders and one per customer.",
	       "%s: @hint lines join with a space", how);
	is_str(s2->solution, "run joined", "%s: the solution", how);
	if (ok(s2->quiz != NULL, "%s: step 2 has a quiz", how)) {
		const struct lesson_quiz *q = s2->quiz;
		ok(!strcmp(q->question, "How many statements?") && q->line == 20,
		   "%s: the quiz question and line", how);
		ok(q->noptions == 3 && !strcmp(q->options[0], "1") &&
			   !strcmp(q->options[1], "101") && !strcmp(q->options[2], "2"),
		   "%s: three options in order", how);
		is_int(q->answer, 1, "%s: @answer 2 is the 0-based answer 1", how);
		is_str(q->explain, "One for the orders, one per customer.",
		       "%s: @explain lines join with a space", how);
	}

	ok(s3->has_run && !strcmp(s3->run.strategy->name, "joined") && s3->run.notes == 64 &&
		   s3->run.limit == 10 && s3->run.latency_ms == 0.5 && s3->run.collection &&
		   !s3->run.identity_map,
	   "%s: @run with every setting and flag", how);
	ok(s3->run.orders == 100 && s3->run.customers == 100,
	   "%s: @dataset is sticky into the next step", how);
	ok(s3->nexpects == 2 && s3->expects[0].op == LESSON_LT && s3->expects[0].n == 2,
	   "%s: statements<2 without spaces", how);
	is_str(s3->nexpects == 2 ? s3->expects[1].text : NULL, "AS \"x\" \\ y",
	       "%s: \\\" and \\\\ escapes in quoted text", how);
	const struct lesson_chart *c = &s3->chart;
	ok(s3->has_chart && c->bench.nstrategies == 2 &&
		   !strcmp(c->bench.strategies[0]->name, "select") &&
		   !strcmp(c->bench.strategies[1]->name, "joined"),
	   "%s: @chart strategies=, with an alias", how);
	ok(c->bench.nsizes == 3 && c->bench.sizes[0] == 100 && c->bench.sizes[1] == 1000 &&
		   c->bench.sizes[2] == 10000 && c->bench.base.customers == 50 &&
		   c->bench.repeat == 3 && c->bench.base.collection && c->line == 31,
	   "%s: @chart orders=, customers=, repeat=, collection", how);

	ok(s4->run.orders == 10 && s4->run.customers == 100 &&
		   !strcmp(s4->run.strategy->name, "raise"),
	   "%s: a later @dataset changes only what it names", how);
	ok(s4->nexpects == 4 && s4->expects[0].kind == LESSON_EXPECT_RAISES &&
		   !s4->expects[0].text && !strcmp(s4->expects[1].text, "lazy='raise'"),
	   "%s: raises, with and without text", how);
	ok(s4->nexpects == 4 && s4->expects[2].op == LESSON_LE && s4->expects[3].op == LESSON_GT &&
		   s4->expects[3].kind == LESSON_EXPECT_ROWS,
	   "%s: <= and >", how);
	c = &s4->chart;
	ok(s4->has_chart && c->bench.nstrategies == 4 &&
		   !strcmp(c->bench.strategies[0]->name, "select") &&
		   !strcmp(c->bench.strategies[1]->name, "joined") &&
		   !strcmp(c->bench.strategies[2]->name, "selectin") &&
		   !strcmp(c->bench.strategies[3]->name, "subquery"),
	   "%s: @chart's default strategies", how);
	ok(c->bench.nsizes == 2 && c->bench.sizes[0] == 100 && c->bench.sizes[1] == 10000 &&
		   c->bench.base.customers == 0 && c->bench.repeat == 7 &&
		   !c->bench.base.collection,
	   "%s: @chart's default sizes, customers 0, repeat 7", how);
	ok(s4->nblocks == 2 && s4->blocks[0].kind == LESSON_CODE &&
		   !strcmp(s4->blocks[0].lang, "sql") &&
		   !strcmp(s4->blocks[0].text, "SELECT 1\n") && !strcmp(s4->blocks[1].lang, "") &&
		   !strcmp(s4->blocks[1].text, ""),
	   "%s: sql code with a blank last line, and an empty block without a language", how);
	ok(!s4->quiz && !s4->hint && !s4->solution, "%s: step 4 has no quiz, hint or solution",
	   how);
}

static void test_model(void)
{
	struct lesson *l = parse(full);
	check_full(l, "LF");
	lesson_free(l);

	/* The same lesson with CRLF endings, and a byte-order mark. */
	char crlf[sizeof full * 2 + 3] = "\xEF\xBB\xBF";
	char *d = crlf + 3;
	for (const char *s = full; *s; s++) {
		if (*s == '\n')
			*d++ = '\r';
		*d++ = *s;
	}
	*d = '\0';
	l = parse(crlf);
	check_full(l, "CRLF");
	lesson_free(l);

	l = parse("# T\n\n@step One\nText.\n@step Two\n");
	ok(l && l->nsteps == 2 && !strcmp(l->steps[0].title, "One") && l->steps[0].line == 3,
	   "a body that begins with @step has no implicit step");
	ok(l && l->steps[1].nblocks == 0, "an empty step is allowed");
	lesson_free(l);
	l = parse("# T\n@dataset orders=7\n@step One\n@run noload\n");
	ok(l && l->nsteps == 1 && l->steps[0].run.orders == 7 && l->steps[0].run.customers == 10,
	   "@dataset before the first @step opens no step");
	lesson_free(l);
	l = parse("# T\n@hint Look.\n@step Two\n");
	ok(l && l->nsteps == 2 && !strcmp(l->steps[0].hint, "Look.") &&
		   !strcmp(l->steps[0].title, "T"),
	   "a directive before the first @step opens the implicit step");
	lesson_free(l);
	l = parse("# T\n@step A\n@run select\n@step B\n@run select\n");
	ok(l && l->steps[0].run.orders == 100 && l->steps[0].run.customers == 10,
	   "without @dataset, runs take the engine's defaults");
	lesson_free(l);

	/* The text ends at its first NUL: what follows is not read. */
	static const char nul[] = "# T\nBefore.\0@runn\n";
	l = parse(nul);
	ok(l && l->nsteps == 1 && l->steps[0].nblocks == 1 &&
		   !strcmp(l->steps[0].blocks[0].text, "Before."),
	   "lesson_parse stops at a NUL byte");
	lesson_free(l);

	char line[4096 + 16];
	snprintf(line, sizeof line, "# T\n%4096d\n", 7);
	l = parse(line);
	ok(l && strlen(l->steps[0].blocks[0].text) == 1, "a line of exactly 4096 bytes is allowed");
	lesson_free(l);
}

static void test_errors(void)
{
	is_err("Hello\n@step S\n", PATH ":1: expected '# Title' on the first line",
	       "no title line");
	is_err("", PATH ":1: expected '# Title' on the first line", "an empty file");
	is_err("## Sub\nx\n", PATH ":1: expected '# Title' on the first line", "## is not a title");
	is_err("#   \r\nx\n", PATH ":1: expected '# Title' on the first line", "an empty title");
	is_err("# T\n",
	       PATH ":1: the lesson has no steps: expected prose or a @step after the title",
	       "a title alone");
	is_err("# T\nText\n@runn select\n",
	       PATH ":3: unknown directive '@runn' (directives: @step, @dataset, @run, @start, "
		    "@predict, @expect, "
		    "@chart, @claim, @hint, @solution, @quiz, @option, @answer, @explain)",
	       "unknown directive, with the list");
	is_err("# T\n@step   \n", PATH ":2: @step: expected a title", "@step without a title");

	char want[600];
	snprintf(want, sizeof want, PATH ":2: @run: unknown strategy 'selct' (strategies: %s)",
		 strategy_names());
	is_err("# T\n@run selct\n", want, "@run: unknown strategy, with the list");
	snprintf(want, sizeof want, PATH ":2: @run: unknown strategy 'j?ined' (strategies: %s)",
		 strategy_names());
	is_err("# T\n@run j\xc3\xb6ined\n", want, "@run: a non-ASCII character named as one '?'");
	snprintf(want, sizeof want, PATH ":2: @run: unknown strategy '?' (strategies: %s)",
		 strategy_names());
	is_err("# T\n@run \xef\xbf\xbd\n", want,
	       "@run: U+FFFD (a cleaned byte) is one '?', not three");
	snprintf(want, sizeof want, PATH ":2: @run: expected a strategy (strategies: %s)",
		 strategy_names());
	is_err("# T\n@run\n", want, "@run without a strategy");
	is_err("# T\n@run select orders=abc\n",
	       PATH ":2: @run: invalid orders 'abc': expected an integer from 1 to 10000000",
	       "@run: a bad number, with its range");
	is_err("# T\n@run select latency=20000\n",
	       PATH ":2: @run: invalid latency '20000': expected milliseconds from 0 to 10000",
	       "@run: latency out of range");
	is_err("# T\n@run select frob=1\n",
	       PATH ":2: @run: unknown setting 'frob' (@run takes orders=N, customers=M, "
		    "collection, noidmap, notes=B, limit=N, latency=MS, style=query|select)",
	       "@run: unknown setting, with the list");
	is_err("# T\n@run select collection=1\n", PATH ":2: @run: collection takes no value",
	       "@run: a flag with a value");
	is_err("# T\n@run select orders\n", PATH ":2: @run: expected orders=N",
	       "@run: a setting without a value");
	is_err("# T\n@run select notes=1000000 customers=10000\n",
	       PATH ":2: @run: notes=1000000 with customers=10000 is more than 1 GiB "
		    "(customers x notes)",
	       "@run: the wide column is bounded");
	is_err("# T\n@run select\n@run joined\n",
	       PATH ":3: @run: this step already has a @run (line 2)", "two @run in one step");
	is_err("# T\n@dataset customers=0\n",
	       PATH ":2: @dataset: invalid customers '0': expected an integer from 1 to 10000000",
	       "@dataset: out of range");
	is_err("# T\n@dataset\n", PATH ":2: @dataset: expected orders=N, customers=M or notes=B",
	       "@dataset alone");
	is_err("# T\n@dataset limit=5\n",
	       PATH ":2: @dataset: unknown setting 'limit' (@dataset takes orders=N, customers=M, "
		    "notes=B)",
	       "@dataset takes only the dataset's settings");

	is_err("# T\n@expect statements = 1\n",
	       PATH ":2: @expect needs a @run or @start earlier in this step",
	       "@expect before @run");
	is_err("# T\n@step A\n@run select\n@step B\n@expect rows = 1\n",
	       PATH ":5: @expect needs a @run or @start earlier in this step",
	       "a @run does not carry into the next step");
	is_err("# T\n@run select\n@expect statements == 11\n",
	       PATH ":3: @expect statements: unknown operator '==' (expected =, <, <=, >, >=)",
	       "@expect: a bad operator");
	is_err("# T\n@run select\n@expect rows 11\n",
	       PATH ":3: @expect rows: expected an operator (=, <, <=, >, >=) and a count",
	       "@expect: a missing operator");
	is_err("# T\n@run select\n@expect rows = -1\n",
	       PATH ":3: @expect rows: invalid count '-1': expected a non-negative integer",
	       "@expect: a negative count");
	is_err("# T\n@run select\n@expect rows = 99999999999999999999\n",
	       PATH ":3: @expect rows: invalid count '99999999999999999999': expected a "
		    "non-negative integer",
	       "@expect: a count past 64 bits");
	is_err("# T\n@run select\n@expect rows = 5 or so\n",
	       PATH ":3: @expect rows: unexpected text after the count", "@expect: trailing text");
	is_err("# T\n@run select\n@expect statement ~ LEFT OUTER JOIN\n",
	       PATH ":3: @expect statement: expected \"text\" in double quotes",
	       "@expect statement: unquoted text");
	is_err("# T\n@run select\n@expect statement \"JOIN\"\n",
	       PATH ":3: @expect statement: expected ~ \"text\"", "@expect statement without ~");
	is_err("# T\n@run select\n@expect statement ~ \"JOIN\n",
	       PATH ":3: @expect statement: the \"text\" has no closing quote",
	       "@expect statement: an unterminated quote");
	is_err("# T\n@run select\n@expect statement ~ \"\"\n",
	       PATH ":3: @expect statement: expected some text between the quotes",
	       "@expect statement: empty text");
	is_err("# T\n@run raise\n@expect raises oops\n",
	       PATH ":3: @expect raises: expected \"text\" in double quotes",
	       "@expect raises: unquoted text");
	is_err("# T\n@run select\n@expect Rows = 1\n",
	       PATH ":3: @expect: unknown check 'Rows' (expected statements, rows, statement or "
		    "raises)",
	       "@expect: an unknown check");

	is_err("# T\nText\n```python\nx = 1\n", PATH ":3: unterminated code block (opened here)",
	       "an unterminated code block");
	is_err("# T\n```ruby\nputs 1\n```\n",
	       PATH ":2: unknown code block language 'ruby' (expected python, sql or nothing "
		    "after ```)",
	       "an unknown code language");
	is_err("# T\n@chart repeat=0\n",
	       PATH ":2: @chart: invalid repeat '0': expected an integer from 1 to 1000",
	       "@chart: repeat out of range");
	snprintf(want, sizeof want, PATH ":2: @chart: unknown strategy 'lazyy' (strategies: %s)",
		 strategy_names());
	is_err("# T\n@chart strategies=joined,lazyy\n", want, "@chart: an unknown strategy");
	is_err("# T\n@chart orders=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17\n",
	       PATH ":2: @chart: at most 16 values in orders=", "@chart: too many sizes");
	is_err("# T\n@chart\n@chart\n", PATH ":3: @chart: this step already has a @chart (line 2)",
	       "two @chart in one step");
	is_err("# T\n@hint\n", PATH ":2: @hint: expected text", "@hint without text");
	is_err("# T\n@solution a\n@solution b\n",
	       PATH ":3: @solution: this step already has a @solution (line 2)",
	       "two @solution in one step");

	is_err("# T\n@option A\n", PATH ":2: @option needs a @quiz earlier in this step",
	       "@option without @quiz");
	is_err("# T\n@answer 1\n", PATH ":2: @answer needs a @quiz earlier in this step",
	       "@answer without @quiz");
	is_err("# T\n@quiz Q?\n@option A\n@answer 1\n@step Next\n",
	       PATH ":2: @quiz: expected at least 2 @option lines, found 1",
	       "too few options, reported at the @quiz when the step ends");
	is_err("# T\n@quiz Q?\n@option A\n@option B\n",
	       PATH ":2: @quiz: expected an @answer N line after its @option lines",
	       "a quiz without @answer, at the end of the file");
	is_err("# T\n@quiz Q?\n@option A\n@option B\n@answer 3\n@option C\n",
	       PATH ":5: @answer: invalid answer '3': expected an integer from 1 to 2 (the options "
		    "so far)",
	       "@answer past the options given so far");
	is_err("# T\n@quiz Q?\n@answer 1\n", PATH ":3: @answer: expected the @option lines first",
	       "@answer before any @option");
	is_err("# T\n@quiz Q?\n@option A\n@option B\n@answer 1\n@answer 2\n",
	       PATH ":6: @answer: this quiz already has an @answer (line 5)", "two @answer");
	is_err("# T\n@quiz A?\n@option A\n@option B\n@answer 1\n@quiz B?\n",
	       PATH ":6: @quiz: this step already has a @quiz (line 2)", "two @quiz in one step");
	is_err("# T\n@quiz Q?\n@option 1\n@option 2\n@option 3\n@option 4\n@option 5\n@option "
	       "6\n@option 7\n@option 8\n@option 9\n@option 10\n",
	       PATH ":12: @option: a quiz has at most 9 options", "a tenth option");

	static char big[80 * 8];
	strcpy(big, "# T\n");
	for (int i = 0; i < LESSON_MAX_STEPS; i++)
		strcat(big, "@step S\n");
	struct lesson *l = parse(big);
	ok(l && l->nsteps == LESSON_MAX_STEPS, "LESSON_MAX_STEPS steps are allowed");
	lesson_free(l);
	strcat(big, "@step S\n");
	is_err(big, PATH ":66: @step: a lesson has at most 64 steps", "one step too many");
	strcpy(big, "# T\nText\n");
	for (int i = 1; i < LESSON_MAX_STEPS; i++)
		strcat(big, "@step S\n");
	strcat(big, "@step S\n");
	is_err(big, PATH ":66: @step: a lesson has at most 64 steps",
	       "the implicit step counts towards the limit");

	char line[4096 + 16];
	snprintf(line, sizeof line, "# T\nok\n%4097d\n", 7);
	is_err(line, PATH ":3: line longer than 4096 bytes", "an overlong line");
	is_err("# T\n\x01\xff@runn\n@\xc3\xa9\x01\n",
	       PATH ":3: unknown directive '@?\?' (directives: @step, @dataset, @run, @start, "
		    "@predict, @expect, "
		    "@chart, @claim, @hint, @solution, @quiz, @option, @answer, @explain)",
	       "a control byte and a non-ASCII character are one '?' each (é, and the "
	       "control byte, now U+FFFD), prose may hold them");

	char *err = NULL;
	ok(lesson_parse(NULL, NULL, &err) == NULL && err &&
		   !strcmp(err, "(lesson):1: expected '# Title' on the first line"),
	   "NULL text and path are safe");
	free(err);
	ok(lesson_parse("x", PATH, NULL) == NULL, "a NULL err is allowed");
}

/* Hostile input: every prefix of the full lesson, and random damage to it, ends in a
 * lesson or in one error of one line. */
/* @start makes an exercise: r runs the starting code (a prompt line), the
 * @expects wait for the learner's run, and the @solution must be such a run. */
/* A step's checklist speaks the learner's words, not the directive's. */
static void test_tasks(void)
{
	static const struct {
		struct lesson_expect e;
		const char *want;
	} tasks[] = {
		{ { LESSON_EXPECT_STATEMENTS, LESSON_EQ, 1, NULL, 1 }, "1 statement" },
		{ { LESSON_EXPECT_STATEMENTS, LESSON_EQ, 11, NULL, 1 }, "11 statements" },
		{ { LESSON_EXPECT_STATEMENTS, LESSON_LT, 2, NULL, 1 }, "fewer than 2 statements" },
		{ { LESSON_EXPECT_STATEMENTS, LESSON_LE, 1, NULL, 1 }, "at most 1 statement" },
		{ { LESSON_EXPECT_ROWS, LESSON_GE, 100, NULL, 1 }, "at least 100 rows" },
		{ { LESSON_EXPECT_ROWS, LESSON_GT, 0, NULL, 1 }, "more than 0 rows" },
		{ { LESSON_EXPECT_STATEMENT, LESSON_EQ, 0, (char *)"LEFT OUTER JOIN", 1 },
		  "\"LEFT OUTER JOIN\" in the SQL" },
		{ { LESSON_EXPECT_RAISES, LESSON_EQ, 0, NULL, 1 }, "the run raises" },
		{ { LESSON_EXPECT_RAISES, LESSON_EQ, 0, (char *)"lazy='raise'", 1 },
		  "the run raises \"lazy='raise'\"" },
	};
	for (size_t i = 0; i < sizeof tasks / sizeof *tasks; i++) {
		char *s = lesson_expect_task(&tasks[i].e);
		is_str(s, tasks[i].want, "lesson_expect_task: %s", tasks[i].want);
		free(s);
	}
}

static void test_exercise(void)
{
	struct lesson *l =
		parse("# T\n@dataset orders=100 customers=100\n"
		      "@step Fix it\n"
		      "@start session.query(Order).all()\n"
		      "@predict statements\n"
		      "@expect statements = 1\n"
		      "@solution session.query(Order).options(joinedload(Order.customer)).all()\n"
		      "@step Plain\n@run select\n@expect statements = 11\n@solution run select\n");
	const struct lesson_step *st = l ? &l->steps[0] : NULL;
	ok(st && st->exercise && st->has_run && !strcmp(st->start, "session.query(Order).all()"),
	   "@start: an exercise, keeping its prompt line");
	ok(st && !strcmp(st->run.strategy->name, "select") && st->run.orders == 100 &&
		   st->run.customers == 100 && !st->run.collection,
	   "@start: r runs it over the step's dataset");
	ok(st && st->has_predict && st->predict == LESSON_EXPECT_STATEMENTS, "@predict statements");
	ok(l && !l->steps[1].exercise && !l->steps[1].start && !l->steps[1].has_predict,
	   "a @run step is no exercise");
	lesson_free(l);

	is_err("# T\n@start run joined\n@expect statements = 1\n",
	       PATH ":2: @start: an exercise needs a @solution: a run that meets its @expects",
	       "an exercise without a solution");
	is_err("# T\n@start run joined\n@solution run joined\n",
	       PATH ":2: @start: an exercise needs @expect lines: what the learner's run must show",
	       "an exercise without expectations");
	is_err("# T\n@start run joined\n@expect statements = 1\n@solution sql SELECT 1\n",
	       PATH ":4: @solution: expected a run: 'run STRATEGY ...' or a SQLAlchemy query",
	       "an exercise's solution must be a run");
	is_err("# T\n@start run joined\n@expect statements = 1\n@solution run joind\n",
	       PATH ":4: @solution: column 5: unknown strategy 'joind' (strategies: select (or "
		    "lazy), joined, selectin, subquery, immediate, raise, raise_on_sql, noload) "
		    "(in 'run joind')",
	       "an exercise's solution must parse, with the prompt's column");
	is_err("# T\n@start session.query(Ordr).all()\n",
	       PATH ":2: @start: column 15: unknown entity 'Ordr' (expected Order or Customer) "
		    "(in 'session.query(Ordr).all()')",
	       "@start: the prompt's error, with where");
	is_err("# T\n@run select\n@start run joined\n",
	       PATH ":3: @start: this step already has a @run (line 2)", "@start after @run");
	is_err("# T\n@start run joined\n@run select\n",
	       PATH ":3: @run: this step already has a @start (line 2)", "@run after @start");
	is_err("# T\n@predict statements\n",
	       PATH ":2: @predict needs a @run or @start earlier in this step", "@predict first");
	is_err("# T\n@run select\n@predict time\n",
	       PATH ":3: @predict: expected statements or rows, not 'time'", "@predict time");
}

static void test_hostile(void)
{
	char buf[sizeof full];
	int bad = 0;
	for (size_t n = 0; n < sizeof full; n++) {
		memcpy(buf, full, n);
		buf[n] = '\0';
		char *err = NULL;
		struct lesson *l = lesson_parse(buf, PATH, &err);
		bad += (l == NULL) == (err == NULL) || (err && strchr(err, '\n'));
		free(err);
		lesson_free(l);
	}
	is_int(bad, 0, "every prefix of the lesson parses or fails with one line");
	srand(1);
	bad = 0;
	for (int round = 0; round < 3000; round++) {
		memcpy(buf, full, sizeof full);
		for (int k = rand() % 8; k >= 0; k--)
			buf[rand() % (sizeof full - 1)] = (char)(rand() % 256);
		char *err = NULL;
		struct lesson *l = lesson_parse(buf, PATH, &err);
		bad += (l == NULL) == (err == NULL) || (err && strchr(err, '\n'));
		free(err);
		lesson_free(l);
	}
	is_int(bad, 0, "random damage ends in a lesson or one error of one line");

	/* A file's bytes reach the screen and stdout: no escape sequence, no
	 * invalid UTF-8 (which curses draws over the borders). */
	struct lesson *l = parse("# T\x1b]0;owned\x07 \xc3\xa9\n"
				 "Prose \xff\xfe and \xc2\x9b"
				 "2J and caf\xc3\xa9.\n");
	ok(l && !strcmp(l->title, "T\xef\xbf\xbd]0;owned\xef\xbf\xbd \xc3\xa9"),
	   "a title's escape and bell become U+FFFD; valid UTF-8 stays");
	const char *prose = l && l->nsteps && l->steps[0].nblocks ? l->steps[0].blocks[0].text : "";
	ok(!strcmp(prose, "Prose \xef\xbf\xbd\xef\xbf\xbd and \xef\xbf\xbd\xef\xbf\xbd"
			  "2J and "
			  "caf\xc3\xa9."),
	   "invalid bytes and a C1 control (CSI) in prose become U+FFFD: %s", prose);
	lesson_free(l);
}

static void is_met(const struct lesson_expect *e, const struct lesson_outcome *o, bool want,
		   const char *want_why, const char *what)
{
	char *why = (char *)"untouched";
	bool met = lesson_expect_met(e, o, &why);
	ok(met == want && (want ? why == NULL : why && !strcmp(why, want_why)), "%s", what);
	if (met != want || (!want && strcmp(why ? why : "", want_why)))
		printf("#   met %d, why \"%s\"\n", met, why ? why : "(null)");
	if (!met)
		free(why);
}

static void test_expect(void)
{
	const char *sql[] = { "SELECT orders.id FROM orders",
			      "SELECT customers.id FROM customers WHERE customers.id = ?" };
	struct lesson_outcome o = { 11, 100, NULL, sql, 2 };
	struct lesson_expect e = { LESSON_EXPECT_STATEMENTS, LESSON_EQ, 11, NULL, 1 };
	is_met(&e, &o, true, NULL, "statements = 11 holds for 11");
	e.n = 101;
	is_met(&e, &o, false, "saw 11 statements", "statements = 101 fails, saying what was seen");
	e.op = LESSON_LT;
	is_met(&e, &o, true, NULL, "statements < 101 holds");
	e.n = 11;
	is_met(&e, &o, false, "saw 11 statements", "statements < 11 fails");
	e.op = LESSON_LE;
	is_met(&e, &o, true, NULL, "statements <= 11 holds");
	e.op = LESSON_GT;
	is_met(&e, &o, false, "saw 11 statements", "statements > 11 fails");
	e.n = 10;
	is_met(&e, &o, true, NULL, "statements > 10 holds");
	e.op = LESSON_GE;
	e.n = 12;
	is_met(&e, &o, false, "saw 11 statements", "statements >= 12 fails");
	e.n = 11;
	is_met(&e, &o, true, NULL, "statements >= 11 holds");
	ok(lesson_expect_met(&e, &o, NULL), "why may be NULL");
	o.statements = 1;
	e.op = LESSON_EQ;
	e.n = 2;
	is_met(&e, &o, false, "saw 1 statement", "one statement is singular");

	e = (struct lesson_expect){ LESSON_EXPECT_ROWS, LESSON_GE, 100, NULL, 1 };
	is_met(&e, &o, true, NULL, "rows >= 100 holds for 100");
	e.op = LESSON_GT;
	is_met(&e, &o, false, "saw 100 rows", "rows > 100 fails with the rows seen");

	e = (struct lesson_expect){ LESSON_EXPECT_STATEMENT, LESSON_EQ, 0,
				    (char *)"WHERE customers.id = ?", 1 };
	is_met(&e, &o, true, NULL, "statement ~ text holds when any statement contains it");
	e.text = (char *)"LEFT OUTER JOIN";
	is_met(&e, &o, false, "no statement contains \"LEFT OUTER JOIN\"",
	       "statement ~ text fails when none does");
	o.nsql = 0;
	is_met(&e, &o, false, "no statement contains \"LEFT OUTER JOIN\"",
	       "statement ~ text fails with no statements");

	e = (struct lesson_expect){ LESSON_EXPECT_RAISES, LESSON_EQ, 0, NULL, 1 };
	is_met(&e, &o, false, "the run did not raise", "raises fails when the run did not");
	o.error = "'Order.customer' is not available due to lazy='raise'";
	is_met(&e, &o, true, NULL, "raises holds when the run raised");
	e.text = (char *)"lazy='raise'";
	is_met(&e, &o, true, NULL, "raises \"text\" holds when the message contains it");
	e.text = (char *)"raise_on_sql";
	is_met(&e, &o, false, "raised ''Order.customer' is not available due to lazy='raise''",
	       "raises \"text\" fails with the message raised");

	struct {
		struct lesson_expect e;
		const char *want;
	} texts[] = {
		{ { LESSON_EXPECT_STATEMENTS, LESSON_EQ, 11, NULL, 1 }, "statements = 11" },
		{ { LESSON_EXPECT_ROWS, LESSON_GE, 100, NULL, 1 }, "rows >= 100" },
		{ { LESSON_EXPECT_ROWS, LESSON_LT, 5, NULL, 1 }, "rows < 5" },
		{ { LESSON_EXPECT_STATEMENTS, LESSON_LE, 2, NULL, 1 }, "statements <= 2" },
		{ { LESSON_EXPECT_STATEMENTS, LESSON_GT, 0, NULL, 1 }, "statements > 0" },
		{ { LESSON_EXPECT_STATEMENT, LESSON_EQ, 0, (char *)"LEFT OUTER JOIN", 1 },
		  "a statement contains \"LEFT OUTER JOIN\"" },
		{ { LESSON_EXPECT_RAISES, LESSON_EQ, 0, NULL, 1 }, "raises" },
		{ { LESSON_EXPECT_RAISES, LESSON_EQ, 0, (char *)"lazy='raise'", 1 },
		  "raises \"lazy='raise'\"" },
	};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		char *s = lesson_expect_text(&texts[i].e);
		is_str(s, texts[i].want, "lesson_expect_text: %s", texts[i].want);
		free(s);
	}
}

static void is_filled(const char *text, const struct lesson_measure *m, size_t n, const char *want,
		      const char *what)
{
	char *s = lesson_fill(text, m, n);
	is_str(s, want, "%s", what);
	free(s);
}

static void test_fill(void)
{
	const struct lesson_measure m[] = {
		{ "select", 100, 3.14159, NULL }, { "joined", 100, 1.1, NULL },
		{ "selectin", 10000, 9, NULL },	  { "joined", 10000, 5, NULL },
		{ "joined", 10000, 3, NULL }, /* a later measurement replaces an earlier one */
	};
	size_t n = sizeof m / sizeof *m;
	is_filled("lazy: {median select 100}.", m, n, "lazy: 3.14 ms.", "{median S N}");
	is_filled("{median lazy 100}", m, n, "3.14 ms", "{median} takes an alias");
	is_filled("{ratio select joined 100} as long", m, n, "2.9× as long", "{ratio A B N}");
	is_filled("{faster select joined 100} won", m, n, "joined won", "{faster A B N}");
	is_filled("{faster joined selectin 10000}", m, n, "joined",
		  "{faster}: the latest measurement counts");
	is_filled("{ratio selectin joined 10000}", m, n, "3.0×", "{ratio} with the latest");
	is_filled("{median selectin 100} and {ratio select subquery 100}", m, n,
		  "(press b) and (press b)", "a missing measurement is (press b)");
	is_filled("{median select 100}", NULL, 0, "(press b)", "no measurements at all");
	is_filled("{median select} {median bogus 100} {frob} {median select 0} {ratio a b}", m, n,
		  "{median select} {median bogus 100} {frob} {median select 0} {ratio a b}",
		  "malformed placeholders are kept verbatim");
	is_filled("d = {'a': 1} } { {median select 100}", m, n, "d = {'a': 1} } { 3.14 ms",
		  "braces that form no placeholder are left alone");
	is_filled("{{median select 100}} {median select 100", m, n, "{3.14 ms} {median select 100",
		  "nested and unclosed braces");
	is_filled(NULL, m, n, "", "NULL text is empty");

	/* Real SQLAlchemy's figures win at a size where it has timed every strategy
	 * nplus1 has; {engine N} says whose figures the prose quotes. */
	const struct lesson_measure both[] = {
		{ "joined", 100, 0.02, NULL },	    { "selectin", 100, 0.01, NULL },
		{ "joined", 100, 1.0, "2.0.52" },   { "selectin", 100, 1.5, "2.0.52" },
		{ "joined", 10000, 2, NULL },	    { "selectin", 10000, 1, NULL },
		{ "joined", 10000, 200, "2.0.52" },
	};
	size_t nb = sizeof both / sizeof *both;
	is_filled("{faster joined selectin 100}, {ratio selectin joined 100}", both, nb,
		  "joined, 1.5×", "SQLAlchemy's figures where it timed them all");
	is_filled("{engine 100}", both, nb, "SQLAlchemy 2.0.52", "{engine N}: SQLAlchemy's");
	is_filled("{faster joined selectin 10000} ({engine 10000})", both, nb,
		  "selectin (nplus1's engine)",
		  "nplus1's figures while SQLAlchemy's are not all in, and {engine} agrees");
	is_filled("{median joined 10000}", both, nb, "2.00 ms",
		  "every placeholder at one size quotes one engine");
	is_filled("{engine 100}", NULL, 0, "(press b)", "{engine N} before b");
	is_filled("Press {key bench}.", m, n, "Press {key bench}.",
		  "without a key table, {key NAME} is kept as written");
}

/* A key table as the screen's: presenting, b blanks and B times. */
static const char *present_keys(const void *ctx, const char *name)
{
	(void)ctx;
	return !strcmp(name, "bench") ? "B" : !strcmp(name, "run") ? "r" : NULL;
}

static bool known(const char *name) { return present_keys(NULL, name) != NULL; }

static void test_fill_keys(void)
{
	const struct lesson_keys keys = { present_keys, NULL };
	char *s = lesson_fill_keys("Press {key run}, then {key bench} ({key  run}, {key nope}).",
				   NULL, 0, &keys);
	is_str(s, "Press r, then B ({key  run}, {key nope}).",
	       "{key NAME} is the key the table names; an unknown name is kept as written");
	free(s);
	s = lesson_fill_keys("{median select 100}", NULL, 0, &keys);
	is_str(s, "(press B)", "a missing measurement names the bench key of the mode");
	free(s);
	char name[32] = "";
	ok(!lesson_fill_unknown_key("{key run} and {key bench}, {other}", known, name, sizeof name),
	   "known key names pass the check");
	ok(lesson_fill_unknown_key("{key run} and {key bnch} and {key x}", known, name,
				   sizeof name),
	   "a misspelt one does not");
	is_str(name, "bnch", "the check names the first unknown name");
	ok(!lesson_fill_unknown_key(NULL, known, name, sizeof name), "NULL text has none");
}

/* A file under dir with text. */
static void put(const char *dir, const char *name, const char *text, size_t n)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	if (f) {
		fwrite(text, 1, n, f);
		fclose(f);
	}
}

static void test_dir(void)
{
	char dir[] = "/tmp/test_lesson.XXXXXX";
	if (!mkdtemp(dir)) {
		ok(0, "mkdtemp");
		return;
	}
	put(dir, "02-bad.lesson", "# Bad\n\n@runn select\n", 20);
	put(dir, "01-good.lesson", "# Good\nText.\n", 13);
	put(dir, "notes.txt", "# Not a lesson\nx\n", 17);
	put(dir, ".#01-good.lesson", "lock", 4);
	put(dir, "03-nul.lesson", "# T\nx\0y\n", 8);
	struct lesson_set set;
	char *err = NULL;
	is_int(lesson_load_dir(dir, &set, &err), 0, "lesson_load_dir reads the directory");
	is_int(set.n, 3, "only *.lesson files, hidden ones skipped");
	if (set.n == 3) {
		ok(!strcmp(set.names[0], "01-good.lesson") &&
			   !strcmp(set.names[1], "02-bad.lesson") &&
			   !strcmp(set.names[2], "03-nul.lesson"),
		   "in name order");
		ok(set.lessons[0] && !set.errors[0] && !strcmp(set.lessons[0]->title, "Good"),
		   "the good lesson loaded");
		char want[600];
		snprintf(want, sizeof want,
			 "%s/02-bad.lesson:3: unknown directive '@runn' (directives: @step, "
			 "@dataset, @run, @start, @predict, @expect, @chart, @claim, @hint, "
			 "@solution, "
			 "@quiz, @option, "
			 "@answer, @explain)",
			 dir);
		ok(!set.lessons[1], "the bad lesson did not");
		is_str(set.errors[1], want, "its error names the file and line");
		snprintf(want, sizeof want, "%s/03-nul.lesson: not a text file", dir);
		is_str(set.errors[2], want, "a file with a NUL byte is not a text file");
	}
	lesson_set_done(&set);
	ok(set.n == 0 && !set.lessons, "lesson_set_done empties the set");

	static char large[(1 << 20) + 2];
	memset(large, 'a', sizeof large);
	memcpy(large, "# T\n", 4);
	for (size_t i = 100; i < sizeof large; i += 100)
		large[i] = '\n';
	put(dir, "big", large, sizeof large);
	char path[512];
	snprintf(path, sizeof path, "%s/big", dir);
	struct lesson *l = lesson_load(path, &err);
	char want[600];
	snprintf(want, sizeof want, "%s: larger than 1 MB (a lesson is at most 1 MB)", path);
	is_str(l ? "" : err, want, "lesson_load refuses a file over 1 MB");
	free(err);
	lesson_free(l);
	put(dir, "big", large, 1 << 20);
	l = lesson_load(path, &err);
	ok(l != NULL, "a file of exactly 1 MB loads");
	lesson_free(l);
	remove(path);
	l = lesson_load(path, &err);
	snprintf(want, sizeof want, "%s: cannot read the lesson: No such file or directory", path);
	is_str(l ? "" : err, want, "lesson_load of a missing file");
	free(err);

	const char *names[] = { "01-good.lesson", "02-bad.lesson", "notes.txt", ".#01-good.lesson",
				"03-nul.lesson" };
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		remove(path);
	}
	rmdir(dir);
	ok(lesson_load_dir(dir, &set, &err) == -1 && set.n == 0, "a missing directory is -1");
	snprintf(want, sizeof want,
		 "%s: cannot read the lesson directory: No such file or directory", dir);
	is_str(err, want, "and says which directory and why");
	free(err);

	setenv("NPLUS1_LESSONS", "/some/where", 1);
	is_str(lesson_default_dir(), "/some/where", "NPLUS1_LESSONS names the directory");
	setenv("NPLUS1_LESSONS", "", 1);
	ok(lesson_default_dir() == NULL, "an empty NPLUS1_LESSONS is unset: the search path");
	unsetenv("NPLUS1_LESSONS");
	ok(lesson_default_dir() == NULL, "unset, the search path too");
}

/* Make dir and its parents (a test's temporary tree). */
static void mkdirs(const char *dir)
{
	char buf[512];
	snprintf(buf, sizeof buf, "%s", dir);
	for (char *s = strchr(buf + 1, '/');; s = strchr(s + 1, '/')) {
		if (s)
			*s = '\0';
		mkdir(buf, 0700);
		if (!s)
			break;
		*s = '/';
	}
}

/* The search path: XDG_DATA_HOME, each of XDG_DATA_DIRS, the installed lessons;
 * one lesson per file name, the first directory's. */
static void test_search_path(void)
{
	char top[] = "/tmp/nplus1-search-XXXXXX", home[300], a[300], b[300], want[1200];
	if (!mkdtemp(top)) {
		ok(false, "mkdtemp");
		return;
	}
	snprintf(home, sizeof home, "%s/home", top);
	snprintf(a, sizeof a, "%s/data/nplus1/lessons", top);
	snprintf(b, sizeof b, "%s/sys/nplus1/lessons", top);
	setenv("HOME", home, 1);
	unsetenv("XDG_DATA_HOME");
	unsetenv("XDG_DATA_DIRS");
	char *path = lesson_search_path();
	snprintf(want, sizeof want,
		 "%s/.local/share/nplus1/lessons:/usr/local/share/nplus1/lessons:"
		 "/usr/share/nplus1/lessons%s%s",
		 home,
		 strcmp(PKGDATADIR, "/usr/local/share/nplus1") &&
				 strcmp(PKGDATADIR, "/usr/share/nplus1")
			 ? ":"
			 : "",
		 strcmp(PKGDATADIR, "/usr/local/share/nplus1") &&
				 strcmp(PKGDATADIR, "/usr/share/nplus1")
			 ? PKGDATADIR "/lessons"
			 : "");
	is_str(path, want, "by default: ~/.local/share, /usr/local/share, /usr/share, installed");
	free(path);

	snprintf(want, sizeof want, "%s/data", top);
	setenv("XDG_DATA_HOME", want, 1);
	snprintf(want, sizeof want, "relative/share:%s/sys/:", top);
	setenv("XDG_DATA_DIRS", want, 1);
	path = lesson_search_path();
	snprintf(want, sizeof want, "%s:%s:%s", a, b, PKGDATADIR "/lessons");
	is_str(path, want, "XDG_DATA_HOME, then XDG_DATA_DIRS (relative entries ignored)");
	free(path);

	mkdirs(a);
	mkdirs(b);
	put(a, "01-models.lesson", "# Mine\nText.\n", 13);
	put(b, "01-models.lesson", "# Theirs\nText.\n", 15);
	put(b, "06-extra.lesson", "# Extra\nText.\n", 14);
	struct lesson_set set;
	char *err = NULL;
	is_int(lesson_load_dir(NULL, &set, &err), 0, "the search path loads");
	int mine = -1, extra = -1;
	for (int i = 0; i < set.n; i++) {
		if (!strcmp(set.names[i], "01-models.lesson"))
			mine = i;
		if (!strcmp(set.names[i], "06-extra.lesson"))
			extra = i;
	}
	ok(mine >= 0 && set.lessons[mine] && !strcmp(set.lessons[mine]->title, "Mine"),
	   "a file in XDG_DATA_HOME overrides the same name further down the path");
	ok(extra >= 0 && set.lessons[extra] && !strcmp(set.lessons[extra]->title, "Extra"),
	   "a new name adds a lesson");
	int seen = 0;
	for (int i = 0; i < set.n; i++)
		seen += !strcmp(set.names[i], "01-models.lesson");
	is_int(seen, 1, "each name once");
	bool sorted = true;
	for (int i = 1; i < set.n; i++)
		sorted = sorted && strcmp(set.names[i - 1], set.names[i]) < 0;
	ok(sorted, "in name order across the directories");
	lesson_set_done(&set);

	chmod(b, 0);
	int rc = lesson_load_dir(NULL, &set, &err);
	if (geteuid() == 0) {
		ok(1, "an unreadable directory on the path is an error "
		      "# SKIP running as root, which ignores permission bits");
	} else {
		snprintf(want, sizeof want,
			 "%s: cannot read the lesson directory: Permission denied", b);
		is_str(rc ? err : "", want, "an unreadable directory on the path is an error");
	}
	free(err);
	err = NULL;
	if (rc == 0)
		lesson_set_done(&set);
	chmod(b, 0700);

	const char *files[] = { "data/nplus1/lessons/01-models.lesson",
				"sys/nplus1/lessons/01-models.lesson",
				"sys/nplus1/lessons/06-extra.lesson",
				"data/nplus1/lessons",
				"data/nplus1",
				"data",
				"sys/nplus1/lessons",
				"sys/nplus1",
				"sys" };
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		snprintf(want, sizeof want, "%s/%s", top, files[i]);
		remove(want);
	}
	rmdir(top);
	unsetenv("XDG_DATA_HOME");
	unsetenv("XDG_DATA_DIRS");
}

/* The complete example in lessons/README.md, between "````lesson" and "````", is a
 * lesson the parser accepts: the documentation cannot drift from the format. */
static void test_readme(void)
{
	const char *srcdir = getenv("srcdir");
	char path[512], line[4200];
	snprintf(path, sizeof path, "%s/lessons/README.md", srcdir && *srcdir ? srcdir : ".");
	FILE *f = fopen(path, "r");
	if (!ok(f != NULL, "%s can be read", path))
		return;
	static char text[1 << 16];
	size_t n = 0;
	bool in = false;
	while (fgets(line, sizeof line, f)) {
		if (!in) {
			in = !strcmp(line, "````lesson\n");
		} else if (!strcmp(line, "````\n")) {
			break;
		} else if (n + strlen(line) < sizeof text) {
			strcpy(text + n, line);
			n += strlen(line);
		}
	}
	fclose(f);
	char *err = NULL;
	struct lesson *l = lesson_parse(text, "README.md", &err);
	ok(n > 0 && l && !err, "the README's example lesson parses%s%s", err ? ": " : "",
	   err ? err : "");
	int runs = 0, charts = 0, quizzes = 0;
	for (int i = 0; l && i < l->nsteps; i++) {
		runs += l->steps[i].has_run;
		charts += l->steps[i].has_chart;
		quizzes += l->steps[i].quiz != NULL;
	}
	ok(l && l->nsteps >= 3 && runs >= 2 && charts == 1 && quizzes == 1,
	   "it shows several steps, runs, a chart and a quiz");
	free(err);
	lesson_free(l);
}

/* @claim: parsed against the step's @chart, checked against measurements. */
static void test_claim(void)
{
	struct lesson *l = parse("# T\n@chart strategies=joined,selectin orders=100,10000\n"
				 "@claim joined faster selectin orders=10000 by=1.5\n"
				 "@claim selectin faster joined orders=100 engine=sqlalchemy\n");
	const struct lesson_step *st = l ? &l->steps[0] : NULL;
	ok(st && st->nclaims == 2, "two @claims on the step");
	if (st && st->nclaims == 2) {
		const struct lesson_claim *a = &st->claims[0], *b = &st->claims[1];
		ok(a->faster == strategy_find("joined") && a->slower == strategy_find("selectin") &&
			   a->orders == 10000 && a->by == 1.5 && !a->sqlalchemy && a->line == 3,
		   "the first: joined faster than selectin by 1.5x at 10000, nplus1's");
		ok(b->orders == 100 && b->by == 1 && b->sqlalchemy, "the second: SQLAlchemy's");
		char *text = lesson_claim_text(a);
		is_str(text, "joined faster than selectin by 1.5x at 10000 orders (nplus1)",
		       "lesson_claim_text");
		free(text);
		const struct lesson_measure m[] = {
			{ "joined", 10000, 2.0, NULL },	  { "selectin", 10000, 3.2, NULL },
			{ "joined", 100, 1.0, "2.0.52" }, { "selectin", 100, 1.5, "2.0.52" },
			{ "selectin", 100, 0.01, NULL },  { "joined", 100, 0.02, NULL },
		};
		char *seen = NULL;
		ok(lesson_claim_check(a, m, 6, &seen) == 1, "3.2 >= 1.5 x 2.0 holds");
		is_str(seen, "joined 2.000 ms, selectin 3.200 ms (1.60x)", "what was seen");
		free(seen);
		ok(lesson_claim_check(b, m, 6, NULL) == 0,
		   "SQLAlchemy's figures decide an engine=sqlalchemy claim, not nplus1's");
		ok(lesson_claim_check(a, m, 2, NULL) == 1 &&
			   lesson_claim_check(b, m, 2, NULL) == -1,
		   "a claim not measured by its engine is -1");
		const struct lesson_measure close[] = { { "joined", 10000, 2.0, NULL },
							{ "selectin", 10000, 2.9, NULL } };
		ok(lesson_claim_check(a, close, 2, NULL) == 0, "by=1.5 needs the margin");
	}
	lesson_free(l);
	is_err("# T\n@claim joined faster selectin orders=100\n",
	       PATH ":2: @claim needs a @chart earlier in this step", "@claim without a @chart");
	is_err("# T\n@chart\n@claim joined beats selectin orders=100\n",
	       PATH ":3: @claim: expected 'A faster B orders=N' (e.g. 'joined faster selectin "
		    "orders=10000')",
	       "@claim: the verb is faster");
	is_err("# T\n@chart strategies=joined,selectin\n@claim joined faster select orders=100\n",
	       PATH ":3: @claim: 'select' is not in the @chart's strategies (line 2)",
	       "@claim: a strategy the chart does not time");
	is_err("# T\n@chart\n@claim joined faster selectin orders=500\n",
	       PATH ":3: @claim: orders=500 is not one of the @chart's sizes (line 2)",
	       "@claim: a size the chart does not time");
	is_err("# T\n@chart\n@claim joined faster selectin\n",
	       PATH ":3: @claim: expected orders=N, one of the @chart's sizes (line 2)",
	       "@claim: no size");
	is_err("# T\n@chart\n@claim joined faster selectin orders=100 by=0.5\n",
	       PATH ":3: @claim: invalid 'by=0.5' (expected orders=N, by=X from 1 to 1000, "
		    "engine=nplus1 or engine=sqlalchemy)",
	       "@claim: by below 1");
}

/* A @run step's check takes the learner's typed query in either API, as long as
 * it is the step's workload. */
static void applies(const struct lesson_step *st, const char *line, bool want, const char *what)
{
	struct spec def = spec_default();
	struct expr_command c;
	char *err = NULL;
	if (expr_parse(line, &def, &c, &err)) {
		ok(false, "%s: %s", what, err);
		free(err);
		return;
	}
	ok(lesson_check_applies(st, &c.spec, true) == want, "%s", what);
	expr_command_done(&c);
}

static void test_applies(void)
{
	struct lesson *l = parse("# T\n@run joined collection limit=5 style=select\n"
				 "@expect statements = 1\n");
	const struct lesson_step *st = l ? &l->steps[0] : NULL;
	if (!st) {
		ok(false, "the lesson parses");
		return;
	}
	ok(st->run.style == SPEC_SELECT, "@run style=select");
	applies(st, "run joined collection limit=5", true, "the tutor's run, either style");
	applies(st,
		"session.scalars(select(Customer).options(joinedload(Customer.orders))"
		".order_by(Customer.id).limit(5)).unique().all()",
		true, "2.0: order_by the key is the page a @run sorts by");
	applies(st,
		"session.query(Customer).options(joinedload(Customer.orders))"
		".order_by(Customer.id).limit(5).all()",
		true, "the legacy Query too");
	applies(st,
		"session.scalars(select(Customer).options(joinedload(Customer.orders))"
		".order_by(Customer.id.desc()).limit(5)).unique().all()",
		false, "another order is another page");
	applies(st,
		"session.scalars(select(Customer).options(joinedload(Customer.orders))"
		".order_by(Customer.name).limit(5)).unique().all()",
		false, "so is an order by name");
	applies(st, "run joined collection limit=6", false, "another page size is not the step's");
	lesson_free(l);
}

int main(void)
{
	test_claim();
	test_model();
	test_errors();
	test_tasks();
	test_exercise();
	test_applies();
	test_hostile();
	test_expect();
	test_fill();
	test_fill_keys();
	test_dir();
	test_search_path();
	test_readme();
	return tap_done();
}
