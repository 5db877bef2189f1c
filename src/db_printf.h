/* db_printf: SQLite's printf() and format() with their widths bounded. SQLite
 * spends a step per pad character of a width or precision even when the result
 * is over its length limit, and no progress handler runs inside a function:
 * printf('%.*c', 2000000000, 'x') would freeze the tutor for half a minute. The
 * tutor's connection gets these two functions in place of the built-ins; they
 * refuse a width or precision past the limit ("string or blob too big") and
 * otherwise hand the call, unchanged, to the built-in on a private connection. */
#ifndef NPLUS1_DB_PRINTF_H
#define NPLUS1_DB_PRINTF_H

#include <sqlite3.h>

struct db_printf;

/* Install on conn, with widths and precisions bounded by max_len; NULL when the
 * private connection cannot be opened. Free with db_printf_free after conn. */
struct db_printf *db_printf_install(sqlite3 *conn, int max_len);
void db_printf_free(struct db_printf *p);

#endif
