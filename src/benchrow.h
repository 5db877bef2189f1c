/* benchrow: one row of a timed comparison, whoever measured it, and its one
 * machine form: a JSON object on one line (schema "format": 1, documented in
 * nplus1(1) and README.md). `bench --json` prints these rows, the SQLAlchemy
 * timer (data/sqla_bench.py) streams them, and the tutor reads both engines'
 * rows back through benchrow_parse, so a field changes in one place.
 *
 * Every row names its engine and carries its whole workload, so a row read
 * alone still says what was measured and by what. Times are medians per run, in
 * ms: total (median_ms) = db_ms (inside SQLite / the DBAPI cursor) + orm_ms
 * (the rest of the client's work) + network_ms (latency x statements, slept).
 *
 * Pure: no engine, no SQLite, no I/O. */
#ifndef NPLUS1_BENCHROW_H
#define NPLUS1_BENCHROW_H

#include "sbuf.h"
#include "spec.h"

#include <stdbool.h>
#include <stdint.h>

/* The schema's version, the "format" field of every row and of run --json. */
#define BENCHROW_FORMAT 1

struct benchrow {
	char engine[16];   /* "nplus1" or "sqlalchemy" */
	char version[24];  /* the engine's version: nplus1's, SQLAlchemy's "2.0.52" */
	char strategy[16]; /* a strategy's name, or "raw" (nplus1's one-JOIN floor) */
	long orders, customers, notes, limit;
	bool collection, identity_map;
	double latency_ms;
	uint64_t queries, rows;
	double min_ms, median_ms, max_ms;
	double db_ms, orm_ms, network_ms; /* the median run's split */
	double floor_ms, overhead;	  /* nplus1's: its statements stepped raw */
	int repeat, batch;		  /* samples, and runs per sample */
	char error[200];		  /* what the strategy raised; empty if none */
};

/* A row for spec's workload measured by engine (name is the strategy's or "raw");
 * the timings are zero for the caller to fill. */
void benchrow_init(struct benchrow *r, const char *engine, const char *version, const char *name,
		   const struct spec *spec);
/* Whether r was measured by SQLAlchemy. */
bool benchrow_sqlalchemy(const struct benchrow *r);
/* "nplus1 0.4" or "SQLAlchemy 2.0.52": who measured it, as the screen says it. */
const char *benchrow_engine_label(const struct benchrow *r, char *buf, size_t size);
/* r as one JSON object, no newline, appended to out. */
void benchrow_json(const struct benchrow *r, struct sbuf *out);
/* A JSON line into *r: 0, or -1 with *err (caller frees) naming what is wrong.
 * Unknown keys are skipped, so a newer timer's extra fields do no harm. */
int benchrow_parse(const char *line, struct benchrow *r, char **err);

#endif
