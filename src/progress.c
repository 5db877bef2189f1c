/* progress: see progress.h.
 *
 * Two connections. `mem`, an in-memory database with the same schema, always
 * holds the whole state and answers every getter. `disk`, the file, stays open
 * only while changes can reach it. The file's rows are copied into `mem` when it
 * is opened, and each change goes to the file first and then to `mem`; so when
 * the file fails (locked, read-only, full, gone) it is simply closed, and nothing
 * the learner did in this session is lost.
 *
 * A file that is not a readable progress store is only ever read: nothing that
 * writes runs on it before it passed quick_check and showed our format (or no
 * schema at all), so a file we could not read is never overwritten. Progress
 * files are a few kilobytes, so the check costs nothing. */
#include "config.h"

#include "progress.h"
#include "util.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FORMAT "nplus1-progress-1"

static const char schema[] =
	"CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value);"
	"INSERT OR IGNORE INTO meta VALUES('format', '" FORMAT "');"
	"CREATE TABLE IF NOT EXISTS position(id INTEGER PRIMARY KEY CHECK(id=1),"
	" lesson INTEGER, step INTEGER);"
	"CREATE TABLE IF NOT EXISTS passed(lesson TEXT, step INTEGER, PRIMARY KEY(lesson, step));"
	"CREATE TABLE IF NOT EXISTS answers(lesson TEXT, step INTEGER, answer INTEGER,"
	" PRIMARY KEY(lesson, step));"
	"CREATE TABLE IF NOT EXISTS notes(lesson TEXT, step INTEGER, what INTEGER,"
	" PRIMARY KEY(lesson, step, what));";

/* The same statements serve the file and memory. */
static const char get_position[] = "SELECT lesson, step FROM position",
		  set_position[] = "INSERT OR REPLACE INTO position VALUES(1, :lesson, :step)",
		  get_passed[] = "SELECT 1 FROM passed WHERE lesson = :name AND step = :step",
		  set_passed[] = "INSERT OR IGNORE INTO passed VALUES(:name, :step)",
		  get_answer[] = "SELECT answer FROM answers WHERE lesson = :name AND step = :step",
		  set_answer[] = "INSERT OR REPLACE INTO answers VALUES(:name, :step, :answer)",
		  get_note[] = "SELECT 1 FROM notes WHERE lesson = :name AND step = :step"
			       " AND what = :answer",
		  set_note[] = "INSERT OR IGNORE INTO notes VALUES(:name, :step, :answer)",
		  reset[] = "DELETE FROM position; DELETE FROM passed; DELETE FROM answers;"
			    " DELETE FROM notes;";

struct progress {
	sqlite3 *mem;  /* the whole state, always */
	sqlite3 *disk; /* the file, or NULL once changes no longer reach it */
	char *path;
	bool warned;  /* the learner was told: say it once */
	bool pending; /* the file was busy: mem holds changes it lacks */
};

/* Statements and the values of their named parameters :name, :lesson, :step
 * and :answer (each bound only where the SQL uses it). */
struct change {
	const char *sql;
	const char *name;
	int lesson, step, answer;
};

/* SQLite's words for the failures a learner can do something about. */
static const struct {
	int code;
	const char *text;
} reasons[] = {
	{ SQLITE_BUSY, "in use by another nplus1" },
	{ SQLITE_LOCKED, "in use by another nplus1" },
	{ SQLITE_READONLY, "read-only" },
	{ SQLITE_PERM, "read-only" },
	{ SQLITE_FULL, "disk full" },
	{ SQLITE_NOTADB, "not a progress file (corrupted?)" },
	{ SQLITE_CORRUPT, "not a progress file (corrupted?)" },
	{ SQLITE_CANTOPEN, "cannot open or create the file or its journal" },
};

/* Why rc happened on db, in one short phrase (caller frees). A copy, because
 * the ROLLBACK that usually follows replaces SQLite's message. */
