/* test_expr: the ":" prompt's parser. Every tutor command with its defaults, every
 * setting and flag; each loader option in both directions through session.query(),
 * select() and session.execute(); the errors with their exact columns; hostile input
 * (1 MB lines, control and non-ASCII bytes, every prefix of a valid line, random
 * bytes) ends in a result or an error; and completion in each context. */
#include "config.h"

#include "expr.h"
#include "tap.h"

#include <stdlib.h>

/* Parse with the engine's defaults; the error (or NULL) is the caller's to free. */
static char *parse(const char *line, struct expr_command *c)
{
	struct spec def = spec_default();
	char *err = NULL;
	int rc = expr_parse(line, &def, c, &err);
	if ((rc == 0) != (err == NULL))
		printf("# rc %d disagrees with err %s\n", rc, err ? err : "NULL");
	return err;
}

/* The error a line gives ("" when it parses). */
static void is_err(const char *line, const char *want, const char *what)
{
	struct expr_command c;
	char *err = parse(line, &c);
	is_str(err ? err : "", want, "%s", what);
	free(err);
	expr_command_done(&c);
}

static const char *strategy_of(const struct expr_command *c)
{
	return c->spec.strategy ? c->spec.strategy->name : "(none)";
}

static void test_tutor(void)
{
	struct expr_command c;
	char *err;

	err = parse("  \t ", &c);
	ok(!err && c.kind == EXPR_EMPTY, "a blank line is EXPR_EMPTY");
	err = parse("", &c);
	ok(!err && c.kind == EXPR_EMPTY, "an empty line is EXPR_EMPTY");

	err = parse("run joined", &c);
	ok(!err && c.kind == EXPR_RUN && !c.from_python, "run joined is a tutor RUN");
	is_str(strategy_of(&c), "joined", "run joined: strategy joined");
	ok(c.spec.orders == 100 && c.spec.customers == 10 && c.spec.identity_map &&
		   !c.spec.collection && c.spec.limit == 0 && c.spec.notes == 0,
	   "run keeps the defaults it does not set");
	err = parse("  run   lazy  ", &c);
	is_str(err ? err : strategy_of(&c), "select", "run lazy: the alias finds select");

	err = parse("run selectin orders=1000 customers=50 collection noidmap notes=4096 "
		    "limit=100 latency=0.5",
		    &c);
	ok(!err && c.spec.orders == 1000 && c.spec.customers == 50, "run: orders= and customers=");
	ok(c.spec.collection && !c.spec.identity_map, "run: collection and noidmap flags");
	ok(c.spec.notes == 4096 && c.spec.limit == 100 && c.spec.latency_ms == 0.5,
	   "run: notes=, limit=, latency= with decimals");
	ok(c.spec.style == SPEC_QUERY, "run: session.query()'s labels unless style= says");
	err = parse("run joined style=select", &c);
	ok(!err && c.spec.style == SPEC_SELECT, "run: style=select renders select()'s labels");
	err = parse("run joined style=select style=query", &c);
	ok(!err && c.spec.style == SPEC_QUERY, "run: the last style= wins");
	is_err("run joined style=2.0",
	       "column 18: invalid style '2.0': expected query (session.query) or select "
	       "(select())",
	       "run: an unknown style, with the two there are");

	struct spec def = spec_default();
	def.orders = 500;
	def.latency_ms = 3;
	err = NULL;
	expr_parse("run noload", &def, &c, &err);
	ok(!err && c.spec.orders == 500 && c.spec.latency_ms == 3,
	   "run takes unset fields from the given defaults");

	err = parse("bench", &c);
	ok(!err && c.kind == EXPR_BENCH && c.bench.nsizes == 2 && c.bench.sizes[0] == 100 &&
		   c.bench.sizes[1] == 10000,
	   "bench: default sizes 100,10000");
	ok(c.bench.nstrategies == 4 && !strcmp(c.bench.strategies[0]->name, "select") &&
		   !strcmp(c.bench.strategies[1]->name, "joined") &&
		   !strcmp(c.bench.strategies[2]->name, "selectin") &&
		   !strcmp(c.bench.strategies[3]->name, "subquery"),
	   "bench: default strategies select,joined,selectin,subquery");
	ok(c.bench.repeat == 7 && c.bench.base.customers == 0 && !c.bench.base.collection,
	   "bench: repeat 7, customers 0 (the reference pairing)");
	err = parse("bench orders=10,20,30 customers=5 strategies=lazy,raise_on_sql repeat=3 "
		    "collection",
		    &c);
	ok(!err && c.bench.nsizes == 3 && c.bench.sizes[0] == 10 && c.bench.sizes[2] == 30 &&
		   c.bench.base.customers == 5,
	   "bench: orders= list and customers=");
	ok(c.bench.nstrategies == 2 && !strcmp(c.bench.strategies[0]->name, "select") &&
		   !strcmp(c.bench.strategies[1]->name, "raise_on_sql") && c.bench.repeat == 3 &&
		   c.bench.base.collection,
	   "bench: strategies= list, repeat=, collection");
	err = parse("bench orders=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16", &c);
	ok(!err && c.bench.nsizes == SPEC_MAX_LIST, "bench: SPEC_MAX_LIST sizes fit");

	err = parse("set latency=2.5", &c);
	ok(!err && c.kind == EXPR_SET && c.spec.latency_ms == 2.5 && c.spec.orders == 100,
	   "set latency=2.5 changes only the latency");
	err = parse("set orders=1000 customers=100", &c);
	ok(!err && c.spec.orders == 1000 && c.spec.customers == 100,
	   "set orders= customers= together");

	err = parse("sql SELECT 1", &c);
	is_str(err ? err : c.text, "SELECT 1", "sql SELECT 1: the statement as text");
	ok(c.kind == EXPR_SQL, "sql is EXPR_SQL");
	expr_command_done(&c);
	err = parse("  explain   SELECT * FROM orders  WHERE id = 1 \t", &c);
	is_str(err ? err : c.text, "SELECT * FROM orders  WHERE id = 1",
	       "explain: the rest of the line, trimmed, inner spaces kept");
	ok(c.kind == EXPR_EXPLAIN, "explain is EXPR_EXPLAIN");
	expr_command_done(&c);
	ok(c.text == NULL, "expr_command_done frees and clears the text");

	err = parse("show 11", &c);
	ok(!err && c.kind == EXPR_SHOW && c.number == 11, "show 11 opens statement 11");
	err = parse("show", &c);
	is_str(err, "column 5: show expects a statement number, as the log numbers them",
	       "show needs a number");
	free(err);
	err = parse("show 0", &c);
	ok(err != NULL, "statement numbers start at 1");
	free(err);
	err = parse("show 3x", &c);
	ok(err != NULL, "and are whole numbers");
	free(err);
	err = parse("show 3 4", &c);
	is_str(err, "column 8: show takes no arguments", "show takes one number");
	free(err);

	static const struct {
		const char *line;
		enum expr_kind kind;
	} bare[] = { { "reset", EXPR_RESET },
		     { "help", EXPR_HELP },
		     { "quit", EXPR_QUIT },
		     { "q", EXPR_QUIT },
		     { "exit", EXPR_QUIT } };
	int good = 0;
	for (size_t i = 0; i < sizeof bare / sizeof *bare; i++)
		good += !parse(bare[i].line, &c) && c.kind == bare[i].kind;
	is_int(good, 5, "reset, help, quit, q, exit");
}

