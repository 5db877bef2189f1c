/* test_sqltext: a statement on one log line keeps what tells it from the others
 * (the start of its column list, its FROM/JOIN/WHERE/IN/LIMIT tail) at any width,
 * and a wider log shows more of it, up to all of it. */
#include "config.h"

#include "tap.h"
#include "ui/sqltext.h"

#include <locale.h>
#include <string.h>

static const char *joined =
	"SELECT orders.id AS orders_id, orders.customer_id AS orders_customer_id, "
	"orders.total AS orders_total, customers_1.id AS customers_1_id, customers_1.name AS "
	"customers_1_name \nFROM orders LEFT OUTER JOIN customers AS customers_1 ON "
	"customers_1.id = orders.customer_id";

static const char *page =
	"SELECT anon_1.customers_id AS anon_1_customers_id, orders_1.id AS orders_1_id \nFROM "
	"(SELECT customers.id AS customers_id \nFROM customers ORDER BY customers.id\n LIMIT ? "
	"OFFSET ?) AS anon_1 LEFT OUTER JOIN orders AS orders_1 ON anon_1.customers_id = "
	"orders_1.customer_id ORDER BY anon_1.customers_id";

static char out[4096];

static const char *line(const char *sql, int w)
{
	return sqltext_line(sql, w, "…", "×", out, sizeof out);
}

int main(void)
{
	if (!setlocale(LC_ALL, "C.UTF-8") && !setlocale(LC_ALL, "en_US.UTF-8")) {
		printf("1..0 # SKIP no UTF-8 locale\n");
		return 77;
	}
	ok(strstr(line(joined, 1000), "customers_1.name AS customers_1_name FROM orders") &&
		   strstr(out, "ON customers_1.id = orders.customer_id"),
	   "wide enough, the whole statement on one line");
	is_str(line(joined, 125),
	       "SELECT orders.id AS orders_id, … FROM orders LEFT OUTER JOIN customers AS "
	       "customers_1 ON customers_1.id = orders.customer_id",
	       "wide: the column list goes before the JOIN's ON condition does");
	is_str(line(joined, 100),
	       "SELECT orders.id AS orders_id, … FROM orders LEFT OUTER JOIN customers AS "
	       "customers_1 ON …",
	       "narrower: the ON condition goes, the column list keeps its start");
	is_str(line(joined, 70),
	       "SELECT … FROM orders LEFT OUTER JOIN customers AS customers_1 ON …",
	       "then the whole column list");
	is_str(line(joined, 40), "… FROM orders LEFT OUTER JOIN customers AS customers_1 ON …",
	       "then what comes before FROM; the caller cuts the rest");
	is_str(line("SELECT customers.id AS customers_id \nFROM customers \nWHERE customers.id IN "
		    "(?, ?, ?, ?)",
		    40),
	       "… FROM customers WHERE customers.id IN (?×4)", "an IN list becomes its count");
	ok(strstr(line(page, 160), "(SELECT … FROM customers ORDER BY customers.id LIMIT ? OFFSET "
				   "?) AS anon_1") != NULL,
	   "a subquery keeps its FROM, ORDER BY and LIMIT, not its columns");
	ok(strstr(line(page, 160), "ORDER BY anon_1.customers_id") != NULL,
	   "and the outer ORDER BY is kept");
	is_str(line(page, 60),
	       "… FROM (… LIMIT ? OFFSET ?) AS anon_1 LEFT OUTER JOIN orders AS orders_1 ON … "
	       "ORDER "
	       "BY anon_1.customers_id",
	       "narrow: a subquery keeps only its LIMIT");
	ok(sqltext_keyword("SELECT", 6) && !sqltext_keyword("SELECTED", 8),
	   "keywords are whole words");
	is_int(sqltext_width("日本…", strlen("日本…")), 5, "widths are display columns");
	sqltext_line(joined, 1000, "…", "×", out, 10);
	is_int((int64_t)strlen(out), 9, "a small buffer is cut, terminated");
	return tap_done();
}