static char *reason(sqlite3 *db, int rc)
{
	for (size_t i = 0; i < sizeof reasons / sizeof reasons[0]; i++)
		if (reasons[i].code == (rc & 0xff))
			return util_strdup(reasons[i].text);
	return util_strdup(db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
}

static int bind(sqlite3_stmt *st, const struct change *c)
{
	int i, rc = SQLITE_OK;
	if ((i = sqlite3_bind_parameter_index(st, ":name")) > 0)
		rc = sqlite3_bind_text(st, i, c->name, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK && (i = sqlite3_bind_parameter_index(st, ":lesson")) > 0)
		rc = sqlite3_bind_int(st, i, c->lesson);
	if (rc == SQLITE_OK && (i = sqlite3_bind_parameter_index(st, ":step")) > 0)
		rc = sqlite3_bind_int(st, i, c->step);
	if (rc == SQLITE_OK && (i = sqlite3_bind_parameter_index(st, ":answer")) > 0)
		rc = sqlite3_bind_int(st, i, c->answer);
	return rc;
}

/* Run every statement of c->sql on db: SQLITE_OK, or the first failure. */
static int run(sqlite3 *db, const struct change *c)
{
	const char *sql = c->sql;
	int rc = SQLITE_OK;
	while (rc == SQLITE_OK && *sql) {
		sqlite3_stmt *st = NULL;
		rc = sqlite3_prepare_v2(db, sql, -1, &st, &sql);
		if (rc == SQLITE_OK && st) {
			rc = bind(st, c);
			if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_DONE)
				rc = SQLITE_OK;
		}
		sqlite3_finalize(st); /* its code repeats step's, already in rc */
	}
	return rc;
}

/* Apply c to db in one transaction, all or nothing; on failure *why says why. */
static int transact(sqlite3 *db, const struct change *c, char **why)
{
	int rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = run(db, c);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		*why = reason(db, rc);
		/* A failed COMMIT (busy, full) leaves the transaction open. If this
		 * ROLLBACK fails too, closing the connection rolls back anyway. */
		if (!sqlite3_get_autocommit(db))
			(void)sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	}
	return rc;
}

/* The first column of the first row of sql as text (*out caller frees, NULL
 * when there is no row or it is NULL). */
static int query_text(sqlite3 *db, const char *sql, char **out)
{
	sqlite3_stmt *st;
	*out = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_text(st, 0))
		*out = util_strdup((const char *)sqlite3_column_text(st, 0));
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		rc = SQLITE_OK;
	sqlite3_finalize(st);
	return rc;
}

/* Whether a journal can be created next to path: without one SQLite cannot write. */
static bool dir_writable(const char *path)
{
	char *dir = util_strdup(path), *slash = strrchr(dir, '/');
	if (slash)
		slash[slash == dir] = '\0'; /* keep "/" itself */
	bool ok = access(slash ? dir : ".", W_OK) == 0;
	free(dir);
	return ok;
}

/* Whether db is a store we can read (NULL) or why not (caller frees); *objects
 * counts its schema objects. Only reads. */
static char *check(sqlite3 *db, int *objects)
{
	char *text;
	int rc = query_text(db, "PRAGMA quick_check", &text);
	bool good = rc == SQLITE_OK && text && strcmp(text, "ok") == 0;
	free(text);
	if (rc != SQLITE_OK || !good)
		return reason(db, rc != SQLITE_OK ? rc : SQLITE_CORRUPT);
	/* Any table, view or trigger makes it someone's database, not a blank file. */
	rc = query_text(db, "SELECT count(*) FROM sqlite_master", &text);
	*objects = text ? atoi(text) : 0;
	free(text);
	if (rc != SQLITE_OK || *objects == 0)
		return rc != SQLITE_OK ? reason(db, rc) : NULL;
	rc = query_text(db, "SELECT value FROM meta WHERE key = 'format'", &text);
	good = rc == SQLITE_OK && text && strcmp(text, FORMAT) == 0;
	free(text);
	/* SQLITE_ERROR here is "no such table: meta": some other program's database. */
	if (rc != SQLITE_OK && rc != SQLITE_ERROR)
		return reason(db, rc);
	return good ? NULL : util_strdup("not a progress file (another program's database?)");
}

