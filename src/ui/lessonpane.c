/* lessonpane: the lesson text, wrapped to the pane, with fenced code blocks drawn
 * as code. Until lesson files arrive (lessons/), the five lessons are built in:
 * each is a title, its text, and the experiment 'r' runs. */
#include "config.h"

#include "ui/ui.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

struct lesson {
	const char *title;
	const char *text;
	const char *strategy;
	long orders, customers;
	bool collection;
};

static const struct lesson lessons[UI_LESSONS] = {
	{ "Models",
	  "Two tables and a relationship, as the tutorial writes them:\n"
	  "```\n"
	  "class Customer(Base):\n"
	  "  __tablename__ =\n"
	  "    'customers'\n"
	  "  id = Column(Integer,\n"
	  "    primary_key=True)\n"
	  "  name = Column(String)\n"
	  "\n"
	  "class Order(Base):\n"
	  "  __tablename__ = 'orders'\n"
	  "  id = Column(Integer,\n"
	  "    primary_key=True)\n"
	  "  customer_id = Column(\n"
	  "    ForeignKey(\n"
	  "      'customers.id'))\n"
	  "  total = Column(Float)\n"
	  "  customer = relationship(\n"
	  "    'Customer',\n"
	  "    lazy='select')\n"
	  "```\n"
	  "The database is seeded with 10 customers and 100 orders: order i belongs to "
	  "customer ((i-1) % 10) + 1. There is no index on orders.customer_id.\n\n"
	  "Press r to load every order, then :sql SELECT * FROM customers to see the data.",
	  "noload", 100, 10, false },
	{ "Count",
	  "To see an N+1 you must count statements. SQLAlchemy fires an event before each "
	  "one runs:\n"
	  "```\n"
	  "count = 0\n"
	  "@event.listens_for(\n"
	  "  engine,\n"
	  "  'before_cursor_execute')\n"
	  "def before(*args):\n"
	  "  global count\n"
	  "  count += 1\n"
	  "```\n"
	  "nplus1 does the same with SQLite's sqlite3_trace_v2 hook, and resets the "
	  "counter before each measurement.\n\n"
	  "Press r: loading the orders alone is 1 statement.",
	  "noload", 100, 10, false },
	{ "The N+1",
	  "Load all orders, then touch each order's customer:\n"
	  "```\n"
	  "orders = (session\n"
	  "  .query(Order).all())\n"
	  "for o in orders:\n"
	  "  print(o.customer.name)\n"
	  "```\n"
	  "Press r and watch the counter. The tutorial promises 101 statements; "
	  "SQLAlchemy sends 11. A lazy load whose customer is already in the Session's "
	  "identity map needs no SQL, so you pay once per distinct customer.\n\n"
	  "Try :run select customers=100 for the classic 101, or :run select noidmap for "
	  "an ORM without an identity map (Django, ActiveRecord).",
	  "select", 100, 10, false },
	{ "joinedload",
	  "Ask for the customers up front, in the same statement:\n"
	  "```\n"
	  "(session.query(Order)\n"
	  "  .options(joinedload(\n"
	  "    Order.customer))\n"
	  "  .all())\n"
	  "```\n"
	  "Press r: one statement, with a LEFT OUTER JOIN, however many orders and "
	  "customers there are. Try :run joined customers=100 and compare with the 101 "
	  "of lesson 3.",
	  "joined", 100, 100, false },
	{ "Compare",
	  "selectinload sends a second statement with the customer keys:\n"
	  "```\n"
	  "(session.query(Order)\n"
	  "  .options(selectinload(\n"
	  "    Order.customer))\n"
	  "  .all())\n"
	  "```\n"
	  "Press r for 2 statements, then b to time joined and selectin at 100 and "
	  "10,000 orders. For a many-to-one, joined wins; selectinload shines for "
	  "collections (Customer.orders) and for pages of wide rows: try "
	  ":bench collection and :run selectin collection.",
	  "selectin", 100, 10, false },
};

const char *lessonpane_title(int lesson) { return lessons[lesson].title; }

struct experiment_spec lessonpane_spec(const struct ui *ui, int lesson)
{
	const struct lesson *l = &lessons[lesson];
	struct experiment_spec spec = ui->defaults;
	spec.strategy = loader_find(l->strategy);
	spec.orders = l->orders;
	spec.customers = l->customers;
	spec.collection = l->collection;
	return spec;
}

/* How many rows text takes at this width: wrapped prose, unwrapped code. */
static int text_rows(const char *s, int width)
{
	int rows = 0;
	bool code = false;
	while (*s) {
		const char *next;
		if (strncmp(s, "```", 3) == 0) {
			code = !code;
			s += strcspn(s, "\n");
			s += *s == '\n';
			continue;
		}
		draw_wrap(s, width > 0 ? width : 1, &next);
		rows++;
		s = next;
	}
	return rows;
}

void lessonpane_draw(struct ui *ui, const struct rect *r)
{
	char title[80];
	snprintf(title, sizeof title, "%d %s", ui->lesson + 1, lessons[ui->lesson].title);
	draw_frame(r, title, ui->focus == FOCUS_LESSON);
	struct rect in = draw_inner(r);
	in.x++, in.w -= 2; /* a margin reads better */
	const char *s = lessons[ui->lesson].text;
	bool code = false;
	/* Scrolling stops when the last line is in view; the count depends on the
	 * width, so it is only known here. */
	int total = text_rows(s, in.w);
	if (ui->lesson_scroll > total - in.h)
		ui->lesson_scroll = total - in.h > 0 ? total - in.h : 0;
	int row = -ui->lesson_scroll;
	while (*s && row < in.h) {
		if (strncmp(s, "```", 3) == 0) { /* a fence toggles code, and is not shown */
			code = !code;
			s += strcspn(s, "\n");
			s += *s == '\n';
			continue;
		}
		const char *next;
		size_t n = draw_wrap(s, in.w, &next);
		if (row >= 0) {
			char buf[512];
			snprintf(buf, sizeof buf, "%.*s", (int)(n < sizeof buf ? n : sizeof buf - 1), s);
			draw_text(in.y + row, in.x, in.w, buf, code ? ROLE_CODE : ROLE_NORMAL);
		}
		row++;
		s = next;
	}
	/* Say when there is more below, on the frame's bottom edge. */
	if (ui->lesson_scroll + in.h < total)
		draw_text(r->y + r->h - 1, r->x + r->w - 12, 10, " more (j) ", ROLE_BORDER_FOCUS);
}

enum ui_intent lessonpane_key(struct ui *ui, int ch)
{
	switch (ch) {
	case KEY_UP:
	case 'k':
		if (ui->lesson_scroll > 0)
			ui->lesson_scroll--;
		return UI_REDRAW;
	case KEY_DOWN:
	case 'j':
		ui->lesson_scroll++;
		return UI_REDRAW;
	case KEY_RIGHT:
	case 'l':
	case KEY_NPAGE:
		if (ui->lesson + 1 < UI_LESSONS)
			ui->lesson++, ui->lesson_scroll = 0;
		return UI_REDRAW;
	case KEY_LEFT:
	case 'h':
	case KEY_PPAGE:
		if (ui->lesson > 0)
			ui->lesson--, ui->lesson_scroll = 0;
		return UI_REDRAW;
	}
	return UI_NONE;
}
