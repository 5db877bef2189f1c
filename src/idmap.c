/* idmap: linear probing over a power-of-two table kept at most half full, so a
 * probe sequence stays short. Ids below the table's size keep their order in
 * it: a run reads rows by id, and looking up 10,000 consecutive ids in order
 * then walks the table rather than jumping across half a megabyte (joined
 * collections at 10,000 spent a third of their ORM time in those misses). The
 * bits above are mixed into the slot, so ids far apart or with a common
 * stride (a learner's `UPDATE ... SET id = id * 65536`) still spread out. */
#include "config.h"

#include "idmap.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static size_t slot_of(const struct idmap *m, int64_t key)
{
	uint64_t k = (uint64_t)key;
	return (size_t)(k ^ (k >> m->bits) * 0x9E3779B97F4A7C15ull) & m->mask;
}

void idmap_init(struct idmap *m) { m->slots = NULL, m->mask = 0, m->count = 0, m->bits = 0; }

void idmap_done(struct idmap *m)
{
	free(m->slots);
	idmap_init(m);
}

void idmap_clear(struct idmap *m)
{
	if (m->slots)
		memset(m->slots, 0, (m->mask + 1) * sizeof *m->slots);
	m->count = 0;
}

void *idmap_get(const struct idmap *m, int64_t key)
{
	if (!m->slots)
		return NULL;
	for (size_t i = slot_of(m, key);; i = (i + 1) & m->mask) {
		const struct idmap_slot *s = &m->slots[i];
		if (!s->value)
			return NULL;
		if (s->key == key)
			return s->value;
	}
}

static void grow(struct idmap *m)
{
	size_t old_n = m->slots ? m->mask + 1 : 0;
	struct idmap_slot *old = m->slots;
	size_t n = old_n ? old_n * 2 : 64;
	m->slots = util_calloc(n, sizeof *m->slots);
	m->mask = n - 1;
	m->bits = __builtin_ctzll((unsigned long long)n);
	m->count = 0;
	for (size_t i = 0; i < old_n; i++)
		if (old[i].value)
			idmap_put(m, old[i].key, old[i].value);
	free(old);
}

void idmap_reserve(struct idmap *m, size_t n)
{
	while (!m->slots || (m->count + n) * 2 > m->mask + 1)
		grow(m);
}

void idmap_put(struct idmap *m, int64_t key, void *value)
{
	if (!m->slots || (m->count + 1) * 2 > m->mask + 1)
		grow(m);
	for (size_t i = slot_of(m, key);; i = (i + 1) & m->mask) {
		struct idmap_slot *s = &m->slots[i];
		if (!s->value) {
			s->key = key, s->value = value;
			m->count++;
			return;
		}
		if (s->key == key) {
			s->value = value;
			return;
		}
	}
}

int64_t idmap_hash_text(const char *s)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return (int64_t)h;
}