/* Copy the file's rows into mem. On failure, what was copied stays. */
static char *load(struct progress *p)
{
	static const char *const copies[][2] = {
		{ "SELECT id, lesson, step FROM position",
		  "INSERT OR REPLACE INTO position VALUES(?,?,?)" },
		{ "SELECT lesson, step FROM passed", "INSERT OR REPLACE INTO passed VALUES(?,?)" },
		{ "SELECT lesson, step, answer FROM answers",
		  "INSERT OR REPLACE INTO answers VALUES(?,?,?)" },
		{ "SELECT lesson, step, what FROM notes",
		  "INSERT OR REPLACE INTO notes VALUES(?,?,?)" },
	};
	int rc = SQLITE_OK;
	for (size_t i = 0; rc == SQLITE_OK && i < sizeof copies / sizeof copies[0]; i++) {
		sqlite3_stmt *from = NULL, *to = NULL;
		rc = sqlite3_prepare_v2(p->disk, copies[i][0], -1, &from, NULL);
		/* A read-only file from before notes were kept has no such table. */
		if (rc == SQLITE_ERROR && strstr(copies[i][0], "FROM notes")) {
			rc = SQLITE_OK;
			continue;
		}
		if (rc == SQLITE_OK)
			rc = sqlite3_prepare_v2(p->mem, copies[i][1], -1, &to, NULL);
		while (rc == SQLITE_OK && (rc = sqlite3_step(from)) == SQLITE_ROW) {
			rc = SQLITE_OK;
			for (int col = 0; rc == SQLITE_OK && col < sqlite3_column_count(from);
			     col++)
				rc = sqlite3_bind_value(to, col + 1,
							sqlite3_column_value(from, col));
			if (rc == SQLITE_OK && (rc = sqlite3_step(to)) == SQLITE_DONE)
				rc = sqlite3_reset(to);
		}
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
		sqlite3_finalize(from);
		sqlite3_finalize(to);
	}
	/* The file's message when it failed; mem only fails for want of memory. */
	return rc == SQLITE_OK ? NULL : reason(sqlite3_errcode(p->disk) == rc ? p->disk : NULL, rc);
}

/* Open, check and load the file: NULL when changes can reach it, else why not
 * (caller frees), with whatever could be read already in mem. */
static char *open_file(struct progress *p)
{
	char *why = util_make_parents(p->path);
	if (why)
		return why;
	if (util_irregular(p->path))
		return util_strdup("not a regular file");
	int rc = sqlite3_open_v2(p->path, &p->disk, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
				 NULL);
	/* Long enough to wait out another tutor's commit, short enough not to freeze. */
	if (rc == SQLITE_OK)
		rc = sqlite3_busy_timeout(p->disk, 200);
	if (rc == SQLITE_OK)
		rc = sqlite3_db_config(p->disk, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, (int *)NULL);
	if (rc != SQLITE_OK)
		return reason(p->disk, rc);
	int objects = 0;
	if ((why = check(p->disk, &objects)))
		return why;
	/* SQLite opens a write-protected file read-only; a directory we cannot write
	 * to would fail at the first journal instead, so ask now. */
	bool readonly = sqlite3_db_readonly(p->disk, "main") == 1 || !dir_writable(p->path);
	if (objects == 0 && !readonly) {
		bool made = transact(p->disk, &(struct change){ .sql = schema }, &why) == SQLITE_OK;
		return made ? NULL : why;
	}
	/* A file from an earlier tutor gains the tables it lacks (CREATE IF NOT EXISTS). */
	if (objects > 0 && !readonly &&
	    transact(p->disk, &(struct change){ .sql = schema }, &why) != SQLITE_OK)
		return why;
	if (objects > 0 && (why = load(p)))
		return why;
	return readonly ? util_strdup("read-only") : NULL;
}

/* Changes stop reaching the file; say why, once. Takes why. */
static void stop_saving(struct progress *p, char *why, char **warning)
{
	if (p->disk)
		(void)sqlite3_close(p->disk); /* every statement is finalized: cannot be busy */
	p->disk = NULL;
	if (!p->warned && warning)
		*warning = util_printf("%s: %s; progress will not be saved", p->path, why);
	p->warned = true;
	free(why);
}

struct progress *progress_open(const char *path, char **warning)
{
	struct progress *p = util_calloc(1, sizeof *p);
	char *why = NULL;
	if (sqlite3_open_v2(":memory:", &p->mem, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
			    NULL) != SQLITE_OK ||
	    transact(p->mem, &(struct change){ .sql = schema }, &why) != SQLITE_OK) {
		/* Only a lack of memory gets here, which util treats as fatal too. */
		util_fatal("out of memory");
	}
	if (!path || !*path) {
		p->path = util_strdup("progress");
		stop_saving(
			p,
			util_strdup("nowhere to save it (neither XDG_STATE_HOME nor HOME is set)"),
			warning);
	} else {
		p->path = util_strdup(path);
		if ((why = open_file(p)))
			stop_saving(p, why, warning);
	}
	return p;
}

void progress_close(struct progress *p)
{
	if (!p)
		return;
	(void)sqlite3_close(p->disk);
	(void)sqlite3_close(p->mem);
	free(p->path);
	free(p);
}

bool progress_saving(const struct progress *p) { return p->disk != NULL; }

char *progress_default_path(void) { return util_state_path("progress.db"); }

static bool busy(int rc) { return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED; }

/* Write the whole state in memory over the file, in one transaction (SQLite's
 * backup): what a busy file missed reaches it at once. */
