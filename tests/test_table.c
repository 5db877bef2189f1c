/* test_table: a :sql result as the screen lays it out: headers, aligned columns
 * measured in display columns, long values cut with an ellipsis but kept whole,
 * the window scrolled sideways, the cap on kept rows, and a query plan as a tree. */
#include "config.h"

#include "tap.h"
#include "ui/table.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

static void add2(struct table *t, const char *a, const char *b)
{
	const char *names[] = { "id", "name" }, *values[] = { a, b };
	table_add(t, 2, names, values);
}

static void test_aligned(void)
{
	struct table t;
	table_init(&t);
	add2(&t, "1", "Customer 1");
	add2(&t, "10", NULL);
	char buf[256];
	is_str(table_line(&t, TABLE_HEADER, 0, 80, "…", buf, sizeof buf), "id | name      ",
	       "the header names the columns, each as wide as its widest cell");
	is_str(table_line(&t, 0, 0, 80, "…", buf, sizeof buf), "1  | Customer 1",
	       "a row lines up under the header");
	is_str(table_line(&t, 1, 0, 80, "…", buf, sizeof buf), "10 | NULL      ",
	       "NULL is written NULL");
	is_int(table_width(&t), 15, "the line is 15 columns wide");
	is_str(table_line(&t, 0, 5, 4, "…", buf, sizeof buf), "Cust",
	       "the window starts at a display column and is that wide");
	ok(table_cell(&t, 5, 0) == NULL && table_cell(&t, 0, 2) == NULL,
	   "a cell outside the table is NULL");
	table_done(&t);
}

static void test_long_and_wide(void)
{
	struct table t;
	table_init(&t);
	char big[TABLE_MAX_CELL + 100];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	memcpy(big, "SEARCH orders USING AUTOMATIC COVERING INDEX (customer_id=?)", 60);
	add2(&t, "日本", big);
	char buf[512];
	table_line(&t, 0, 0, 200, "…", buf, sizeof buf);
	is_str(buf, "日本 | SEARCH orders USING AUTOMATIC COVERING …",
	       "a long value is cut with an ellipsis at the column's width, in display columns");
	is_int((int64_t)strlen(table_cell(&t, 0, 1)), TABLE_MAX_CELL,
	       "and kept whole, up to the cap, for the inspector");
	ok(strncmp(table_cell(&t, 0, 1), "SEARCH orders USING AUTOMATIC COVERING INDEX", 44) == 0,
	   "its start intact");
	table_line(&t, 0, 1, 6, "…", buf, sizeof buf);
	is_str(buf, " 本 | ", "a wide character cut by the window's edge leaves a blank");
	table_done(&t);
}

static void test_cap(void)
{
	struct table t;
	table_init(&t);
	for (int i = 0; i < TABLE_MAX_ROWS + 5; i++)
		add2(&t, "1", "a");
	is_int((int64_t)t.nrows, TABLE_MAX_ROWS, "at most TABLE_MAX_ROWS rows are kept");
	is_int((int64_t)t.total, TABLE_MAX_ROWS + 5, "and the rest are counted");
	table_add(&t, 0, NULL, NULL);
	is_int((int64_t)t.total, TABLE_MAX_ROWS + 5, "a row of no columns is ignored");
	table_done(&t);
}

static void test_plan(void)
{
	struct table t;
	table_init(&t);
	const char *names[] = { "id", "parent", "notused", "detail" };
	const char *r1[] = { "2", "0", "0", "SCAN customers" };
	const char *r2[] = { "5", "0", "0", "CORRELATED SCALAR SUBQUERY 1" };
	const char *r3[] = { "9", "5", "0",
			     "SEARCH orders USING AUTOMATIC COVERING INDEX (customer_id=?)" };
	table_add(&t, 4, names, r1);
	table_add(&t, 4, names, r2);
	table_add(&t, 4, names, r3);
	char buf[256];
	is_str(table_plan_line(&t, 0, buf, sizeof buf), "SCAN customers", "a plan's top step");
	is_str(table_plan_line(&t, 2, buf, sizeof buf),
	       "  SEARCH orders USING AUTOMATIC COVERING INDEX (customer_id=?)",
	       "a step indented under its parent, whole");
	ok(table_plan_line(&t, 3, buf, sizeof buf) == NULL, "no line past the end");
	table_done(&t);
	table_init(&t);
	add2(&t, "1", "a");
	ok(table_plan_line(&t, 0, buf, sizeof buf) == NULL, "a plain result is no plan");
	table_done(&t);
}

int main(void)
{
	if (!setlocale(LC_ALL, "C.UTF-8") && !setlocale(LC_ALL, "en_US.UTF-8")) {
		printf("1..0 # SKIP no UTF-8 locale\n");
		return 77;
	}
	test_aligned();
	test_long_and_wide();
	test_cap();
	test_plan();
	return tap_done();
}
