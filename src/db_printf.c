/* db_printf: see db_printf.h. The format is scanned as SQLite's printf reads
 * it: flags, a width (digits or '*', taking an argument), a precision ('.'
 * then digits or '*'), length modifiers, the conversion (taking an argument). */
#include "config.h"

#include "db_printf.h"
#include "sbuf.h"
#include "util.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

struct db_printf {
	sqlite3 *aux; /* where the built-in printf runs */
	int max_len;
};

/* A number from the format (digits) or an argument ('*'); advances *p and *arg. */
static long long field(const char **p, int argc, sqlite3_value **argv, int *arg)
{
	if (**p == '*') {
		(*p)++;
		long long v = *arg < argc ? sqlite3_value_int64(argv[(*arg)++]) : 0;
		return v < 0 ? -v : v;
	}
	long long v = 0;
	for (; **p >= '0' && **p <= '9'; (*p)++)
		v = v < 1000000000000LL ? v * 10 + (**p - '0') : v;
	return v;
}

static bool too_wide(const char *fmt, int argc, sqlite3_value **argv, int max_len)
{
	int arg = 1;
	for (const char *p = fmt; *p; p++) {
		if (*p != '%' || !*++p || *p == '%')
			continue;
		while (*p && strchr("-+ #!0,", *p))
			p++;
		if (field(&p, argc, argv, &arg) > max_len)
			return true;
		if (*p == '.') {
			p++;
			if (field(&p, argc, argv, &arg) > max_len)
				return true;
		}
		while (*p == 'l')
			p++;
		if (!*p)
			break;
		arg++;
	}
	return false;
}

static void guarded(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	struct db_printf *g = sqlite3_user_data(cx);
	const char *fmt = argc > 0 ? (const char *)sqlite3_value_text(argv[0]) : NULL;
	if (fmt && too_wide(fmt, argc, argv, g->max_len)) {
		sqlite3_result_error_toobig(cx);
		return;
	}
	struct sbuf sql;
	sbuf_init(&sql);
	sbuf_add(&sql, "SELECT printf(");
	for (int i = 0; i < argc; i++)
		sbuf_add(&sql, i ? ", ?" : "?");
	sbuf_add(&sql, ")");
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(g->aux, sbuf_str(&sql), -1, &st, NULL) != SQLITE_OK) {
		sqlite3_result_error(cx, sqlite3_errmsg(g->aux), -1);
	} else {
		for (int i = 0; i < argc; i++)
			sqlite3_bind_value(st, i + 1, argv[i]);
		if (sqlite3_step(st) == SQLITE_ROW)
			sqlite3_result_value(cx, sqlite3_column_value(st, 0));
		else
			sqlite3_result_error(cx, sqlite3_errmsg(g->aux), -1);
	}
	sqlite3_finalize(st);
	sbuf_done(&sql);
}

struct db_printf *db_printf_install(sqlite3 *conn, int max_len)
{
	struct db_printf *g = util_calloc(1, sizeof *g);
	g->max_len = max_len;
	if (sqlite3_open_v2(":memory:", &g->aux, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		db_printf_free(g);
		return NULL;
	}
	sqlite3_limit(g->aux, SQLITE_LIMIT_LENGTH, max_len);
	static const char *const names[] = { "printf", "format" };
	for (size_t i = 0; i < 2; i++)
		if (sqlite3_create_function_v2(conn, names[i], -1,
					       SQLITE_UTF8 | SQLITE_DETERMINISTIC, g, guarded, NULL,
					       NULL, NULL) != SQLITE_OK) {
			db_printf_free(g);
			return NULL;
		}
	return g;
}

void db_printf_free(struct db_printf *g)
{
	if (!g)
		return;
	sqlite3_close(g->aux);
	free(g);
}
