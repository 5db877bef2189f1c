/* experiment_core: what the experiment's two halves share, experiment.c (the
 * dataset and the observed run) and experiment_time.c (the timed runs): its
 * state and its workload. Private to experiment*.c. */
#ifndef NPLUS1_EXPERIMENT_CORE_H
#define NPLUS1_EXPERIMENT_CORE_H

#include "db.h"
#include "experiment.h"
#include "mapper.h"
#include "session.h"

#include <stdint.h>

struct experiment {
	struct db *db;
	struct sqllog *log;
	struct mapper mapper;
	struct session *session; /* reused, cleared, by every run */
	int sql_statements;	 /* how many the last experiment_sql ran */
};

/* The relationship the spec's loop reads. */
const struct mapper_rel *experiment_rel(struct experiment *ex, const struct spec *spec);
/* The parent query a spec asks for, and its values (params, SPEC_MAX_TERMS + 2
 * of them): the WHERE clause's, then the page's. */
void experiment_select(const struct spec *spec, struct session_select *sel, struct value *params);
/* The SQLite work a run may do before it is stopped as runaway. */
uint64_t experiment_budget(struct experiment *ex);
/* The workload, unobserved by the experiment itself: load the parents, then
 * touch the relationship of each; *parents is how many the query returned. */
enum session_status experiment_workload(struct experiment *ex, const struct spec *spec,
					size_t *parents, char **err);

#endif