static void test_tutor_errors(void)
{
	char want[512];
	snprintf(want, sizeof want, "column 5: unknown strategy 'bogus' (strategies: %s)",
		 strategy_names());
	is_err("run bogus", want, "run bogus: unknown strategy, with the list");
	snprintf(want, sizeof want, "column 4: expected a strategy (strategies: %s)",
		 strategy_names());
	is_err("run", want, "run alone: a strategy is expected at the end");
	is_err("frob",
	       "column 1: unknown command 'frob' (commands: run, bench, set, sql, explain, "
	       "show, reset, help, quit, or a SQLAlchemy query)",
	       "unknown command, with the list");
	is_err("Run select",
	       "column 1: unknown command 'Run' (commands: run, bench, set, sql, "
	       "explain, show, reset, help, quit, or a SQLAlchemy query)",
	       "commands are case-sensitive");
	is_err("run select orders=abc",
	       "column 19: invalid orders 'abc': expected an integer from 1 to 10000000",
	       "invalid orders value, at the value's column");
	is_err("run select customers=0",
	       "column 22: invalid customers '0': expected an integer from 1 to 10000000",
	       "customers=0 is out of range");
	is_err("run select latency=20000",
	       "column 20: invalid latency '20000': expected milliseconds from 0 to 10000",
	       "latency above the maximum");
	is_err("run select notes=-1",
	       "column 18: invalid notes '-1': expected an integer from 0 to 1000000",
	       "negative notes");
	is_err("run select frob=1",
	       "column 12: unknown setting 'frob' (run takes orders=N, customers=M, collection, "
	       "noidmap, notes=B, limit=N, latency=MS, style=query|select)",
	       "unknown setting, with what run takes");
	is_err("run select collection=1", "column 22: collection takes no value",
	       "a flag with a value");
	is_err("run select orders", "column 12: expected orders=N", "a setting without a value");
	is_err("bench orders=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17",
	       "column 53: at most 16 values in orders=", "bench: a ninth size");
	is_err("bench orders=10,,20",
	       "column 17: invalid orders '': expected an integer from 1 to 10000000",
	       "bench: an empty list item");
	is_err("bench frob",
	       "column 7: unknown setting 'frob' (bench takes orders=N,N..., customers=M, "
	       "strategies=S,S..., repeat=K, collection, noidmap, notes=B, limit=N, latency=MS)",
	       "bench: an unknown setting, with what bench takes");
	is_err("run select notes=1000000 customers=10000",
	       "column 5: notes=1000000 with customers=10000 is more than 1 GiB "
	       "(customers x notes)",
	       "run: the memory guard, as the command line and the lessons have it");
	is_err("bench repeat=1001",
	       "column 14: invalid repeat '1001': expected an integer from 1 to 1000",
	       "bench: repeat above 1000");
	is_err("set", "column 4: expected latency=MS, orders=N or customers=M", "set alone");
	is_err("set limit=5",
	       "column 5: unknown setting 'limit' (set takes latency=MS, orders=N, customers=M)",
	       "set does not take limit");
	is_err("sql   ", "column 4: expected a SQL statement after 'sql'", "sql alone");
	is_err("quit now", "column 6: quit takes no arguments", "quit with an argument");
}

