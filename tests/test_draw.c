/* test_draw: the measuring under every pane (src/ui/draw.c): widths in display
 * columns, fitting and wrapping at spaces, and the bound that keeps scrolling a
 * long step linear: fitting a line reads only as far as the line can reach. A
 * paragraph sits against a page no one may read; measuring all that was left of
 * it for every line (issue 16: a long lesson scrolled at 0.7 s a key) ran into
 * that page. */
#include "config.h"

#include "tap.h"
#include "ui/draw.h"

#include <locale.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static void test_measure(void)
{
	is_int(draw_width("héllo", strlen("héllo")), 5, "é is one column");
	is_int(draw_width("日本", strlen("日本")), 4, "a CJK character is two");
	is_int((int64_t)draw_fit("hello world", 5), 5, "5 columns of hello world: hello");
	is_int((int64_t)draw_fit("日本語", 5), 6,
	       "5 columns hold two CJK characters, not half a third");
	is_int((int64_t)draw_fit("one\ntwo", 20), 3, "fitting stops at a newline");
	const char *next;
	size_t n = draw_wrap("hello wide world", 12, &next);
	ok(n == 10 && strcmp(next, "world") == 0, "wrapped at the last space that fits");
	n = draw_wrap("abcdefghij", 4, &next);
	ok(n == 4 && strcmp(next, "efghij") == 0, "a word longer than the line breaks");
}

/* The last len bytes of a page whose successor may not be read; NULL when
 * the system will not map one. */
static char *against_guard(size_t len, size_t *page)
{
	*page = (size_t)sysconf(_SC_PAGESIZE);
	char *p = mmap(NULL, 2 * *page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED || mprotect(p + *page, *page, PROT_NONE))
		return NULL;
	return p + *page - len;
}

static void test_bounded(void)
{
	size_t page;
	char *words = against_guard(4096, &page);
	if (!words) {
		for (int i = 0; i < 3; i++)
			ok(1, "bounded reads # SKIP no guard page");
		return;
	}
	/* "xxxxxx " repeated to the guard page, no NUL: a paragraph's middle */
	for (size_t i = 0; i < 4096; i++)
		words[i] = i % 7 == 6 ? ' ' : 'x';
	is_int((int64_t)draw_fit(words, 40), 40, "fitting 40 columns reads only what they reach");
	const char *s = words, *next;
	int rows = 0;
	/* wrap it line by line, as the lesson pane does, while the most a line may
	 * look at (8 bytes a column and a margin) is before the guard */
	while (s + 76 * 8 + 64 <= words + 4096) {
		draw_wrap(s, 76, &next);
		s = next;
		rows++;
	}
	ok(rows > 40, "and so does wrapping it line by line (%d lines)", rows);
	char *one = words + 4096 - 10 * 8 - 64; /* a word to the guard, unterminated */
	memset(one, 'y', 10 * 8 + 64);
	is_int((int64_t)draw_fit(one, 10), 10,
	       "a word running into the guard is measured to 10 columns");
	munmap(words + 4096 - page, 2 * page);
}

int main(void)
{
	if (!setlocale(LC_ALL, "C.UTF-8") && !setlocale(LC_ALL, "en_US.UTF-8")) {
		printf("1..0 # SKIP no UTF-8 locale\n");
		return 77;
	}
	test_measure();
	test_bounded();
	return tap_done();
}
