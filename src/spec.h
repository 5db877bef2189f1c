/* spec: the workload settings, in one place. What a run is (struct spec: the
 * strategy, the dataset, the direction, the identity map, the page, the
 * latency) and what a timed comparison is (struct spec_bench: strategies x sizes,
 * repeated), their defaults, their bounds, the memory guard, and the settings
 * language every front end shares:
 *
 *   orders=N customers=M collection noidmap notes=B limit=N latency=MS
 *   orders=N,N... strategies=S,S... repeat=K        (timed comparisons)
 *
 * The prompt (`run`, `bench`, `set`), the lesson files (@run, @dataset, @chart)
 * and the command line (--orders, ...) all parse through here, so a bound or a
 * default changes in one place. Errors come back as data (where, and the message
 * without a prefix), so each caller adds its own: "column 12: ", "file:line: @run: ",
 * "--orders".
 *
 * Pure: no engine, no SQLite, no I/O. */
#ifndef NPLUS1_SPEC_H
#define NPLUS1_SPEC_H

#include "strategy.h"
#include "value.h"

#include <stdbool.h>
#include <stddef.h>

/* Bounds on what a learner or a script may ask for; the engine takes any
 * positive value. */
#define SPEC_MAX_ROWS	    10000000L
#define SPEC_MAX_NOTES	    1000000L
#define SPEC_MAX_LATENCY_MS 10000.0
/* The wide column's bytes a run holds in its Session: customers x notes, or
 * orders x notes where, without the identity map, each order loads its own
 * customer (SQLite keeps customers x notes more); beyond this a run would
 * exhaust the machine. */
#define SPEC_MAX_NOTES_BYTES (1L << 30)
enum { SPEC_MAX_LIST = 16, SPEC_MAX_REPEAT = 1000, SPEC_MAX_TERMS = 4 };

/* Which SQLAlchemy API the statement came from: it decides the parent query's
 * labels, what .first() sends, and whether a joined collection needs .unique(). */
enum spec_style {
	SPEC_QUERY,  /* session.query(X): the legacy Query, and the tutor's own runs */
	SPEC_SELECT, /* select(X), through session.scalars() or session.execute() */
};

enum spec_op { SPEC_EQ, SPEC_NE, SPEC_LT, SPEC_LE, SPEC_GT, SPEC_GE };

/* A WHERE condition on a column of the loaded entity: Order.total > 10. */
struct spec_term {
	const char *column; /* the column's bare name, a static string: "total" */
	enum spec_op op;
	struct value value;
};

enum spec_dir { SPEC_DIR_NONE, SPEC_ASC, SPEC_DESC };

/* An ORDER BY item: Order.total.desc(). */
struct spec_sort {
	const char *column; /* as in spec_term */
	enum spec_dir dir;
};

/* One run's workload. The fields after latency_ms say what a SQLAlchemy
 * expression said (the prompt, run -e); their zero values are the tutor's own
 * workload, so a caller that does not know them keeps its behaviour. */
struct spec {
	const struct strategy *strategy;
	long orders, customers;
	bool collection;   /* load customers, read len(customer.orders) */
	bool identity_map; /* false: every lazy load emits SQL */
	long notes;	   /* width of customers.notes, 0 for the tutorial's model */
	long limit;	   /* page of parents, 0 for all */
	double latency_ms; /* delay before each statement */

	enum spec_style style;
	bool innerjoin; /* joinedload(..., innerjoin=True) */
	bool conflict;	/* two different loader options for the relationship: 2.0
			   raises before any SQL (1.4 let the last one win) */
	struct spec_term where[SPEC_MAX_TERMS]; /* ANDed */
	int nwhere;
	bool ordered; /* order[] is the ORDER BY (maybe none); false: by primary key
			 when paged, as --limit and limit= have always been */
	struct spec_sort order[SPEC_MAX_TERMS];
	int norder;
	long offset; /* parents skipped, 0 for none */
	bool first;  /* .first(): the loop reads the first object only */
	bool unique; /* a 2.0 result's .unique() was called */
};

