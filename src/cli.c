/* cli: see cli.h.
 *
 * Output goes through stdio's buffer, so --echo and --json stream a million
 * statements without holding them; elapsed_ms therefore includes writing them, and
 * `bench` is the command for timings. Usage errors are one line on stderr that names
 * the bad argument and what is allowed. */
#include "config.h"

#include "cli.h"
#include "bench.h"
#include "benchproc.h"
#include "experiment.h"
#include "expr.h"
#include "sbuf.h"
#include "util.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	OPT_ORDERS = 256,
	OPT_CUSTOMERS,
	OPT_COLLECTION,
	OPT_NO_IDMAP,
	OPT_NOTES,
	OPT_LIMIT,
	OPT_LATENCY,
	OPT_ECHO,
	OPT_JSON,
	OPT_CSV,
	OPT_STRATEGIES,
	OPT_REPEAT,
	OPT_SQLALCHEMY,
	OPT_EXPR = 'e',
};

static void usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "nplus1 %s: ", cmd);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

/* A workload option (--orders, --no-identity-map, ...) into b through spec, the
 * settings' one parser: the option's name is the setting's word. */
static int workload_option(const char *cmd, enum spec_context ctx, const struct option *o,
			   const char *arg, struct spec_bench *b)
{
	const char *word = strcmp(o->name, "no-identity-map") == 0 ? "noidmap" : o->name;
	struct spec_error e;
	if (spec_set(ctx, word, arg, arg ? strlen(arg) : 0, b, &e) == 0)
		return CLI_OK;
	if (e.expected[0])
		usage_error(cmd, "invalid value '%s' for --%s: expected %s", e.value, o->name,
			    e.expected);
	else
		usage_error(cmd, "--%s: %s", o->name, e.msg);
	return CLI_USAGE;
}

/* getopt's own messages do not say what is allowed; this one does. */
static int unknown_option(const char *cmd, char **argv, const struct option *opts)
{
	struct sbuf b;
	sbuf_init(&b);
	for (const struct option *o = opts; o->name; o++)
		sbuf_addf(&b, "%s--%s", b.len ? ", " : "", o->name);
	const char *bad = argv[optind - 1];
	size_t len = strcspn(bad, "=");
	struct sbuf amb;
	sbuf_init(&amb);
	for (const struct option *o = opts; len > 2 && strncmp(bad, "--", 2) == 0 && o->name; o++)
		if (strncmp(o->name, bad + 2, len - 2) == 0)
			sbuf_addf(&amb, "%s--%s", amb.len ? ", " : "", o->name);
	if (strchr(amb.data ? amb.data : "", ','))
		usage_error(cmd, "ambiguous option '%.*s' (could be %s)", (int)len, bad, amb.data);
	else if (optopt && optopt < 256 && bad[0] == '-' && bad[1] != '-')
		usage_error(cmd, "unknown option '-%c' (options: %s)", optopt, sbuf_str(&b));
	else if (strchr(bad, '=') && strncmp(bad, "--", 2) == 0 && optopt)
		usage_error(cmd, "option '%.*s' takes no value", (int)strcspn(bad, "="), bad);
	else
		usage_error(cmd, "unknown option '%s' (options: %s)", bad, sbuf_str(&b));
	sbuf_done(&b);
	sbuf_done(&amb);
	return CLI_USAGE;
}

static int missing_value(const char *cmd, char **argv)
{
	usage_error(cmd, "option '%s' needs a value", argv[optind - 1]);
	return CLI_USAGE;
}

/* Parameters as Python prints a tuple: (), (2,), (1, 'Customer 3'). A selectin
 * chunk has 500 integers of 21 bytes at most; a string's repr is at most twice
 * its length and quotes. */
static void print_params(FILE *f, const struct sqllog_entry *e)
{
	size_t size = (size_t)e->nparams * (2 * VALUE_TEXT_MAX + 8) + 8;
	char *buf = util_malloc(size);
	fputs(sqllog_entry_params_text(e, e->nparams, "", buf, size), f);
	free(buf);
}

static void json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

