/* test_progress: the learner's progress store. A fresh store creates its
 * directories and file and saves; what is set is read back and survives a
 * reopen; reset forgets. A file it cannot use (garbage, another program's
 * database, read-only, locked by another tutor, an impossible path) gives one
 * warning naming the file, is never written, and the store keeps answering from
 * memory. The default path follows XDG_STATE_HOME, then HOME. */
#include "config.h"

#include "progress.h"
#include "tap.h"
#include "util.h"

#include <ftw.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

static const char lesson[] = "03-the-n-plus-1.lesson";

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	chmod(path, 0700); /* undo the read-only tests */
	return remove(path);
}

/* A fresh directory per case, removed with everything in it by cleanup(). */
static char *fresh_dir(void)
{
	char *dir = util_strdup("/tmp/nplus1-progress-XXXXXX");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		exit(1);
	}
	return dir;
}

static void cleanup(char *dir)
{
	chmod(dir, 0700);
	nftw(dir, remove_one, 8, FTW_DEPTH | FTW_PHYS);
	free(dir);
}

/* The whole file (caller frees), its size in *len; NULL when unreadable. */
static char *slurp(const char *path, long *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	*len = ftell(f);
	rewind(f);
	char *buf = util_malloc((size_t)*len);
	if (fread(buf, 1, (size_t)*len, f) != (size_t)*len)
		*len = -1;
	fclose(f);
	return buf;
}

static bool same_file(const char *path, const char *before, long len)
{
	long now = 0;
	char *after = slurp(path, &now);
	bool same = after && now == len && memcmp(before, after, (size_t)len) == 0;
	free(after);
	return same;
}

static bool mentions(const char *warning, const char *what)
{
	return warning && strstr(warning, what);
}

static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *db;
	if (sqlite3_open(path, &db) != SQLITE_OK || sqlite3_exec(db, sql, NULL, NULL, NULL)) {
		printf("# raw sqlite: %s\n", sqlite3_errmsg(db));
		exit(1);
	}
	sqlite3_close(db);
}

/* A store that already holds position (3, 2) and lesson step 1 passed. */
static void seed(const char *path)
{
	struct progress *p = progress_open(path, NULL);
	progress_set_position(p, 3, 2, NULL);
	progress_set_passed(p, lesson, 1, NULL);
	progress_close(p);
}

static void test_fresh_and_reopen(void)
{
	char *dir = fresh_dir(), *path = util_printf("%s/a/b/c/progress.db", dir);
	char *w = NULL, *deep = util_printf("%s/a/b/c", dir);
	struct stat st;
	int l = -1, s = -1;

	struct progress *p = progress_open(path, &w);
	ok(w == NULL, "fresh store: no warning");
	ok(progress_saving(p), "fresh store: saving");
	ok(stat(deep, &st) == 0 && S_ISDIR(st.st_mode) && (st.st_mode & 0777) == 0700,
	   "fresh store: three missing directories created, mode 0700");
	ok(access(path, F_OK) == 0, "fresh store: the file exists");
	ok(!progress_position(p, &l, &s), "fresh store: no position yet");
	ok(!progress_passed(p, lesson, 1), "fresh store: nothing passed");
	is_int(progress_answer(p, lesson, 4), -1, "fresh store: no answer");

	ok(progress_set_position(p, 3, 2, &w), "set position");
	ok(progress_position(p, &l, &s) && l == 3 && s == 2, "position reads back (3, 2)");
	ok(progress_set_position(p, 4, 0, &w) && progress_position(p, &l, &s) && l == 4 && s == 0,
	   "a new position replaces the old one");
	ok(progress_set_passed(p, lesson, 1, &w), "set passed");
	ok(progress_set_passed(p, lesson, 1, &w), "passing a step again is fine");
	ok(progress_passed(p, lesson, 1), "step 1 passed");
	ok(!progress_passed(p, lesson, 2), "step 2 not passed");
	ok(!progress_passed(p, "04-other.lesson", 1), "the same step of another lesson not passed");
	ok(progress_set_answer(p, lesson, 4, 2, &w), "set answer");
	ok(progress_set_answer(p, lesson, 4, 1, &w), "change answer");
	is_int(progress_answer(p, lesson, 4), 1, "the answer is the last one given");
	ok(w == NULL, "no warning from any setter");
	progress_close(p);

	p = progress_open(path, &w);
	ok(w == NULL && progress_saving(p), "reopened: no warning, saving");
	ok(progress_position(p, &l, &s) && l == 4 && s == 0, "reopened: position persisted");
	ok(progress_passed(p, lesson, 1) && !progress_passed(p, lesson, 2),
	   "reopened: passed steps persisted");
	is_int(progress_answer(p, lesson, 4), 1, "reopened: answer persisted");

	ok(progress_reset(p, &w), "reset");
	ok(!progress_position(p, &l, &s) && !progress_passed(p, lesson, 1) &&
		   progress_answer(p, lesson, 4) == -1,
	   "reset forgets position, passed steps and answers");
	progress_close(p);
	p = progress_open(path, &w);
	ok(w == NULL && !progress_position(p, &l, &s) && !progress_passed(p, lesson, 1),
	   "reset reached the file");
	progress_close(p);

	sqlite3 *db;
	sqlite3_stmt *st_fmt = NULL;
	bool tagged =
		sqlite3_open(path, &db) == SQLITE_OK &&
		sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = 'format'", -1, &st_fmt,
				   NULL) == SQLITE_OK &&
		sqlite3_step(st_fmt) == SQLITE_ROW &&
		strcmp((const char *)sqlite3_column_text(st_fmt, 0), "nplus1-progress-1") == 0;
	ok(tagged, "the file says its format: nplus1-progress-1");
	sqlite3_finalize(st_fmt);
	sqlite3_close(db);

	free(deep);
	free(path);
	cleanup(dir);
}