static void test_python(void)
{
	static const struct {
		const char *option, *strategy;
	} opts[] = { { "lazyload", "select" },
		     { "joinedload", "joined" },
		     { "selectinload", "selectin" },
		     { "subqueryload", "subquery" },
		     { "immediateload", "immediate" },
		     { "raiseload", "raise" },
		     { "noload", "noload" } };
	static const struct {
		const char *entity, *rel;
		bool collection;
	} dirs[] = { { "Order", "Order.customer", false },
		     { "Customer", "Customer.orders", true } };
	struct expr_command c;
	char line[256], *err;

	for (size_t f = 0; f < 2; f++)
		for (size_t d = 0; d < 2; d++)
			for (size_t o = 0; o < sizeof opts / sizeof *opts; o++) {
				snprintf(line, sizeof line, "%s(%s).options(%s(%s))%s",
					 f ? "select" : "session.query", dirs[d].entity,
					 opts[o].option, dirs[d].rel, f ? "" : ".all()");
				err = parse(line, &c);
				ok(!err && c.kind == EXPR_RUN && c.from_python &&
					   !strcmp(strategy_of(&c), opts[o].strategy) &&
					   c.spec.collection == dirs[d].collection,
				   "%s -> %s", line, opts[o].strategy);
				free(err);
			}

	err = parse("session.query(Order).options(raiseload(Order.customer, sql_only=True)).all()",
		    &c);
	is_str(err ? err : strategy_of(&c), "raise_on_sql", "raiseload(..., sql_only=True)");
	err = parse("select(Order).options(raiseload(Order.customer,sql_only = False))", &c);
	is_str(err ? err : strategy_of(&c), "raise", "raiseload(..., sql_only=False)");
	err = parse("session.query(Order).all()", &c);
	ok(!err && !strcmp(strategy_of(&c), "select") && !c.spec.collection,
	   "no .options(): lazy='select', many-to-one");
	err = parse("session.query(Customer)", &c);
	ok(!err && !strcmp(strategy_of(&c), "select") && c.spec.collection,
	   "query(Customer): the collection direction");
	err = parse("select(Customer).options(selectinload(Customer.orders)).limit(100)", &c);
	ok(!err && c.spec.limit == 100 && !strcmp(strategy_of(&c), "selectin"), ".limit(100)");
	err = parse(" session . execute ( select ( Order ) . order_by ( Order.id ) . options ( "
		    "joinedload ( Order . customer ) ) ) . scalars ( ) . all ( ) ",
		    &c);
	ok(!err && c.from_python && !strcmp(strategy_of(&c), "joined"),
	   "session.execute(select(...)) with spaces between tokens and order_by(Order.id)");
	err = parse("session.execute(select(Customer).options(joinedload(Customer.orders)))"
		    ".unique().scalars().all()",
		    &c);
	ok(!err && c.spec.collection, ".unique().scalars().all()");
	err = parse("session.scalars(select(Order)).all()", &c);
	ok(!err && c.kind == EXPR_RUN, "session.scalars(select(...)).all()");
}

