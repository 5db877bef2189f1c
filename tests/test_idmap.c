/* test_idmap: the identity map's hash (src/idmap.c). What it stores comes back;
 * consecutive ids keep their order in the table, so a run that reads rows by id
 * walks it (the cache misses of a mixed hash cost joined collections a third of
 * their ORM time); ids with a common power-of-two stride, or texts' hashes,
 * still spread out, so no probe sequence grows long. */
#include "config.h"

#include "idmap.h"
#include "tap.h"

#include <stdlib.h>

/* The longest run of occupied slots: what a probe may have to walk. */
static size_t longest_cluster(const struct idmap *m)
{
	size_t longest = 0, run = 0;
	for (size_t i = 0; i <= 2 * m->mask + 1; i++) { /* twice round: runs wrap */
		run = m->slots[i & m->mask].value ? run + 1 : 0;
		longest = run > longest ? run : longest;
	}
	return longest;
}

static int all_there(const struct idmap *m, const int64_t *keys, int n)
{
	for (int i = 0; i < n; i++)
		if (idmap_get(m, keys[i]) != &keys[i])
			return 0;
	return 1;
}

static void test_basics(void)
{
	struct idmap m;
	int a, b, c;
	idmap_init(&m);
	ok(idmap_get(&m, 1) == NULL, "an empty map has nothing");
	idmap_put(&m, 1, &a);
	idmap_put(&m, -7, &b);
	idmap_put(&m, idmap_hash_text("SELECT 1"), &c);
	ok(idmap_get(&m, 1) == &a && idmap_get(&m, -7) == &b &&
		   idmap_get(&m, idmap_hash_text("SELECT 1")) == &c,
	   "what is put comes back, negative keys and texts' hashes too");
	idmap_put(&m, 1, &c);
	ok(idmap_get(&m, 1) == &c && m.count == 3, "a second put replaces the value");
	ok(idmap_get(&m, 2) == NULL, "a key never put is not there");
	idmap_clear(&m);
	ok(idmap_get(&m, 1) == NULL && m.count == 0 && m.slots, "clear forgets, keeping the table");
	idmap_done(&m);
}

static void test_order_kept(void)
{
	enum { N = 10000 };
	int64_t *keys = malloc(N * sizeof *keys);
	struct idmap m;
	idmap_init(&m);
	idmap_reserve(&m, N);
	for (int i = 0; i < N; i++) {
		keys[i] = i + 1;
		idmap_put(&m, keys[i], &keys[i]);
	}
	int in_order = 1;
	for (int i = 0; i < N; i++)
		in_order &= m.slots[(size_t)keys[i] & m.mask].key == keys[i];
	ok(in_order, "ids 1 to 10,000 sit in the table in their order (a run walks it)");
	ok(all_there(&m, keys, N), "and every one is found");
	idmap_done(&m);
	free(keys);
}

static void test_spread(void)
{
	enum { N = 100000 };
	int64_t *keys = malloc(N * sizeof *keys);
	struct idmap m;
	idmap_init(&m);
	for (int i = 0; i < N; i++) {
		keys[i] = (int64_t)(i + 1) << 16; /* UPDATE customers SET id = id * 65536 */
		idmap_put(&m, keys[i], &keys[i]);
	}
	size_t longest = longest_cluster(&m);
	ok(longest < 64, "100,000 ids 65,536 apart spread out: longest cluster %zu slots", longest);
	ok(all_there(&m, keys, N), "and every one is found");
	idmap_clear(&m);
	for (int i = 0; i < N; i++) {
		keys[i] = idmap_hash_text((char[]){ (char)('a' + i % 26), (char)('a' + i / 26 % 26),
						    (char)('a' + i / 676 % 26),
						    (char)('a' + i / 17576), 0 });
		idmap_put(&m, keys[i], &keys[i]);
	}
	longest = longest_cluster(&m);
	ok(longest < 64, "texts' hashes spread out: longest cluster %zu slots", longest);
	idmap_done(&m);
	free(keys);
}

int main(void)
{
	test_basics();
	test_order_kept();
	test_spread();
	return tap_done();
}