static void test_empty_file(void)
{
	char *dir = fresh_dir(), *path = util_printf("%s/progress.db", dir), *w = NULL;
	fclose(fopen(path, "w"));
	struct progress *p = progress_open(path, &w);
	ok(w == NULL && progress_saving(p) && progress_set_passed(p, lesson, 0, &w),
	   "an empty file becomes a new store");
	progress_close(p);
	free(path);
	cleanup(dir);
}

/* The file at path is unusable: one warning naming it and saying what, memory
 * keeps working, and the file is byte for byte what it was. */
static void check_refused(const char *what, const char *path, const char *says)
{
	long len = 0;
	char *before = slurp(path, &len), *w = NULL, *w2 = NULL;
	int l = -1, s = -1;
	struct progress *p = progress_open(path, &w);
	ok(mentions(w, path) && mentions(w, says), "%s: warning names the file and says \"%s\"",
	   what, says);
	if (w)
		printf("#   %s\n", w);
	ok(!progress_saving(p), "%s: not saving", what);
	ok(progress_set_position(p, 7, 1, &w2) && progress_set_answer(p, lesson, 2, 3, &w2),
	   "%s: setters still work", what);
	ok(progress_position(p, &l, &s) && l == 7 && s == 1 && progress_answer(p, lesson, 2) == 3,
	   "%s: getters answer from memory", what);
	ok(w2 == NULL, "%s: no second warning", what);
	progress_close(p);
	ok(before && same_file(path, before, len), "%s: the file is unchanged", what);
	char *journal = util_printf("%s-journal", path);
	ok(access(journal, F_OK) != 0, "%s: no journal was created", what);
	free(journal);
	free(before);
	free(w);
}

static void test_corrupted(void)
{
	char *dir = fresh_dir(), *path = util_printf("%s/progress.db", dir);
	FILE *f = fopen(path, "wb");
	unsigned x = 12345;
	for (int i = 0; i < 4096; i++) {
		x = x * 1103515245 + 12345;
		fputc((int)(x >> 16) & 0xff, f);
	}
	fclose(f);
	check_refused("garbage file", path, "not a progress file");
	free(path);
	cleanup(dir);
}

static void test_other_database(void)
{
	char *dir = fresh_dir(), *path = util_printf("%s/progress.db", dir);
	raw_exec(path, "CREATE TABLE notes(x); INSERT INTO notes VALUES('keep me');");
	check_refused("another program's database", path, "not a progress file");
	/* Same name, wrong format tag. */
	char *path2 = util_printf("%s/tagged.db", dir);
	raw_exec(path2, "CREATE TABLE meta(key TEXT PRIMARY KEY, value);"
			"INSERT INTO meta VALUES('format', 'nplus1-progress-99');");
	check_refused("a future format", path2, "not a progress file");
	free(path2);
	free(path);
	cleanup(dir);
}