/* --echo: what SQLAlchemy's echo=True logs, without the logging prefix. */
static void echo_event(void *ctx, enum sqllog_event ev, const struct sqllog_entry *e)
{
	FILE *f = ctx;
	if (ev == SQLLOG_BEGIN) {
		fputs("BEGIN (implicit)\n", f);
	} else if (ev == SQLLOG_ROLLBACK) {
		fputs("ROLLBACK\n", f);
	} else if (ev == SQLLOG_STATEMENT) {
		fprintf(f, "%s\n", e->sql);
		if (e->cached)
			fprintf(f, "[cached since %.4gs ago] ", e->cache_s);
		else
			fprintf(f, "[generated in %.5fs] ", e->cache_s);
		print_params(f, e);
		fputc('\n', f);
	}
}

/* --json: statements stream into the "statements" array as they run. */
static void json_event(void *ctx, enum sqllog_event ev, const struct sqllog_entry *e)
{
	FILE *f = ctx;
	if (ev != SQLLOG_STATEMENT)
		return;
	fputs(e->seq > 1 ? ",\n  {\"sql\": " : "\n  {\"sql\": ", f);
	json_string(f, e->sql);
	fputs(", \"params\": [", f);
	char v[2 * VALUE_TEXT_MAX + 8];
	for (int i = 0; i < e->nparams; i++) {
		if (e->values)
			fprintf(f, "%s%s", i ? ", " : "", value_json(&e->values[i], v, sizeof v));
		else
			fprintf(f, i ? ", %lld" : "%lld", (long long)e->params[i]);
	}
	fputs("]}", f);
}

static const struct option run_options[] = {
	{ "orders", required_argument, NULL, OPT_ORDERS },
	{ "customers", required_argument, NULL, OPT_CUSTOMERS },
	{ "collection", no_argument, NULL, OPT_COLLECTION },
	{ "no-identity-map", no_argument, NULL, OPT_NO_IDMAP },
	{ "notes", required_argument, NULL, OPT_NOTES },
	{ "limit", required_argument, NULL, OPT_LIMIT },
	{ "latency", required_argument, NULL, OPT_LATENCY },
	{ "echo", no_argument, NULL, OPT_ECHO },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "expr", required_argument, NULL, OPT_EXPR },
	{ NULL, 0, NULL, 0 },
};

static const char *bool_word(bool b) { return b ? "true" : "false"; }

/* run -e EXPR: the workload of a SQLAlchemy expression, parsed as the prompt
 * parses it, over the dataset the options gave (defaults). The expression says
 * the direction and the page, so --collection and --limit would contradict it. */
static int expression(const char *text, const struct spec *defaults, bool collection_set,
		      bool limit_set, struct spec *out)
{
	if (collection_set || limit_set) {
		usage_error("run", "--%s cannot be combined with -e (the expression says it)",
			    collection_set ? "collection" : "limit");
		return CLI_USAGE;
	}
	struct expr_command c;
	char *err = NULL;
	if (expr_parse(text, defaults, &c, &err)) {
		usage_error("run", "-e: %s", err);
		free(err);
		return CLI_USAGE;
	}
	bool python = c.kind == EXPR_RUN && c.from_python;
	expr_command_done(&c);
	if (!python) {
		usage_error("run", "-e: expected a SQLAlchemy expression (session.query(...), "
				   "session.scalars(select(...)), session.execute(select(...)) or "
				   "select(...))");
		return CLI_USAGE;
	}
	*out = c.spec;
	return CLI_OK;
}

