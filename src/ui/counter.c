/* counter: statements so far, rows, elapsed, for the run in progress or the last.
 * Its colour says how the count compares with the best strategy for the same
 * workload: one statement (joinedload), batches of at most 500 keys (selectin,
 * subquery), or one statement per parent (the N+1). */
#include "config.h"

#include "ui/ui.h"
#include "util.h"

#include <stdio.h>

static enum role verdict(const struct ui *ui)
{
	if (ui->count <= 1)
		return ROLE_COUNTER_GOOD;
	long parents = ui->spec.collection ? ui->spec.customers : ui->spec.orders;
	if (ui->spec.limit && ui->spec.limit < parents)
		parents = ui->spec.limit;
	/* eager loading: the parent query plus one statement per 500 keys */
	uint64_t batched = 2 + (uint64_t)(parents + 499) / 500;
	return ui->count <= batched ? ROLE_COUNTER_WARN : ROLE_COUNTER_BAD;
}

void counter_draw(struct ui *ui, const struct rect *r)
{
	draw_frame(r, "statements", false);
	struct rect in = draw_inner(r);
	if (in.h <= 0)
		return;
	char line[160];
	double ms = ui->running ? (double)(util_now_ns() - ui->run_start_ns) / 1e6
				: (double)ui->run_ns / 1e6;
	int x = in.x + 1;
	snprintf(line, sizeof line, "%llu", (unsigned long long)ui->count);
	x += draw_text(in.y, x, in.w - 1, line, ui->ran ? verdict(ui) : ROLE_DIM);
	snprintf(line, sizeof line, " statements   %llu rows   %.1f ms%s",
		 (unsigned long long)ui->rows, ms,
		 ui->paused ? "   PAUSED" : ui->running ? "   running" : "");
	draw_text(in.y, x, in.x + in.w - x, line, ui->paused ? ROLE_ERROR : ROLE_NORMAL);
	if (in.h > 1 && ui->ran) {
		snprintf(line, sizeof line, "%s: %ld orders / %ld customers%s%s",
			 ui->spec.strategy->name, ui->spec.orders, ui->spec.customers,
			 ui->spec.collection ? ", collection" : "",
			 ui->spec.identity_map ? "" : ", no identity map");
		draw_text(in.y + 1, in.x + 1, in.w - 1, line, ROLE_DIM);
	}
}