static void test_read_only(void)
{
	if (geteuid() == 0) {
		ok(1, "read-only file # SKIP running as root, which ignores permission bits");
		ok(1, "read-only directory # SKIP running as root, which ignores permission bits");
		return;
	}
	char *dir = fresh_dir(), *path = util_printf("%s/progress.db", dir), *w = NULL;
	int l = -1, s = -1;
	seed(path);
	chmod(path, 0444);
	struct progress *p = progress_open(path, &w);
	ok(mentions(w, path) && mentions(w, "read-only"), "read-only file: warning says so");
	ok(!progress_saving(p), "read-only file: not saving");
	ok(progress_position(p, &l, &s) && l == 3 && s == 2 && progress_passed(p, lesson, 1),
	   "read-only file: saved progress loaded");
	ok(progress_set_position(p, 9, 9, NULL) && progress_position(p, &l, &s) && l == 9,
	   "read-only file: changes kept in memory");
	progress_close(p);
	free(w), w = NULL;

	chmod(path, 0644);
	chmod(dir, 0555);
	p = progress_open(path, &w);
	ok(mentions(w, "read-only") && !progress_saving(p), "read-only directory: warning");
	ok(progress_position(p, &l, &s) && l == 3 && s == 2,
	   "read-only directory: saved progress loaded");
	progress_close(p);
	free(w), w = NULL;

	char *missing = util_printf("%s/missing.db", dir);
	p = progress_open(missing, &w);
	ok(mentions(w, missing) && !progress_saving(p) && progress_set_passed(p, lesson, 0, NULL),
	   "read-only directory, no file yet: warning, works in memory");
	progress_close(p);
	free(w), w = NULL;
	free(missing);

	/* The directory turns read-only while the tutor runs: the journal cannot be made. */
	chmod(dir, 0755);
	p = progress_open(path, &w);
	chmod(dir, 0555);
	ok(w == NULL && !progress_set_position(p, 8, 8, &w) && mentions(w, path),
	   "directory turned read-only: the setter fails and warns");
	ok(progress_position(p, &l, &s) && l == 8 && s == 8, "and the change is kept in memory");
	progress_close(p);
	free(w);
	free(path);
	cleanup(dir);
}

/* A write that fails half way (here the file may not grow: RLIMIT_FSIZE, which
 * binds root too, standing in for a full disk) stops saving, loses nothing in
 * memory and leaves the saved progress intact. */
static void test_write_fails(void)
{
	char *dir = fresh_dir(), *path = util_printf("%s/progress.db", dir), *w = NULL;
	char big[20000];
	int l = -1, s = -1;
	struct stat st;
	struct rlimit old, tight;
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	seed(path);
	struct progress *p = progress_open(path, &w);
	signal(SIGXFSZ, SIG_IGN);
	getrlimit(RLIMIT_FSIZE, &old);
	tight = old;
	tight.rlim_cur = stat(path, &st) == 0 ? (rlim_t)st.st_size : 0;
	setrlimit(RLIMIT_FSIZE, &tight);
	bool saved = progress_set_passed(p, big, 0, &w);
	setrlimit(RLIMIT_FSIZE, &old);
	ok(!saved, "file cannot grow: the setter returns false");
	ok(mentions(w, path), "file cannot grow: the warning names the file");
	if (w)
		printf("#   %s\n", w);
	ok(!progress_saving(p) && progress_passed(p, big, 0),
	   "file cannot grow: not saving, the change is kept in memory");
	progress_close(p);
	free(w), w = NULL;
	p = progress_open(path, &w);
	ok(w == NULL && progress_position(p, &l, &s) && l == 3 && s == 2 &&
		   progress_passed(p, lesson, 1) && !progress_passed(p, big, 0),
	   "file cannot grow: the saved progress is intact");
	progress_close(p);
	free(w);
	free(path);
	cleanup(dir);
}