/* The 2.0 grammar: what each part of a statement sets in the spec. */
static void test_python_2(void)
{
	struct expr_command c;
	char *err;

	err = parse("session.scalars(select(Order).where(Order.id <= 50).order_by(Order.total."
		    "desc()).limit(5).offset(3)).all()",
		    &c);
	ok(!err && c.spec.style == SPEC_SELECT && c.spec.nwhere == 1 && c.spec.norder == 1 &&
		   c.spec.limit == 5 && c.spec.offset == 3 && c.spec.ordered && !c.spec.first &&
		   !c.spec.unique,
	   "session.scalars(select(...).where().order_by().limit().offset()).all()");
	ok(!err && !strcmp(c.spec.where[0].column, "id") && c.spec.where[0].op == SPEC_LE &&
		   c.spec.where[0].value.kind == VALUE_INT && c.spec.where[0].value.i == 50,
	   "where(Order.id <= 50): id, <=, the integer 50");
	ok(!err && !strcmp(c.spec.order[0].column, "total") && c.spec.order[0].dir == SPEC_DESC,
	   "order_by(Order.total.desc())");
	free(err);

	err = parse("session.query(Order).filter(Order.total > 10.5, Order.customer_id != 3)"
		    ".filter(Order.id >= -2).order_by(Order.customer_id, Order.id.asc()).first()",
		    &c);
	ok(!err && c.spec.style == SPEC_QUERY && c.spec.nwhere == 3 && c.spec.norder == 2 &&
		   c.spec.first,
	   "session.query(...).filter(a, b).filter(c).order_by(x, y.asc()).first()");
	ok(!err && c.spec.where[0].value.kind == VALUE_REAL && c.spec.where[0].value.r == 10.5 &&
		   c.spec.where[1].op == SPEC_NE && c.spec.where[2].value.i == -2 &&
		   c.spec.order[1].dir == SPEC_ASC,
	   "a float, !=, a negative integer, asc()");
	free(err);

	err = parse("select(Customer).where(Customer.name == \"Customer 3\")", &c);
	is_str(err ? err : c.spec.where[0].value.text, "Customer 3", "a double-quoted string");
	err = parse("select(Customer).where(Customer.name != 'O\"Brien')", &c);
	is_str(err ? err : c.spec.where[0].value.text, "O\"Brien", "a single-quoted string");

	err = parse("session.scalars(select(Customer).options(joinedload(Customer.orders))).all()",
		    &c);
	ok(!err && c.spec.collection && !c.spec.unique && !strcmp(strategy_of(&c), "joined"),
	   "a joined collection without .unique(): the engine raises, the parser does not");
	err = parse(
		"session.scalars(select(Customer).options(joinedload(Customer.orders))).unique()"
		".all()",
		&c);
	ok(!err && c.spec.unique, "session.scalars(...).unique().all()");
	err = parse("session.execute(select(Customer)).scalars().unique().first()", &c);
	ok(!err && c.spec.unique && c.spec.first,
	   "session.execute(...).scalars().unique().first()");
	err = parse("session.scalars(select(Order))", &c);
	ok(!err && !c.spec.first && c.spec.style == SPEC_SELECT, "no result call: iterate all");

	err = parse("select(Order).options(joinedload(Order.customer, innerjoin=True))", &c);
	ok(!err && c.spec.innerjoin && !strcmp(strategy_of(&c), "joined") && !c.spec.conflict,
	   "joinedload(..., innerjoin=True)");
	err = parse("select(Order).options(joinedload(Order.customer), joinedload(Order.customer))",
		    &c);
	ok(!err && !c.spec.conflict, "the same option twice does not conflict");
	err = parse(
		"select(Order).options(joinedload(Order.customer), selectinload(Order.customer))",
		&c);
	ok(!err && c.spec.conflict && !strcmp(strategy_of(&c), "selectin"),
	   "two options for one relationship conflict (1.4: the last one)");
	err = parse("select(Order).options(joinedload(Order.customer)).options(joinedload("
		    "Order.customer, innerjoin=True))",
		    &c);
	ok(!err && c.spec.conflict, ".options(a).options(b) with different arguments conflict");
	err = parse("select(Order).options(joinedload(Order.customer, innerjoin=False), "
		    "joinedload(Order.customer))",
		    &c);
	ok(!err && c.spec.conflict && !c.spec.innerjoin,
	   "an explicit innerjoin=False differs from none (2.0 stores it)");
	err = parse("select(Order).options(raiseload(Order.customer, sql_only=False), "
		    "raiseload(Order.customer))",
		    &c);
	ok(!err && !c.spec.conflict && !strcmp(strategy_of(&c), "raise"),
	   "raiseload's sql_only=False is raiseload itself");

	struct spec def = spec_default();
	def.limit = 7;
	def.orders = 300;
	err = NULL;
	expr_parse("select(Order)", &def, &c, &err);
	ok(!err && c.spec.limit == 0 && c.spec.orders == 300 && c.spec.ordered && !c.spec.norder,
	   "an expression keeps the dataset's defaults but not their page");
	free(err);
}

