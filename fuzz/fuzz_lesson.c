/* fuzz_lesson: lesson_parse on any text, then everything the tutor does with a
 * lesson that loaded: fill each paragraph's {median}/{ratio}/{faster} from a chart,
 * and show and check each @expect against two fixed runs (one that raised, one
 * that did not).
 *
 * Promises checked: a parse gives a lesson or one error line "path:line: ...",
 * never both; a lesson has 1 to LESSON_MAX_STEPS steps, every @expect sits in a
 * step with a @run, every quiz has 2 to 9 options and an answer among them. */
#include "config.h"

#include "fuzz.h"
#include "lesson.h"
#include "lesson_check.h"
#include "lesson_fill.h"
#include "lesson_load.h"

#include <math.h>

#define PATH "fuzz.lesson"

/* A chart as the tutor keeps it: some strategies measured, one by an alias, one
 * with no finite median yet, one zero (a ratio's divisor), one entry unnamed. */
static const struct lesson_measure measures[] = {
	{ "select", 100, 12.5, NULL },	    { "joined", 100, 3.25, NULL },
	{ "lazy", 10000, 810.0, NULL },	    { "selectin", 10000, 0.0, NULL },
	{ "subquery", 100, NAN, NULL },	    { NULL, 100, 1.0, NULL },
	{ "nosuch", 100, 2.0, NULL },	    { "joined", 10000, 95.0, NULL },
	{ "joined", 100, 900.0, "2.0.52" }, { "select", 100, 0.0, "1.4.46" },
};

static const char *const statements[] = {
	"SELECT orders.id, orders.customer_id FROM orders",
	"SELECT customers.id FROM customers WHERE customers.id IN (?, ?)",
	NULL, /* the checker must not trip over a missing text */
};

static const struct lesson_outcome outcomes[] = {
	{ .statements = 11, .rows = 110, .sql = statements, .nsql = 3 },
	{ .statements = 1,
	  .rows = 0,
	  .error = "'Order.customer' is not available due to "
		   "lazy='raise'" },
};

static void check_lesson(const struct lesson *l)
{
	FUZZ_CHECK(l->nsteps >= 1 && l->nsteps <= LESSON_MAX_STEPS, "step count in range");
	FUZZ_CHECK(l->title && *l->title, "a lesson has a title");
	for (int i = 0; i < l->nsteps; i++) {
		const struct lesson_step *st = &l->steps[i];
		FUZZ_CHECK(st->title, "a step has a title");
		FUZZ_CHECK(st->nexpects == 0 || st->has_run, "@expect only after a @run");
		FUZZ_CHECK(!st->has_run || st->run.strategy, "a @run names a strategy");
		if (st->quiz) {
			const struct lesson_quiz *q = st->quiz;
			FUZZ_CHECK(q->noptions >= 2 && q->noptions <= LESSON_MAX_OPTIONS,
				   "a quiz has 2 to 9 options");
			FUZZ_CHECK(q->answer >= 0 && q->answer < q->noptions,
				   "a quiz's answer is one of its options");
		}
		for (int b = 0; b < st->nblocks; b++) {
			const struct lesson_block *bl = &st->blocks[b];
			FUZZ_CHECK(bl->text && bl->lang, "a block has text and a language");
			if (bl->kind != LESSON_PROSE)
				continue;
			char *filled =
				lesson_fill(bl->text, measures, sizeof measures / sizeof *measures);
			FUZZ_CHECK(filled, "lesson_fill returns text");
			free(filled);
			free(lesson_fill(bl->text, NULL, 0));
		}
		for (int e = 0; e < st->nexpects; e++) {
			const struct lesson_expect *x = &st->expects[e];
			char *text = lesson_expect_text(x);
			FUZZ_CHECK(text && *text, "an expectation reads as text");
			free(text);
			for (size_t o = 0; o < sizeof outcomes / sizeof *outcomes; o++) {
				char *why = NULL;
				bool met = lesson_expect_met(x, &outcomes[o], &why);
				FUZZ_CHECK(met == !why,
					   "a failed expectation says why, a met one not");
				FUZZ_CHECK(met == lesson_expect_met(x, &outcomes[o], NULL),
					   "met does not depend on asking why");
				free(why);
			}
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size), *err = NULL;
	struct lesson *l = lesson_parse(text, PATH, &err);
	FUZZ_CHECK(!l != !err, "a lesson or an error, never both");
	if (l) {
		check_lesson(l);
		lesson_free(l);
	} else {
		FUZZ_CHECK(fuzz_one_line(err), "the error is one line");
		FUZZ_CHECK(!strncmp(err, PATH ":", sizeof PATH), "the error names the file");
		free(err);
	}
	free(text);
	return 0;
}