int cli_run(int argc, char **argv)
{
	struct spec_bench b = { .base = spec_default() };
	struct spec spec;
	struct spec_error e;
	bool echo = false, json = false, collection_set = false, limit_set = false;
	const char *expr = NULL;
	int opt, rc, at;
	optind = 1, opterr = 0;
	while ((opt = getopt_long(argc, argv, ":e:", run_options, &at)) != -1) {
		switch (opt) {
		case OPT_ECHO: echo = true; break;
		case OPT_JSON: json = true; break;
		case OPT_EXPR: expr = optarg; break;
		case ':': return missing_value("run", argv);
		case '?': return unknown_option("run", argv, run_options);
		default:
			collection_set |= opt == OPT_COLLECTION;
			limit_set |= opt == OPT_LIMIT;
			if ((rc = workload_option("run", SPEC_RUN, &run_options[at], optarg, &b)))
				return rc;
		}
	}
	if (expr && optind < argc) {
		usage_error("run", "unexpected argument '%s' (-e takes the place of STRATEGY)",
			    argv[optind]);
		return CLI_USAGE;
	}
	if (expr) {
		if ((rc = expression(expr, &b.base, collection_set, limit_set, &spec)))
			return rc;
	} else if (optind >= argc) {
		usage_error("run", "missing STRATEGY (strategies: %s)", strategy_names());
		return CLI_USAGE;
	}
	if (!expr && optind + 1 < argc) {
		usage_error("run", "unexpected argument '%s' after the strategy", argv[optind + 1]);
		return CLI_USAGE;
	}
	if (!expr) {
		spec = b.base;
		if (!(spec.strategy = spec_strategy(argv[optind], strlen(argv[optind]), &e))) {
			usage_error("run", "%s", e.msg);
			return CLI_USAGE;
		}
	}
	if (echo && json) {
		usage_error("run", "--echo and --json cannot be combined");
		return CLI_USAGE;
	}
	if (spec_check(&spec, &e)) {
		usage_error("run", "%s", e.msg);
		return CLI_USAGE;
	}

	struct experiment *ex = experiment_new(1024);
	if (echo)
		sqllog_subscribe(experiment_log(ex), echo_event, stdout);
	if (json) {
		sqllog_subscribe(experiment_log(ex), json_event, stdout);
		printf("{\"format\": %d, \"engine\": \"nplus1\", \"version\": \"%s\", "
		       "\"strategy\": \"%s\", \"orders\": %ld, \"customers\": %ld, "
		       "\"collection\": %s, \"identity_map\": %s, \"notes\": %ld, \"limit\": %ld, "
		       "\"latency_ms\": %g,\n",
		       BENCHROW_FORMAT, PACKAGE_VERSION, spec.strategy->name, spec.orders,
		       spec.customers, bool_word(spec.collection), bool_word(spec.identity_map),
		       spec.notes, spec.limit, spec.latency_ms);
		if (expr) {
			fputs(" \"expression\": ", stdout);
			json_string(stdout, expr);
			fputs(",\n", stdout);
		}
		fputs(" \"statements\": [", stdout);
	}
	struct experiment_result res;
	enum session_status st = experiment_run(ex, &spec, &res);
	if (st == SESSION_FAILED) {
		if (json)
			fputs("]}\n", stdout);
		fflush(stdout);
		fprintf(stderr, "nplus1 run: %s\n", res.error ? res.error : "failed");
		rc = CLI_FAILED;
	} else if (json) {
		printf("],\n \"queries\": %llu, \"rows\": %llu, \"elapsed_ms\": %.3f",
		       (unsigned long long)res.queries, (unsigned long long)res.rows,
		       res.elapsed_ms);
		if (res.error) {
			fputs(", \"error\": ", stdout);
			json_string(stdout, res.error);
		}
		fputs("}\n", stdout);
	} else {
		printf("strategy: %s\nqueries: %llu\nrows: %llu\nelapsed_ms: %.3f\n",
		       spec.strategy->name, (unsigned long long)res.queries,
		       (unsigned long long)res.rows, res.elapsed_ms);
		if (res.error)
			printf("error: %s\n", res.error);
	}
	if (st != SESSION_FAILED)
		rc = st == SESSION_RAISED ? CLI_RAISED : CLI_OK;
	free(res.error);
	experiment_free(ex);
	if (fflush(stdout) != 0 && rc == CLI_OK)
		rc = CLI_FAILED;
	return rc;
}

enum bench_format { BENCH_TABLE, BENCH_CSV, BENCH_JSON };

struct bench {
	enum bench_format format;
	int rows_printed;
	bool failed; /* a row came back with an error that is not a strategy raising */
};

