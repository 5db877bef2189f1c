/* table: the rows of a :sql or :explain result as the screen shows them. Column
 * headers, each column as wide as its widest cell (at most TABLE_MAX_WIDTH
 * display columns: longer values are cut with an ellipsis on screen and kept
 * whole, up to TABLE_MAX_CELL bytes, for the inspector), aligned, and scrolled
 * sideways by whole display columns. A result keeps at most TABLE_MAX_ROWS rows
 * and counts the rest, so a runaway SELECT cannot hold the machine's memory.
 *
 * An EXPLAIN QUERY PLAN result is also a tree (table_plan_line): its detail
 * column indented under its parent, as sqlite3's shell prints it.
 *
 * Pure but for measuring text in display columns (draw_width, draw_fit). */
#ifndef NPLUS1_UI_TABLE_H
#define NPLUS1_UI_TABLE_H

#include <stddef.h>

enum {
	TABLE_MAX_ROWS = 1000,
	TABLE_MAX_CELL = 4096,
	TABLE_MAX_WIDTH = 40,
	TABLE_MAX_COLS = 64,
	TABLE_HEADER = -1 /* table_line's row for the column names */
};

struct table {
	int ncol;
	char **names; /* ncol headers */
	char **cells; /* nrows x ncol values, row-major; "NULL" for NULL */
	size_t nrows; /* kept */
	size_t total; /* seen */
	int *width;   /* per column, display columns */
};

void table_init(struct table *t);
void table_done(struct table *t);
/* One result row; the first sets the columns (at most TABLE_MAX_COLS); a row
 * of no columns is ignored. Cells are copied. */
void table_add(struct table *t, int ncol, const char *const *names, const char *const *values);
/* Cell c of row r (the header with TABLE_HEADER), or NULL; borrowed. */
const char *table_cell(const struct table *t, long r, int c);
/* Display columns of a whole line. */
int table_width(const struct table *t);
/* Line r (the header when r is TABLE_HEADER) from display column x on, at most w
 * columns, into buf (sized size, always terminated); cells cut with ellipsis.
 * Returns buf. */
char *table_line(const struct table *t, long r, int x, int w, const char *ellipsis, char *buf,
		 size_t size);
/* An EXPLAIN QUERY PLAN result (columns id, parent, notused, detail): row r's
 * detail indented two columns per level under its parent. Returns buf, or NULL
 * when t is not such a result or r is out of range. */
char *table_plan_line(const struct table *t, size_t r, char *buf, size_t size);

#endif
