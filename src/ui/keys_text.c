/* keys_text: how the key table's keys are named: the key bar, the help
 * overlay's rows, the man page's KEYS section, and the key lesson text names
 * ({key NAME}) in the screen's mode. */
#include "config.h"

#include "ui/app.h"
#include "ui/keys.h"
#include "ui/keys_table.h"

#include <ctype.h>
#include <curses.h>
#include <stdio.h>
#include <string.h>

static void append(char *buf, size_t size, const char *sep, const char *s);

static const char *key_label(int ch)
{
	static const struct {
		int ch;
		const char *label;
	} special[] = {
		{ ' ', "space" },	{ '\t', "Tab" },       { 27, "Esc" },
		{ '\r', "Enter" },	{ 3, "Ctrl-C" },       { KEY_LEFT, "Left" },
		{ KEY_RIGHT, "Right" }, { KEY_UP, "Up" },      { KEY_DOWN, "Down" },
		{ KEY_PPAGE, "PgUp" },	{ KEY_NPAGE, "PgDn" }, { KEY_HOME, "Home" },
		{ KEY_END, "End" },	{ KEY_F(1), "F1" },    { KEY_BTAB, "Shift-Tab" },
	};
	static char printable[128][2];
	for (size_t i = 0; i < sizeof special / sizeof *special; i++)
		if (special[i].ch == ch)
			return special[i].label;
	if (ch > 0x20 && ch < 0x7f) {
		printable[ch][0] = (char)ch;
		return printable[ch];
	}
	return NULL;
}

const char *keys_name(const struct app *a, const char *name)
{
	/* The text is read on the idle screen: the keys as they work there, in
	 * this mode (presenting takes b), with a recording's marker key taken. */
	unsigned state = KEYS_IDLE | (keys_state(a) & (KEYS_PRESENT | KEYS_RECORD));
	const char *fallback = NULL;
	for (const struct key *k = keys_table; k < keys_table + keys_table_size; k++) {
		if (!k->name || strcmp(k->name, name) != 0)
			continue;
		for (int i = 0; i < KEYS_MAX && k->keys[i] && k->keys[i] != ANY; i++) {
			const struct key *got = keys_lookup(k->keys[i], state, a->focus, L_INPUT);
			const char *label = key_label(k->keys[i]);
			if (got && got->name && strcmp(got->name, name) == 0 && label)
				return label;
			fallback = fallback ? fallback : label;
		}
	}
	return fallback; /* no key does it here (another state's key): its own */
}

bool keys_known(const char *name)
{
	for (const struct key *k = keys_table; k < keys_table + keys_table_size; k++)
		if (k->name && strcmp(k->name, name) == 0)
			return true;
	return false;
}

void keys_names(char *buf, size_t size)
{
	buf[0] = '\0';
	for (const struct key *k = keys_table; k < keys_table + keys_table_size; k++) {
		bool seen = false;
		for (const struct key *j = keys_table; j < k && k->name && !seen; j++)
			seen = j->name && strcmp(j->name, k->name) == 0;
		if (k->name && !seen)
			append(buf, size, buf[0] ? ", " : "", k->name);
	}
}

int keys_bar(unsigned state, const char **key, const char **label, int max)
{
	int n = 0;
	for (bool found = true; found && n < max;) {
		found = false;
		for (const struct key *k = keys_table; k < keys_table + keys_table_size && !found;
		     k++)
			if (k->bar == n + 1 && keys_applies(k, state)) {
				key[n] = k->bar_key;
				label[n++] = k->bar_label;
				found = true;
			}
	}
	return n;
}

static void append(char *buf, size_t size, const char *sep, const char *s)
{
	size_t n = strlen(buf);
	snprintf(buf + n, size - n, "%s%s", sep, s);
}

/* Row i of the help (the man page's, with man); false past the end. */
static bool help_row(int i, bool man, char *keys, size_t keys_size, char *text, size_t text_size)
{
	int row = -1;
	keys[0] = text[0] = '\0';
	for (const struct key *k = keys_table; k < keys_table + keys_table_size; k++) {
		if (!k->help)
			continue;
		row += !k->join;
		if (row == i) {
			append(keys, keys_size, k->join ? "  " : "", k->label);
			append(text, text_size, k->join ? "; " : "",
			       man && k->man ? k->man : k->help);
		}
	}
	return row >= i;
}

bool keys_help(int i, char *keys, size_t keys_size, char *text, size_t text_size)
{
	return help_row(i, false, keys, keys_size, text, text_size);
}

bool keys_man_row(int i, char *keys, size_t keys_size, char *text, size_t text_size)
{
	return help_row(i, true, keys, keys_size, text, text_size);
}
