/* test_keys: the key table is the one source for the key bar, the help overlay
 * and nplus1.1.in's KEYS section, and the dispatcher answers keys by state.
 *
 *   tests/test_keys          the checks (TAP)
 *   tests/test_keys --man    the KEYS section as the table says it, to paste
 *                            into nplus1.1.in after changing a key */
#include "config.h"

#include "tap.h"
#include "ui/app.h"
#include "ui/keys.h"
#include "ui/keys_man.h"

#include <curses.h>
#include <stdlib.h>

/* The .TP/.B lines between ".SS Keys" and the next section of the man page. */
static char *man_section(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	char line[1024], *out = calloc(1, 65536);
	size_t n = 0;
	bool in = false;
	while (fgets(line, sizeof line, f)) {
		if (in && (strncmp(line, ".SS", 3) == 0 || strncmp(line, ".SH", 3) == 0))
			break;
		if (in && n + strlen(line) < 65535)
			n += (size_t)sprintf(out + n, "%s", line);
		if (strcmp(line, ".SS Keys\n") == 0)
			in = true;
	}
	fclose(f);
	return out;
}

static char *table_section(void)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);
	keys_man(f);
	fclose(f);
	return buf;
}

/* The bar as draw_keybar lays it out: "key label" pairs two spaces apart. */
static void bar_text(unsigned state, char *buf, size_t size)
{
	const char *key[16], *label[16];
	int n = keys_bar(state, key, label, 16);
	buf[0] = '\0';
	for (int i = 0; i < n; i++)
		snprintf(buf + strlen(buf), size - strlen(buf), "%s %s  ", key[i], label[i]);
}

static enum act act_of(struct app *a, int ch)
{
	struct action x = keys_dispatch(a, ch);
	enum act act = x.act;
	action_done(&x);
	return act;
}

static void test_man(void)
{
	const char *top = getenv("top_srcdir");
	char path[4096];
	snprintf(path, sizeof path, "%s/nplus1.1.in", top ? top : ".");
	char *man = man_section(path), *table = table_section();
	ok(man != NULL, "nplus1.1.in is readable at %s", path);
	is_str(man, table,
	       "nplus1.1.in's KEYS section lists what the key table says "
	       "(tests/test_keys --man prints it)");
	free(man);
	free(table);
}

static void test_bar_and_help(void)
{
	char buf[256], keys[64], text[256];
	bar_text(KEYS_IDLE, buf, sizeof buf);
	is_str(buf,
	       "r run  : prompt  Tab focus  g group  b bench  ? help  q quit  Right/PgDn next  ",
	       "the idle key bar names the same keys, and how to go on");
	bar_text(KEYS_RUNNING, buf, sizeof buf);
	is_str(buf, "space pause  +/- speed  Esc stop  q quit  ",
	       "a live run's key bar names its own keys");
	int n = 0;
	while (keys_help(n, keys, sizeof keys, text, sizeof text))
		n++;
	is_int(n, 20, "the help overlay has a row per key or pair of keys");
	keys_help(0, keys, sizeof keys, text, sizeof text);
	is_str(keys, "r", "its first row is r");
	keys_help(n - 1, keys, sizeof keys, text, sizeof text);
	is_str(keys, "? F1  q  ^L", "joined entries share a row: their keys");
	is_str(text, "this help; quit (Ctrl-C too); repaint the screen", "and what they do");
}

static void test_dispatch(void)
{
	struct app a = { .focus = -1 };
	is_int(act_of(&a, 'q'), ACT_QUIT, "idle: q quits");
	is_int(act_of(&a, '?'), ACT_HELP, "idle: ? opens the help");
	is_int(act_of(&a, KEY_RESIZE), ACT_RELAYOUT, "a resize relays the screen out");
	a.help = true;
	is_int(act_of(&a, 'q'), ACT_HELP_CLOSE, "with the help open, any key closes it");
	is_int(act_of(&a, KEY_MOUSE), ACT_NONE, "but a click does not");
	a.help = false;
	a.present = true;
	is_int(act_of(&a, 'b'), ACT_BLANK, "presenting: b blanks the screen");
	is_int(act_of(&a, 'B'), ACT_BENCH, "and B still times the strategies");
	a.blank = true;
	is_int(act_of(&a, 'r'), ACT_NONE, "a blank screen ignores r");
	is_int(act_of(&a, '.'), ACT_BLANK, "and . brings it back");
	a.blank = a.present = false;
	a.run.busy = RUN_LIVE;
	is_int(act_of(&a, ' '), ACT_PAUSE, "during a live run space pauses");
	is_int(act_of(&a, 'r'), ACT_NONE, "and r does nothing");
	is_int(act_of(&a, 27), ACT_CANCEL, "Esc stops the run");
	a.run.busy = RUN_SQL;
	is_int(act_of(&a, 27), ACT_CANCEL, "Esc stops a learner's SQL");
	is_int(act_of(&a, 'q'), ACT_NONE, "which q does not");
	a.run.busy = RUN_IDLE;
	a.course.confirm_reset = true;
	struct action x = keys_dispatch(&a, 'y');
	ok(x.act == ACT_CONFIRM && x.n == 1, "a pending question takes y as yes");
	x = keys_dispatch(&a, 'n');
	ok(x.act == ACT_CONFIRM && x.n == 0, "and any other key as no");
	is_int(act_of(&a, 'q'), ACT_QUIT, "though q still quits");
	is_int(keys_input('M', KEYS_RECORD), ACT_MARK, "recording: M is a marker");
	is_int(keys_input('M', KEYS_IDLE), ACT_NONE, "not recording: M is just a key");
	is_int(keys_input('<', KEYS_REPLAY), ACT_REPLAY_BACK, "replaying: < steps back");
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--man") == 0) {
		keys_man(stdout);
		return 0;
	}
	test_man();
	test_bar_and_help();
	test_dispatch();
	return tap_done();
}
