/* loggroup: see loggroup.h.
 *
 * Owns one heap node per distinct SQL text, each holding the public struct loggroup and its
 * own copy of the text. Invariants:
 * - order[0..len) lists the nodes in order of first appearance; a node never moves, so a
 *   pointer from loggroups_get() or loggroups_find() stays valid until the next reset;
 * - every node is reachable from exactly one idmap chain, keyed by the FNV-1a hash of its
 *   text, and no two nodes in the whole structure share a text;
 * - count >= 1 and first_seq <= last_seq for every group; pmin <= pmax when nparams > 0. */
#include "config.h"

#include "idmap.h"
#include "loggroup.h"
#include "util.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct node {
	struct loggroup group; /* first, so a node and its group share an address */
	struct node *next_same_hash;
};

struct loggroups {
	struct idmap by_hash; /* hash of sql -> chain of struct node */
	struct node **order;
	size_t len, cap;
};

struct loggroups *loggroups_new(void)
{
	struct loggroups *g = util_calloc(1, sizeof *g);
	idmap_init(&g->by_hash);
	return g;
}

void loggroups_reset(struct loggroups *g)
{
	for (size_t i = 0; i < g->len; i++) {
		free(g->order[i]->group.sql);
		free(g->order[i]);
	}
	g->len = 0;
	/* Keep the table and the order array: the next run will likely need the same sizes. */
	idmap_clear(&g->by_hash);
}

void loggroups_free(struct loggroups *g)
{
	if (!g)
		return;
	loggroups_reset(g);
	idmap_done(&g->by_hash);
	free(g->order);
	free(g);
}

static struct node *find_node(const struct loggroups *g, const char *sql, int64_t h)
{
	for (struct node *n = idmap_get(&g->by_hash, h); n; n = n->next_same_hash)
		if (strcmp(n->group.sql, sql) == 0)
			return n;
	return NULL;
}

struct loggroup *loggroups_add(struct loggroups *g, uint64_t seq, const char *sql,
			       const int64_t *params, int nparams)
{
	int64_t h = idmap_hash_text(sql);
	struct node *n = find_node(g, sql, h);
	if (n) {
		struct loggroup *gr = &n->group;
		gr->count++;
		gr->last_seq = seq;
		/* The range follows the group's own first parameter; a member that somehow
		 * arrives without one leaves it alone rather than inventing a value. */
		if (gr->nparams > 0 && nparams > 0) {
			if (params[0] < gr->pmin)
				gr->pmin = params[0];
			if (params[0] > gr->pmax)
				gr->pmax = params[0];
		}
		return gr;
	}
	n = util_calloc(1, sizeof *n);
	n->group.sql = util_strdup(sql);
	n->group.count = 1;
	n->group.first_seq = n->group.last_seq = seq;
	n->group.nparams = nparams;
	if (nparams > 0)
		n->group.pmin = n->group.pmax = params[0];
	n->next_same_hash = idmap_get(&g->by_hash, h);
	idmap_put(&g->by_hash, h, n);
	if (g->len == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 16;
		g->order = util_realloc(g->order, g->cap * sizeof *g->order);
	}
	g->order[g->len++] = n;
	return &n->group;
}

size_t loggroups_len(const struct loggroups *g) { return g->len; }

struct loggroup *loggroups_get(struct loggroups *g, size_t i)
{
	return i < g->len ? &g->order[i]->group : NULL;
}

struct loggroup *loggroups_find(struct loggroups *g, const char *sql)
{
	struct node *n = find_node(g, sql, idmap_hash_text(sql));
	return n ? &n->group : NULL;
}

const struct loggroup *loggroups_suspect(const struct loggroups *g, uint64_t threshold)
{
	for (size_t i = 0; i < g->len; i++) {
		const struct loggroup *gr = &g->order[i]->group;
		if (gr->nparams == 1 && gr->count >= threshold)
			return gr;
	}
	return NULL;
}

char *loggroup_summary(const struct loggroup *gr, bool utf8, char *buf, size_t size)
{
	/* Two 20-digit numbers and the words fit with room to spare. */
	char tmp[128];
	const char *times = utf8 ? "\u00d7" : "x", *dots = utf8 ? "\u2026" : "...";
	if (gr->count == 1)
		snprintf(tmp, sizeof tmp, "1 statement");
	else if (gr->nparams != 1)
		snprintf(tmp, sizeof tmp, "%s%" PRIu64 " similar", times, gr->count);
	else if (gr->pmin == gr->pmax)
		snprintf(tmp, sizeof tmp, "%s%" PRIu64 " similar, params %" PRId64, times,
			 gr->count, gr->pmin);
	else
		snprintf(tmp, sizeof tmp, "%s%" PRIu64 " similar, params %" PRId64 "%s%" PRId64,
			 times, gr->count, gr->pmin, dots, gr->pmax);
	if (size == 0)
		return buf;
	size_t n = strlen(tmp);
	if (n >= size) {
		n = size - 1;
		/* Never end on half a "×" or "…": back up over continuation bytes to the lead
		 * byte of the cut character, and drop it too. */
		while (n > 0 && ((unsigned char)tmp[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(buf, tmp, n);
	buf[n] = '\0';
	return buf;
}