static void test_python_errors(void)
{
	is_err("session.query(Order).options(selectload(Order.customer))",
	       "column 30: unknown loader option 'selectload' (expected lazyload, joinedload, "
	       "selectinload, subqueryload, immediateload, raiseload, noload)",
	       "unknown loader option, at its column");
	is_err("session.query(Order).options(joinedload(Customer.orders))",
	       "column 41: Customer.orders is not a relationship of Order",
	       "a relationship of the other entity");
	is_err("select(Customer).options(joinedload(Order.customer))",
	       "column 37: Order.customer is not a relationship of Customer",
	       "the mismatch the other way round");
	is_err("session.query(Order", "column 20: expected ')'", "missing ')'");
	is_err("select(Order).options(joinedload(Order.customer)", "column 49: expected ')'",
	       "unterminated options(");
	is_err("select(Order).options(joinedload(Order.orders))",
	       "column 40: Order has no relationship 'orders' (it has Order.customer)",
	       "a relationship the entity lacks");
	is_err("select(Product)", "column 8: unknown entity 'Product' (expected Order or Customer)",
	       "unknown entity");
	is_err("select(Order).limit(0)",
	       "column 21: invalid limit '0': expected an integer from 1 to 10000000", ".limit(0)");
	is_err("select(Order).order_by(Order.totl)",
	       "column 30: Order has no column 'totl' (it has id, customer_id, total)",
	       "order_by an unknown column");
	is_err("select(Order).options(joinedload(Order.customer, sql_only=True))",
	       "column 50: unexpected argument 'sql_only' (joinedload takes innerjoin=True)",
	       "sql_only on joinedload");
	is_err("select(Order).options(lazyload(Order.customer, innerjoin=True))",
	       "column 48: unexpected argument 'innerjoin' (lazyload takes none)",
	       "innerjoin on lazyload");
	is_err("session.query(Order).frob()",
	       "column 22: unknown method 'frob' (expected options, where, filter, order_by, "
	       "limit, offset, all, first)",
	       "unknown method");
	is_err("session.query(Order).unique().all()",
	       "column 22: unknown method 'unique' (expected options, where, filter, order_by, "
	       "limit, offset, all, first)",
	       "the legacy Query has no unique()");
	is_err("session.scalars(select(Order)).scalars().all()",
	       "column 32: unknown method 'scalars' (expected unique, all, first)",
	       "session.scalars() is already scalars");
	is_err("session.execute(select(Order)).all()",
	       "column 32: expected .scalars() before .all(): session.execute() returns rows, "
	       ".scalars() their objects",
	       "execute().all() gives rows");
	is_err("select(Order).all()",
	       "column 15: unknown method 'all' (expected options, where, filter, order_by, limit, "
	       "offset; a select() runs as session.scalars(select(...)).all())",
	       "a bare select() has no result calls");
	is_err("session.scalars(select(Order)).first().all()",
	       "column 39: expected the end of the line after .first()", "nothing after .first()");
	is_err("select(Order).where(Order.name == 'x')",
	       "column 27: Order has no column 'name' (it has id, customer_id, total)",
	       "where on an unknown column");
	is_err("select(Order).where(Customer.name == 'x')",
	       "column 21: Customer.name is not a column of Order", "where on the other entity");
	is_err("select(Customer).where(Customer.name == 3)",
	       "column 41: Customer.name is compared with a quoted string", "name with a number");
	is_err("select(Order).where(Order.total > '10')",
	       "column 35: Order.total is compared with a number", "total with a string");
	is_err("select(Order).where(Order.id = 5)",
	       "column 30: expected a comparison (==, !=, <, <=, >, >=)", "= is not ==");
	is_err("select(Customer).where(Customer.name == \"Customer 3)",
	       "column 53: expected the closing \" (escapes are not supported)",
	       "an unterminated string");
	is_err("select(Order).where(Order.id > 1, Order.id > 2, Order.id > 3, Order.id > 4, "
	       "Order.id > 5)",
	       "column 77: at most 4 conditions", "a fifth condition");
	is_err("select(Order).where(Order.id > 1.2.3)", "column 32: invalid number '1.2.3'",
	       "a malformed number");
	is_err("select(Order).order_by(Order.id.down())", "column 33: expected asc() or desc()",
	       "order_by direction");
	is_err("select(Order).offset(-1)",
	       "column 22: invalid offset '-1': expected an integer from 0 to 10000000",
	       "a negative offset");
	is_err("session.query(Order).all().unique()",
	       "column 27: expected the end of the line after .all()", "nothing after .all()");
	is_err("session.query(Order) x", "column 22: expected '.' or the end of the line",
	       "junk after the query");
	is_err("session.get(Order, 1)",
	       "column 9: expected session.query(...), session.scalars(...) or "
	       "session.execute(...)",
	       "session.get");
	is_err("select(Orderé)", "column 13: expected ')'", "columns count characters, not bytes");
	is_err("session.execute(select(Order).all())", "column 30: expected ')'",
	       ".all() inside session.execute()");
}