/* One row, as it arrives from either engine. Raising strategies have no
 * timing: stderr says so and the bench goes on. */
static void bench_row(void *ctx, const struct benchrow *r)
{
	struct bench *b = ctx;
	if (r->error[0]) {
		char who[64];
		fflush(stdout);
		fprintf(stderr, "nplus1 bench: %s at %ld orders%s%s%s: %s (not timed)\n",
			r->strategy, r->orders, benchrow_sqlalchemy(r) ? " (" : "",
			benchrow_sqlalchemy(r) ? benchrow_engine_label(r, who, sizeof who) : "",
			benchrow_sqlalchemy(r) ? ")" : "", r->error);
		return;
	}
	switch (b->format) {
	case BENCH_TABLE:
		if (b->rows_printed == 0)
			printf("%-10s %-8s %-12s %8s %9s %7s %8s %10s %10s %10s %10s %10s %10s "
			       "%10s "
			       "%8s\n",
			       "engine", "version", "strategy", "orders", "customers", "queries",
			       "rows", "min_ms", "median_ms", "max_ms", "db_ms", "orm_ms",
			       "network_ms", "floor_ms", "overhead");
		printf("%-10s %-8s %-12s %8ld %9ld %7llu %8llu %10.3f %10.3f %10.3f %10.3f %10.3f "
		       "%10.3f %10.3f %8.2f\n",
		       r->engine, r->version, r->strategy, r->orders, r->customers,
		       (unsigned long long)r->queries, (unsigned long long)r->rows, r->min_ms,
		       r->median_ms, r->max_ms, r->db_ms, r->orm_ms, r->network_ms, r->floor_ms,
		       r->overhead);
		break;
	case BENCH_CSV:
		if (b->rows_printed == 0)
			puts("engine,version,strategy,orders,customers,queries,rows,min_ms,median_"
			     "ms,"
			     "max_ms,db_ms,orm_ms,network_ms,floor_ms,overhead,repeat,batch,"
			     "collection,identity_map,notes,limit,latency_ms");
		printf("%s,%s,%s,%ld,%ld,%llu,%llu,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.3f,%d,%d,%"
		       "s,%"
		       "s,%ld,%ld,%g\n",
		       r->engine, r->version, r->strategy, r->orders, r->customers,
		       (unsigned long long)r->queries, (unsigned long long)r->rows, r->min_ms,
		       r->median_ms, r->max_ms, r->db_ms, r->orm_ms, r->network_ms, r->floor_ms,
		       r->overhead, r->repeat, r->batch, bool_word(r->collection),
		       bool_word(r->identity_map), r->notes, r->limit, r->latency_ms);
		break;
	case BENCH_JSON: {
		struct sbuf j;
		sbuf_init(&j);
		benchrow_json(r, &j);
		printf("%s\n %s", b->rows_printed ? "," : "[", sbuf_str(&j));
		sbuf_done(&j);
		break;
	}
	}
	b->rows_printed++;
	fflush(stdout); /* a long bench shows each row as it is measured */
}

/* A strategy that raises by design (raise, raise_on_sql) has no time to
 * measure. Each is tried once on a one-order copy of the workload (the first
 * access raises at any size) and dropped from the plan, and one line says why;
 * when none is left that is a usage error, before anything is printed. */
static int drop_raising(struct experiment *ex, struct spec_bench *plan)
{
	struct sbuf names;
	sbuf_init(&names);
	int kept = 0;
	struct spec probe;
	for (int k = 0; k < plan->nstrategies; k++) {
		probe = spec_bench_at(plan, 0, k);
		probe.orders = probe.customers = 1;
		struct experiment_result res;
		enum session_status st = experiment_run(ex, &probe, &res);
		free(res.error);
		if (st == SESSION_RAISED)
			sbuf_addf(&names, "%s%s", names.len ? ", " : "", plan->strategies[k]->name);
		else
			plan->strategies[kept++] = plan->strategies[k];
	}
	int rc = CLI_OK;
	if (kept == 0) {
		usage_error("bench",
			    "nothing to time: %s raise%s by design when the loop reads %s "
			    "('nplus1 run %s' shows it)",
			    sbuf_str(&names), plan->nstrategies == 1 ? "s" : "",
			    experiment_facts(&probe).relationship, plan->strategies[0]->name);
		rc = CLI_USAGE;
	} else if (kept < plan->nstrategies) {
		fprintf(stderr,
			"nplus1 bench: not timed: %s (%s by design when the loop reads %s)\n",
			sbuf_str(&names),
			plan->nstrategies - kept == 1 ? "it raises" : "they raise",
			experiment_facts(&probe).relationship);
	}
	plan->nstrategies = kept;
	sbuf_done(&names);
	return rc;
}