/* A timed comparison: every strategy at every size, repeat timed runs each. */
struct spec_bench {
	struct spec base; /* the rest of the workload; base.customers 0 pairs each
			     size with its reference customers (spec_bench_customers) */
	long sizes[SPEC_MAX_LIST];
	int nsizes;
	const struct strategy *strategies[SPEC_MAX_LIST];
	int nstrategies;
	int repeat;
};

/* The SQL operator of op: "<=". */
const char *spec_op_text(enum spec_op op);
/* Whether the run's parent query is paged (LIMIT ? OFFSET ?): a limit, an
 * offset, or the legacy Query's .first(). */
bool spec_paged(const struct spec *s);

/* The defaults of DESIGN.md: select, 100 orders over 10 customers, identity map on. */
struct spec spec_default(void);
/* The default comparison over base's workload: select, joined, selectin and
 * subquery at 100 and 10,000 orders with reference customers, 7 runs each. */
struct spec_bench spec_bench_default(const struct spec *base);
/* The customers that go with orders in a comparison: customers when it is set,
 * else DESIGN.md's reference pairing (100 orders over 10 customers, 10,000 over
 * 10,000: orders/10 up to 100 orders, else orders). */
long spec_bench_customers(long customers, long orders);
/* The run of b for size i and strategy k. */
struct spec spec_bench_at(const struct spec_bench *b, int i, int k);

/* An error in the settings: where, and what (no prefix: the caller adds one). */
struct spec_error {
	size_t at;	   /* byte offset in the parsed text where it went wrong */
	char msg[320];	   /* "invalid orders 'abc': expected an integer from 1 to 10000000" */
	char value[48];	   /* a bad value as shown: "abc" (empty for other errors) */
	char expected[64]; /* what a bad value should have been: "an integer from 1 to 10" */
};

/* Whether s fits the memory guard (the notes its Session holds). */
bool spec_fits(const struct spec *s);
/* The guard as an error: 0, or -1 with e saying what is too much. */
int spec_check(const struct spec *s, struct spec_error *e);
/* The guard over every run of b. */
int spec_bench_check(const struct spec_bench *b, struct spec_error *e);

/* Where settings appear; each takes its own words. */
enum spec_context {
	SPEC_RUN,     /* orders customers collection noidmap notes limit latency */
	SPEC_BENCH,   /* orders=N,N... customers strategies repeat, and run's others */
	SPEC_SET,     /* latency orders customers: the prompt's defaults */
	SPEC_DATASET, /* orders customers notes: a lesson's defaults */
	SPEC_CHART,   /* strategies orders=N,N... customers repeat collection */
};

/* Parse the words of s[0..len) (word=value pairs and bare flags, separated by
 * spaces) into b (b->base for a run, set and dataset). name is the command in
 * messages ("run", "@chart"). The number of settings, or -1 with *e. */
int spec_parse(const char *s, size_t len, enum spec_context ctx, const char *name,
	       struct spec_bench *b, struct spec_error *e);
/* One setting, as the command line gives it: word "orders", value[0..len)
 * "100" (NULL for a flag); e->at is an offset into value. 0, or -1 with *e. */
int spec_set(enum spec_context ctx, const char *word, const char *value, size_t len,
	     struct spec_bench *b, struct spec_error *e);
/* The strategy named by w[0..n), or NULL with *e listing the strategies. */
const struct strategy *spec_strategy(const char *w, size_t n, struct spec_error *e);
/* The i-th word ctx takes, as completion offers it ("orders=", "collection"),
 * or NULL past the end. */
const char *spec_word(enum spec_context ctx, size_t i);
/* "orders=N, customers=M or notes=B": what ctx takes, joined with sep before
 * the last (", " or " or "), into buf. */
char *spec_words(enum spec_context ctx, const char *last_sep, char *buf, size_t size);

#endif
