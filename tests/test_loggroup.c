/* test_loggroup: the grouped log view and the N+1 detector. Identical texts group in order
 * of first appearance with exact counts, statement ranges and parameter ranges; the
 * suspect is the first single-parameter group at the threshold; summaries read exactly as
 * the UI shows them and truncate without splitting a character; reset forgets; pointers
 * survive growth; ten thousand statements stay one group. */
#include "config.h"

#include "loggroup.h"
#include "tap.h"

#include <stdlib.h>

#define Q_AUTHORS "SELECT id, name FROM author"
#define Q_BOOKS	  "SELECT id, title FROM book WHERE author_id = ?"
#define Q_RANGE	  "SELECT id FROM book WHERE id BETWEEN ? AND ?"

static void add1(struct loggroups *g, uint64_t seq, const char *sql, int64_t p)
{
	loggroups_add(g, seq, sql, &p, 1);
}

static void test_grouping(void)
{
	struct loggroups *g = loggroups_new();
	int64_t range[2] = { 5, 9 };
	loggroups_add(g, 1, Q_AUTHORS, NULL, 0);
	add1(g, 2, Q_BOOKS, 7);
	add1(g, 3, Q_BOOKS, 3);
	loggroups_add(g, 4, Q_RANGE, range, 2);
	add1(g, 5, Q_BOOKS, 12);
	add1(g, 6, Q_BOOKS, -4);
	add1(g, 7, Q_BOOKS, 8);

	is_int((int64_t)loggroups_len(g), 3, "three distinct texts make three groups");
	is_str(loggroups_get(g, 0)->sql, Q_AUTHORS, "groups keep order of first appearance (0)");
	is_str(loggroups_get(g, 1)->sql, Q_BOOKS, "groups keep order of first appearance (1)");
	is_str(loggroups_get(g, 2)->sql, Q_RANGE, "groups keep order of first appearance (2)");
	ok(loggroups_get(g, 3) == NULL, "get past the end is NULL");

	struct loggroup *books = loggroups_get(g, 1);
	is_int((int64_t)books->count, 5, "repeated text counts every run");
	is_int((int64_t)books->first_seq, 2, "first_seq is the first run");
	is_int((int64_t)books->last_seq, 7, "last_seq is the latest run");
	is_int(books->pmin, -4, "pmin is the smallest of unsorted params");
	is_int(books->pmax, 12, "pmax is the largest of unsorted params");

	struct loggroup *authors = loggroups_get(g, 0);
	is_int(authors->nparams, 0, "a parameterless group records nparams 0");
	is_int((int64_t)authors->count, 1, "a single run counts one");
	is_int(loggroups_get(g, 2)->nparams, 2, "a two-parameter group records nparams 2");
	is_int(loggroups_get(g, 2)->pmin, 5, "a multi-parameter group ranges its first param");

	ok(loggroups_find(g, Q_BOOKS) == books, "find returns the group with that text");
	ok(loggroups_find(g, "SELECT 1") == NULL, "find of an unseen text is NULL");

	loggroups_reset(g);
	is_int((int64_t)loggroups_len(g), 0, "reset empties the groups");
	ok(loggroups_find(g, Q_BOOKS) == NULL, "reset forgets texts for find");
	add1(g, 1, Q_BOOKS, 1);
	is_int((int64_t)loggroups_get(g, 0)->count, 1, "a text after reset starts a new count");
	loggroups_free(g);
}

static void test_suspect(void)
{
	struct loggroups *g = loggroups_new();
	int64_t two[2] = { 1, 2 };
	for (int i = 0; i < 10; i++) {
		loggroups_add(g, (uint64_t)(3 * i + 1), Q_AUTHORS, NULL, 0);
		loggroups_add(g, (uint64_t)(3 * i + 2), Q_RANGE, two, 2);
	}
	ok(loggroups_suspect(g, 2) == NULL, "zero- and multi-param groups are never suspects");
	for (int i = 0; i < 4; i++)
		add1(g, (uint64_t)(100 + i), Q_BOOKS, i);
	for (int i = 0; i < 6; i++)
		add1(g, (uint64_t)(200 + i), "SELECT * FROM review WHERE book_id = ?", i);

	const struct loggroup *s = loggroups_suspect(g, 4);
	ok(s && strcmp(s->sql, Q_BOOKS) == 0, "a group exactly at the threshold is suspect");
	s = loggroups_suspect(g, 3);
	ok(s && strcmp(s->sql, Q_BOOKS) == 0, "the first qualifying group wins");
	s = loggroups_suspect(g, 5);
	ok(s && strcmp(s->sql, "SELECT * FROM review WHERE book_id = ?") == 0,
	   "a group below the threshold is passed over for a later one above it");
	ok(loggroups_suspect(g, 7) == NULL, "no group above the threshold means no suspect");
	s = loggroups_suspect(g, 0);
	ok(s && strcmp(s->sql, Q_BOOKS) == 0, "threshold 0 accepts any single-param group");
	loggroups_free(g);

	g = loggroups_new();
	add1(g, 1, Q_BOOKS, 1);
	ok(loggroups_suspect(g, 1) == loggroups_get(g, 0), "threshold 1 accepts a single run");
	loggroups_free(g);
}