static void test_locked(void)
{
	char *dir = fresh_dir(), *path = util_printf("%s/progress.db", dir);
	char *w = NULL, *w2 = NULL;
	int l = -1, s = -1;
	seed(path);

	struct progress *p = progress_open(path, &w);
	ok(w == NULL && progress_saving(p), "locked later: opens and saves at first");
	sqlite3 *other;
	bool locked = sqlite3_open(path, &other) == SQLITE_OK &&
		      sqlite3_exec(other, "BEGIN EXCLUSIVE", NULL, NULL, NULL) == SQLITE_OK;
	ok(locked, "another tutor holds the file");
	int64_t t0 = util_now_ns();
	ok(!progress_set_position(p, 5, 6, &w), "a setter on a locked file returns false");
	ok(util_now_ns() - t0 < 1000000000, "and it waits less than a second (%.0f ms)",
	   (double)(util_now_ns() - t0) / 1e6);
	ok(mentions(w, path) && mentions(w, "in use") && mentions(w, "saved when it is free"),
	   "warning: the file is in use, progress is kept");
	if (w)
		printf("#   %s\n", w);
	ok(progress_saving(p), "the store still means to save");
	ok(progress_position(p, &l, &s) && l == 5 && s == 6, "the change is kept in memory");
	ok(progress_passed(p, lesson, 1), "what was read before is kept");
	ok(progress_set_passed(p, lesson, 9, &w2) && w2 == NULL,
	   "a later setter while locked: kept in memory, no second warning");
	sqlite3_exec(other, "COMMIT", NULL, NULL, NULL);
	ok(progress_note(p, lesson, 9, PROGRESS_HINT, &w2) && w2 == NULL,
	   "once the lock clears, the next change writes");
	progress_close(p);
	free(w), w = NULL;
	p = progress_open(path, &w);
	ok(w == NULL && progress_position(p, &l, &s) && l == 5 && s == 6 &&
		   progress_passed(p, lesson, 9),
	   "and what waited in memory reached the file");
	progress_close(p);

	/* Locked until the end: the exit says plainly what was not saved. */
	p = progress_open(path, &w);
	sqlite3_exec(other, "BEGIN EXCLUSIVE", NULL, NULL, NULL);
	progress_set_position(p, 7, 7, &w);
	free(w), w = NULL;
	char *lost = progress_flush(p);
	ok(mentions(lost, path) && mentions(lost, "could not be saved"),
	   "locked through the end: progress_flush says what was lost");
	if (lost)
		printf("#   %s\n", lost);
	free(lost);
	sqlite3_exec(other, "COMMIT", NULL, NULL, NULL);
	progress_set_position(p, 3, 2, NULL);
	ok(progress_flush(p) == NULL, "and nothing once it is written");
	progress_close(p);

	/* Locked while opening: nothing can be read, but the store still works. */
	sqlite3_exec(other, "BEGIN EXCLUSIVE", NULL, NULL, NULL);
	p = progress_open(path, &w);
	ok(mentions(w, "in use") && !progress_saving(p), "locked at open: warning, not saving");
	ok(progress_set_answer(p, lesson, 0, 2, NULL) && progress_answer(p, lesson, 0) == 2,
	   "locked at open: works in memory");
	progress_close(p);
	sqlite3_exec(other, "COMMIT", NULL, NULL, NULL);
	sqlite3_close(other);
	free(w), w = NULL;

	p = progress_open(path, &w);
	ok(w == NULL && progress_position(p, &l, &s) && l == 3 && s == 2 &&
		   progress_passed(p, lesson, 1) && progress_passed(p, lesson, 9) &&
		   progress_answer(p, lesson, 0) == -1,
	   "after the other tutor let go, the saved progress is intact (3, 2 written last)");
	progress_close(p);
	free(path);
	cleanup(dir);
}

/* No file can be made at path: a warning saying what, and memory works. */
static void check_impossible(const char *what, const char *path, const char *says)
{
	char *w = NULL;
	struct progress *p = progress_open(path, &w);
	ok(mentions(w, path) && mentions(w, says), "%s: warning names the file and says \"%s\"",
	   what, says);
	if (w)
		printf("#   %s\n", w);
	ok(!progress_saving(p) && progress_set_passed(p, lesson, 3, NULL) &&
		   progress_passed(p, lesson, 3),
	   "%s: not saving, works in memory", what);
	progress_close(p);
	free(w);
}

/* Notes for the course summary: kept, read back after a reopen, forgotten by a
 * reset; a file written before notes existed gains their table and keeps its rows. */