static void test_hostile(void)
{
	struct expr_command c;
	size_t big = 1 << 20;
	char *line = malloc(big + 1);
	memset(line, 'x', big);
	line[big] = '\0';
	char *err = parse(line, &c);
	ok(err && !strncmp(err, "column 1: unknown command 'xxxx", 31) && strlen(err) < 200,
	   "1 MB of 'x': a short error at column 1");
	free(err);
	memcpy(line, "sql ", 4);
	err = parse(line, &c);
	ok(!err && c.text && strlen(c.text) == big - 4, "a 1 MB sql statement is kept whole");
	expr_command_done(&c);
	memset(line, '(', big);
	memcpy(line, "select", 6);
	err = parse(line, &c);
	ok(err != NULL, "select followed by 1 MB of '(' is an error");
	free(err);
	free(line);

	err = parse("run \x01\x1b[31m\n", &c);
	is_str(err,
	       "column 5: unknown strategy '??[31m' (strategies: select (or lazy), joined, "
	       "selectin, subquery, immediate, raise, raise_on_sql, noload)",
	       "control bytes are shown as '?', the message stays one line");
	free(err);
	err = parse("\xff\xfe run", &c);
	ok(err && !strncmp(err, "column 1: unknown command '?\?'", 30), "invalid UTF-8");
	free(err);

	/* Every prefix of a valid line parses or fails at a column inside it. */
	static const char full[] =
		"session.execute(select(Customer).order_by(Customer.id).limit(10).options("
		"raiseload(Customer.orders, sql_only=True))).unique().scalars().all()";
	int bad = 0;
	for (size_t n = 0; n <= sizeof full - 1; n++) {
		char pre[sizeof full];
		memcpy(pre, full, n);
		pre[n] = '\0';
		err = parse(pre, &c);
		unsigned long col = 0;
		if (err && (sscanf(err, "column %lu:", &col) != 1 || col < 1 || col > n + 1))
			bad++;
		if (!err && n == sizeof full - 1 && strcmp(strategy_of(&c), "raise_on_sql"))
			bad++;
		free(err);
		expr_command_done(&c);
	}
	is_int(bad, 0, "every prefix of a long expression: a result or an in-range column");

	/* Random lines from the parser's own alphabet and a few stray bytes. */
	static const char alpha[] = "session.query(select)Order.customer Customer.orders,=_"
				    "joinedload run bench set sql 0123456789 \t\x01\x80\xff";
	unsigned long seed = 12345;
	bad = 0;
	for (int round = 0; round < 20000; round++) {
		char buf[64];
		size_t n = (size_t)(round % 63);
		for (size_t k = 0; k < n; k++) {
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			buf[k] = alpha[(seed >> 33) % (sizeof alpha - 1)];
			if (buf[k] == '\0')
				buf[k] = ' ';
		}
		buf[n] = '\0';
		err = parse(buf, &c);
		unsigned long col = 0;
		if (err &&
		    (sscanf(err, "column %lu:", &col) != 1 || col > n + 1 || strchr(err, '\n')))
			bad++;
		free(err);
		expr_command_done(&c);
	}
	is_int(bad, 0, "20,000 random lines: each a result or a one-line error with a column");
}

