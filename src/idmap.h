/* idmap: an open-addressing hash from a 64-bit key to a pointer, O(1) expected.
 * Used for the Session's identity map (primary key -> object) and for grouping
 * rows by foreign key, and, keyed by idmap_hash_text(), for texts (the statement
 * cache, the log's groups). It borrows the values; it never frees them. */
#ifndef NPLUS1_IDMAP_H
#define NPLUS1_IDMAP_H

#include <stddef.h>
#include <stdint.h>

struct idmap_slot {
	int64_t key;
	void *value; /* NULL marks an empty slot */
};

struct idmap {
	struct idmap_slot *slots;
	size_t mask, count;
	int bits; /* mask's: the table holds 1 << bits slots */
};

void idmap_init(struct idmap *m);
void idmap_done(struct idmap *m);
/* Room for n entries without growing (a loader knows how many keys come). */
void idmap_reserve(struct idmap *m, size_t n);
/* Forget every entry, keeping the memory for reuse. */
void idmap_clear(struct idmap *m);
/* The value stored for key, or NULL. */
void *idmap_get(const struct idmap *m, int64_t key);
/* Store value (non-NULL) for key, replacing any earlier value. */
void idmap_put(struct idmap *m, int64_t key, void *value);
/* A key for text (FNV-1a), for maps of text kept as chains of equal hashes. */
int64_t idmap_hash_text(const char *s);

#endif