static int flush(struct progress *p)
{
	sqlite3_backup *b = sqlite3_backup_init(p->disk, "main", p->mem, "main");
	if (!b)
		return sqlite3_errcode(p->disk);
	int rc = sqlite3_backup_step(b, -1);
	int done = sqlite3_backup_finish(b);
	return rc == SQLITE_DONE ? done : rc;
}

/* Apply c to the file while saving, then to memory. False only when a write
 * failed now; a store that already stopped saving still remembers. Another
 * program holding the file's lock stops nothing: the change waits in memory
 * and reaches the file with the next change after the lock clears. */
static bool apply(struct progress *p, const struct change *c, char **warning)
{
	char *why = NULL;
	bool ok = true;
	int rc = SQLITE_OK;
	if (p->disk && !p->pending)
		rc = transact(p->disk, c, &why);
	if (busy(rc)) {
		if (!p->warned && warning)
			*warning = util_printf("%s: in use by another program; progress is kept "
					       "and saved when it is free",
					       p->path);
		p->warned = true;
		p->pending = true;
		free(why), why = NULL;
		ok = false;
	} else if (rc != SQLITE_OK) {
		stop_saving(p, why, warning);
		ok = false;
	}
	if (transact(p->mem, c, &why) != SQLITE_OK) {
		stop_saving(p, why, warning);
		ok = false;
	}
	if (p->disk && p->pending && ok) { /* the lock may have cleared: catch up */
		rc = flush(p);
		if (rc == SQLITE_OK)
			p->pending = false, p->warned = false;
		else if (!busy(rc))
			stop_saving(p, reason(p->disk, rc), warning);
	}
	return ok;
}

char *progress_flush(struct progress *p)
{
	if (!p || !p->pending || !p->disk)
		return NULL;
	sqlite3_busy_timeout(p->disk, 1000);
	int rc = flush(p);
	if (rc == SQLITE_OK) {
		p->pending = false;
		return NULL;
	}
	char *why = reason(p->disk, rc);
	char *msg = util_printf("%s: %s; this session's progress could not be saved", p->path,
				busy(rc) ? "in use by another program" : why);
	free(why);
	return msg;
}

/* Whether the query c gives a row in memory, with its first n columns in out. */
static bool lookup(struct progress *p, const struct change *c, int *out, int n)
{
	sqlite3_stmt *st;
	bool found = false;
	if (sqlite3_prepare_v2(p->mem, c->sql, -1, &st, NULL) != SQLITE_OK)
		return false;
	if (bind(st, c) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
		found = true;
		for (int i = 0; i < n; i++)
			out[i] = sqlite3_column_int(st, i);
	}
	sqlite3_finalize(st);
	return found;
}

bool progress_position(struct progress *p, int *lesson, int *step)
{
	int v[2];
	if (!lookup(p, &(struct change){ .sql = get_position }, v, 2))
		return false;
	*lesson = v[0], *step = v[1];
	return true;
}

bool progress_set_position(struct progress *p, int lesson, int step, char **warning)
{
	struct change c = { .sql = set_position, .lesson = lesson, .step = step };
	return apply(p, &c, warning);
}

bool progress_passed(struct progress *p, const char *lesson, int step)
{
	struct change c = { .sql = get_passed, .name = lesson, .step = step };
	return lookup(p, &c, NULL, 0);
}

bool progress_set_passed(struct progress *p, const char *lesson, int step, char **warning)
{
	struct change c = { .sql = set_passed, .name = lesson, .step = step };
	return apply(p, &c, warning);
}

int progress_answer(struct progress *p, const char *lesson, int step)
{
	struct change c = { .sql = get_answer, .name = lesson, .step = step };
	int answer;
	return lookup(p, &c, &answer, 1) ? answer : -1;
}

bool progress_set_answer(struct progress *p, const char *lesson, int step, int answer,
			 char **warning)
{
	struct change c = { .sql = set_answer, .name = lesson, .step = step, .answer = answer };
	return apply(p, &c, warning);
}

bool progress_noted(struct progress *p, const char *lesson, int step, enum progress_note what)
{
	struct change c = { .sql = get_note, .name = lesson, .step = step, .answer = (int)what };
	int one;
	return lookup(p, &c, &one, 1);
}

bool progress_note(struct progress *p, const char *lesson, int step, enum progress_note what,
		   char **warning)
{
	if (progress_noted(p, lesson, step, what))
		return true; /* nothing to write */
	struct change c = { .sql = set_note, .name = lesson, .step = step, .answer = (int)what };
	return apply(p, &c, warning);
}

bool progress_reset(struct progress *p, char **warning)
{
	return apply(p, &(struct change){ .sql = reset }, warning);
}