static void test_notes(void)
{
	char *dir = fresh_dir(), *path = util_printf("%s/progress.db", dir), *w = NULL;
	struct progress *p = progress_open(path, &w);
	ok(!progress_noted(p, lesson, 2, PROGRESS_HINT), "notes: none at first");
	ok(progress_note(p, lesson, 2, PROGRESS_HINT, &w) &&
		   progress_note(p, lesson, 2, PROGRESS_HINT, &w) &&
		   progress_note(p, lesson, 4, PROGRESS_BY_SOLUTION, &w) && !w,
	   "notes: set, twice is harmless");
	progress_close(p);
	p = progress_open(path, &w);
	ok(progress_noted(p, lesson, 2, PROGRESS_HINT) &&
		   progress_noted(p, lesson, 4, PROGRESS_BY_SOLUTION) &&
		   !progress_noted(p, lesson, 2, PROGRESS_SOLUTION) &&
		   !progress_noted(p, lesson, 4, PROGRESS_HINT),
	   "notes: each kept for its step and kind, across a reopen");
	progress_reset(p, &w);
	ok(!progress_noted(p, lesson, 2, PROGRESS_HINT), "notes: reset forgets them");
	progress_close(p);
	cleanup(dir), free(path);

	dir = fresh_dir(), path = util_printf("%s/progress.db", dir);
	raw_exec(path, "CREATE TABLE meta(key TEXT PRIMARY KEY, value);"
		       "INSERT INTO meta VALUES('format', 'nplus1-progress-1');"
		       "CREATE TABLE position(id INTEGER PRIMARY KEY CHECK(id=1), lesson INTEGER,"
		       " step INTEGER);"
		       "CREATE TABLE passed(lesson TEXT, step INTEGER, PRIMARY KEY(lesson, step));"
		       "CREATE TABLE answers(lesson TEXT, step INTEGER, answer INTEGER,"
		       " PRIMARY KEY(lesson, step));"
		       "INSERT INTO passed VALUES('03-the-n-plus-1.lesson', 1);");
	p = progress_open(path, &w);
	ok(!w && progress_passed(p, lesson, 1), "an older file opens with its rows");
	ok(progress_note(p, lesson, 1, PROGRESS_QUIZ_WRONG, &w) && !w,
	   "and takes notes: the table was added");
	progress_close(p);
	p = progress_open(path, &w);
	ok(progress_noted(p, lesson, 1, PROGRESS_QUIZ_WRONG), "which are there after a reopen");
	progress_close(p);
	cleanup(dir), free(path);
}

static void test_impossible_paths(void)
{
	char *dir = fresh_dir(), *file = util_printf("%s/plain", dir);
	char *path = util_printf("%s/progress.db", file);
	FILE *f = fopen(file, "w");
	fputs("not a directory\n", f);
	fclose(f);
	check_impossible("parent is a file", path, "cannot create");
	ok(same_file(file, "not a directory\n", 16), "parent is a file: the file is unchanged");
	check_impossible("path in /proc", "/proc/nplus1-test/progress.db", "cannot create");
	char *w = NULL;
	struct progress *p = progress_open(NULL, &w);
	ok(w && !progress_saving(p) && progress_set_position(p, 1, 1, NULL),
	   "no path at all: warning, works in memory");
	progress_close(p);
	free(w);
	p = progress_open(path, NULL);
	ok(progress_set_position(p, 1, 1, NULL), "a NULL warning pointer is fine");
	progress_close(p);
	free(path);
	free(file);
	cleanup(dir);
}

static void test_default_path(void)
{
	char *got;
	setenv("HOME", "/home/learner", 1);
	setenv("XDG_STATE_HOME", "/var/state", 1);
	is_str(got = progress_default_path(), "/var/state/nplus1/progress.db",
	       "default path: under an absolute XDG_STATE_HOME");
	free(got);
	setenv("XDG_STATE_HOME", "relative/state", 1);
	is_str(got = progress_default_path(), "/home/learner/.local/state/nplus1/progress.db",
	       "default path: a relative XDG_STATE_HOME is ignored");
	free(got);
	unsetenv("XDG_STATE_HOME");
	is_str(got = progress_default_path(), "/home/learner/.local/state/nplus1/progress.db",
	       "default path: under HOME");
	free(got);
	unsetenv("HOME");
	ok(progress_default_path() == NULL, "default path: NULL without HOME or XDG_STATE_HOME");
}

int main(void)
{
	test_fresh_and_reopen();
	test_empty_file();
	test_corrupted();
	test_other_database();
	test_read_only();
	test_write_fails();
	test_locked();
	test_notes();
	test_impossible_paths();
	test_default_path();
	return tap_done();
}