static void test_summary(void)
{
	struct loggroup gr = { .sql = "x", .count = 100, .nparams = 1, .pmin = 1, .pmax = 100 };
	char buf[128];
	is_str(loggroup_summary(&gr, true, buf, sizeof buf), "\u00d7100 similar, params 1\u2026100",
	       "utf8 summary of an N+1 run");
	is_str(loggroup_summary(&gr, false, buf, sizeof buf), "x100 similar, params 1...100",
	       "ascii summary of an N+1 run");
	ok(loggroup_summary(&gr, false, buf, sizeof buf) == buf, "summary returns buf");

	gr.count = 5, gr.pmin = gr.pmax = 7;
	is_str(loggroup_summary(&gr, true, buf, sizeof buf), "\u00d75 similar, params 7",
	       "a repeated single value is shown once");
	gr.pmin = INT64_MIN, gr.pmax = INT64_MAX, gr.count = UINT64_MAX;
	is_str(loggroup_summary(&gr, false, buf, sizeof buf),
	       "x18446744073709551615 similar, params -9223372036854775808...9223372036854775807",
	       "extreme numbers fit");

	gr.count = 21, gr.nparams = 2;
	is_str(loggroup_summary(&gr, true, buf, sizeof buf), "\u00d721 similar",
	       "utf8 summary of a multi-param group has no range");
	is_str(loggroup_summary(&gr, false, buf, sizeof buf), "x21 similar",
	       "ascii summary of a multi-param group has no range");
	gr.nparams = 0;
	is_str(loggroup_summary(&gr, false, buf, sizeof buf), "x21 similar",
	       "a parameterless group has no range");

	gr.count = 1, gr.nparams = 1;
	is_str(loggroup_summary(&gr, true, buf, sizeof buf), "1 statement", "a single run");

	gr.count = 100, gr.pmin = 1, gr.pmax = 100;
	is_str(loggroup_summary(&gr, false, buf, 5), "x100", "ascii truncates to size 5");
	is_str(loggroup_summary(&gr, true, buf, 5), "\u00d710", "utf8 truncates to size 5");
	is_str(loggroup_summary(&gr, true, buf, 2), "", "truncation never splits a character");
	is_str(loggroup_summary(&gr, true, buf, 25), "\u00d7100 similar, params 1",
	       "truncation drops a cut ellipsis whole");
	buf[0] = 'z';
	is_str(loggroup_summary(&gr, true, buf, 1), "", "size 1 leaves an empty string");
	buf[0] = 'z';
	loggroup_summary(&gr, true, buf, 0);
	is_int(buf[0], 'z', "size 0 writes nothing");
}

static void test_scale(void)
{
	struct loggroups *g = loggroups_new();
	add1(g, 1, Q_BOOKS, 1);
	struct loggroup *first = loggroups_get(g, 0);
	for (int i = 2; i <= 10000; i++)
		add1(g, (uint64_t)i, Q_BOOKS, i);
	is_int((int64_t)loggroups_len(g), 1, "10000 runs of one text make one group");
	is_int((int64_t)first->count, 10000, "and count 10000");
	is_int(first->pmin, 1, "with pmin 1");
	is_int(first->pmax, 10000, "and pmax 10000");

	/* Many distinct texts force the order array and the hash table to grow. */
	char sql[64];
	for (int i = 0; i < 5000; i++) {
		snprintf(sql, sizeof sql, "SELECT %d", i);
		loggroups_add(g, (uint64_t)(10001 + i), sql, NULL, 0);
	}
	is_int((int64_t)loggroups_len(g), 5001, "5000 distinct texts add 5000 groups");
	ok(loggroups_get(g, 0) == first && strcmp(first->sql, Q_BOOKS) == 0,
	   "a pointer from get stays valid, with its text, after many adds");
	ok(loggroups_find(g, "SELECT 4321") == loggroups_get(g, 4322),
	   "find locates a group among thousands");
	is_str(loggroups_get(g, 5000)->sql, "SELECT 4999", "the last new text is the last group");
	loggroups_free(g);
}

int main(void)
{
	test_grouping();
	test_suspect();
	test_summary();
	test_scale();

	struct loggroups *g = loggroups_new();
	loggroups_reset(g);
	is_int((int64_t)loggroups_len(g), 0, "reset of an empty set is harmless");
	loggroups_free(g);
	loggroups_free(NULL); /* a crash here fails the run */
	return tap_done();
}