/* All completions as "a b c". */
static const char *completions(const char *line, size_t at, const char *prefix, char *buf,
			       size_t cap)
{
	size_t len = 0;
	buf[0] = '\0';
	const char *w;
	for (size_t i = 0; (w = expr_complete(line, at, prefix, i)) && len < cap; i++)
		len += (size_t)snprintf(buf + len, cap - len, "%s%s", i ? " " : "", w);
	return buf;
}

static void test_complete(void)
{
	char buf[512];
	is_str(completions("", 0, "", buf, sizeof buf),
	       "run bench set sql explain show reset help quit session.query( session.scalars( "
	       "select(",
	       "first word: the commands and the two ways into a query");
	is_str(completions("  re", 2, "re", buf, sizeof buf), "reset", "first word, prefix re");
	is_str(completions("se", 0, "se", buf, sizeof buf),
	       "set session.query( session.scalars( select(", "first word, prefix se");
	is_str(completions("run ", 4, "", buf, sizeof buf),
	       "select lazy joined selectin subquery immediate raise raise_on_sql noload",
	       "after run: the strategies");
	is_str(completions("run se", 4, "se", buf, sizeof buf), "select selectin",
	       "after run, prefix se");
	is_str(completions("run joined ", 11, "", buf, sizeof buf),
	       "orders= customers= collection noidmap notes= limit= latency= style=",
	       "after run STRATEGY: its settings");
	is_str(completions("bench orders=10 ", 16, "", buf, sizeof buf),
	       "orders= customers= strategies= repeat= collection noidmap notes= limit= latency=",
	       "bench: its settings");
	is_str(completions("bench strategies=", 17, "sel", buf, sizeof buf), "select selectin",
	       "bench strategies=: strategy names");
	is_str(completions("session.query(Order).options(", 29, "", buf, sizeof buf),
	       "Order Customer Order.customer Customer.orders lazyload( joinedload( "
	       "selectinload( subqueryload( immediateload( raiseload( noload(",
	       "inside an expression: entities, relationships, options");
	is_str(completions("select(Order).options(", 22, "s", buf, sizeof buf),
	       "selectinload( subqueryload(", "inside an expression, prefix s");
	is_str(completions("quit ", 5, "", buf, sizeof buf), "", "nothing after quit");
	ok(expr_complete("run ", 400, "zz", 0) == NULL && expr_complete(NULL, 0, NULL, 0),
	   "an offset past the line and NULL arguments are safe");
}

int main(void)
{
	test_tutor();
	test_tutor_errors();
	test_python();
	test_python_2();
	test_python_errors();
	test_hostile();
	test_complete();
	return tap_done();
}