static const struct option bench_options[] = {
	{ "orders", required_argument, NULL, OPT_ORDERS },
	{ "customers", required_argument, NULL, OPT_CUSTOMERS },
	{ "strategies", required_argument, NULL, OPT_STRATEGIES },
	{ "repeat", required_argument, NULL, OPT_REPEAT },
	{ "collection", no_argument, NULL, OPT_COLLECTION },
	{ "no-identity-map", no_argument, NULL, OPT_NO_IDMAP },
	{ "notes", required_argument, NULL, OPT_NOTES },
	{ "limit", required_argument, NULL, OPT_LIMIT },
	{ "latency", required_argument, NULL, OPT_LATENCY },
	{ "csv", no_argument, NULL, OPT_CSV },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "sqlalchemy", no_argument, NULL, OPT_SQLALCHEMY },
	{ NULL, 0, NULL, 0 },
};

int cli_bench(int argc, char **argv)
{
	struct spec def = spec_default();
	struct spec_bench plan = spec_bench_default(&def);
	struct spec_error e;
	struct bench b = { BENCH_TABLE, 0, false };
	bool csv = false, json = false, sqlalchemy = false;
	int opt, rc, at;
	optind = 1, opterr = 0;
	while ((opt = getopt_long(argc, argv, ":", bench_options, &at)) != -1) {
		switch (opt) {
		case OPT_CSV: csv = true; break;
		case OPT_JSON: json = true; break;
		case OPT_SQLALCHEMY: sqlalchemy = true; break;
		case ':': return missing_value("bench", argv);
		case '?': return unknown_option("bench", argv, bench_options);
		default:
			if ((rc = workload_option("bench", SPEC_BENCH, &bench_options[at], optarg,
						  &plan)))
				return rc;
		}
	}
	if (optind < argc) {
		usage_error("bench", "unexpected argument '%s'", argv[optind]);
		return CLI_USAGE;
	}
	if (csv && json) {
		usage_error("bench", "--csv and --json cannot be combined");
		return CLI_USAGE;
	}
	b.format = csv ? BENCH_CSV : json ? BENCH_JSON : BENCH_TABLE;
	if (spec_bench_check(&plan, &e)) {
		usage_error("bench", "%s", e.msg);
		return CLI_USAGE;
	}

	/* Strategies that raise by design are named once and dropped first. */
	struct experiment *probe = experiment_new(64);
	rc = drop_raising(probe, &plan);
	experiment_free(probe);
	if (rc)
		return rc;
	char *err = NULL;
	if (bench_engine(&plan, bench_row, &b, NULL, &err)) {
		fflush(stdout);
		fprintf(stderr, "nplus1 bench: %s\n", err);
		free(err);
		rc = CLI_FAILED;
	}
	/* Then real SQLAlchemy, in a child process, after nplus1's rows: the two never
	 * time at once on the same cores. */
	if (rc == CLI_OK && sqlalchemy) {
		struct benchproc *p = benchproc_sqlalchemy(&plan);
		if (benchproc_poll(p, -1, bench_row, &b) != BENCHPROC_DONE) {
			fflush(stdout);
			fprintf(stderr, "nplus1 bench: %s\n", benchproc_error(p));
			rc = CLI_FAILED;
		}
		benchproc_free(p);
	}
	if (b.format == BENCH_JSON)
		puts(b.rows_printed ? "\n]" : "[]");
	if (fflush(stdout) != 0 && rc == CLI_OK)
		rc = CLI_FAILED;
	return rc;
}
