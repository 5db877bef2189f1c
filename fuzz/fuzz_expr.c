/* fuzz_expr: the ":" prompt's line, through expr_parse with the tutor's default
 * spec, then through completion at a few cursor positions, the way readline asks
 * (the word before the cursor is the prefix, candidates counted up from 0).
 *
 * Promises checked: a parse succeeds with no error, or fails with one line
 * "column N: ..." (N within the line) and nothing left to free; a run names a
 * strategy, sql and explain carry their statement; every candidate completion
 * begins with the prefix asked for, and the list ends. */
#include "config.h"

#include "expr.h"
#include "fuzz.h"

/* More candidates than any context offers: a list that does not end is a finding. */
enum { COMPLETE_MAX = 64 };

static void check_parse(const char *line, const struct spec *defaults)
{
	struct expr_command c;
	char *err = NULL;
	int rc = expr_parse(line, defaults, &c, &err);
	if (rc != 0) {
		FUZZ_CHECK(rc == -1, "expr_parse returns 0 or -1");
		FUZZ_CHECK(fuzz_one_line(err), "the error is one line");
		FUZZ_CHECK(!strncmp(err, "column ", 7), "the error names the column");
		/* Columns count characters (UTF-8 lead bytes) from 1; the cursor stops at
		 * one of them or just past the last. */
		size_t chars = 0;
		for (const char *p = line; *p; p++)
			chars += ((unsigned char)*p & 0xC0) != 0x80;
		unsigned long col = strtoul(err + 7, NULL, 10);
		FUZZ_CHECK(col >= 1 && col <= chars + 1, "the column is within the line");
		FUZZ_CHECK(!c.text, "a failed parse leaves nothing to free");
		free(err);
		return;
	}
	FUZZ_CHECK(!err, "success gives no error");
	FUZZ_CHECK(c.kind >= EXPR_EMPTY && c.kind <= EXPR_QUIT, "a known kind");
	if (c.kind == EXPR_RUN)
		FUZZ_CHECK(c.spec.strategy, "a run names a strategy");
	if (c.kind == EXPR_SQL || c.kind == EXPR_EXPLAIN)
		FUZZ_CHECK(c.text && *c.text, "sql and explain carry a statement");
	else
		FUZZ_CHECK(!c.text, "only sql and explain carry text");
	if (c.kind == EXPR_BENCH) {
		FUZZ_CHECK(c.bench.nsizes >= 1 && c.bench.nsizes <= SPEC_MAX_LIST,
			   "bench sizes in range");
		FUZZ_CHECK(c.bench.nstrategies >= 1 && c.bench.nstrategies <= SPEC_MAX_LIST,
			   "bench strategies in range");
		for (int i = 0; i < c.bench.nstrategies; i++)
			FUZZ_CHECK(c.bench.strategies[i], "bench strategies are known");
	}
	expr_command_done(&c);
	FUZZ_CHECK(!c.text, "expr_command_done forgets the text");
	expr_command_done(&c); /* twice is harmless: the prompt may call it again */
}

/* Complete at byte offset at, with the word before it as the prefix. */
static void check_complete(const char *line, size_t at)
{
	size_t len = strlen(line);
	if (at > len)
		at = len;
	size_t ws = at;
	while (ws > 0 && line[ws - 1] != ' ' && line[ws - 1] != '\t')
		ws--;
	char *prefix = fuzz_text((const uint8_t *)line + ws, at - ws);
	size_t i = 0;
	for (const char *cand; (cand = expr_complete(line, at, prefix, i)); i++) {
		FUZZ_CHECK(i < COMPLETE_MAX, "the candidates end");
		FUZZ_CHECK(!strncmp(cand, prefix, strlen(prefix)), "a candidate fits the prefix");
	}
	/* Empty and missing prefixes: every candidate for the context. */
	for (i = 0; expr_complete(line, at, "", i); i++)
		FUZZ_CHECK(i < COMPLETE_MAX, "the candidates end");
	expr_complete(line, at, NULL, 0);
	free(prefix);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *line = fuzz_text(data, size);
	struct spec defaults = spec_default();
	check_parse(line, &defaults);
	check_parse(line, NULL);

	size_t len = strlen(line);
	const size_t offsets[] = { 0, len / 2, len, len + 1, strcspn(line, " \t") + 1 };
	for (size_t k = 0; k < sizeof offsets / sizeof *offsets; k++)
		check_complete(line, offsets[k]);
	free(line);
	return 0;
}
