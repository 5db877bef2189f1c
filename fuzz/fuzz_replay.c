/* fuzz_replay: replay_parse on any text, with a resolver that knows a few ncurses
 * key names, then replay_key_text on every key, as the recorder writes it.
 *
 * Promises checked: a parse gives events, in line order, or one error line
 * "path:line: ..." and an empty struct; every key event keeps its text, pauses
 * have no delay, delays are 0 to one hour; and a key written by replay_key_text
 * reads back as the same code (but a ^J, which the recorder writes as ENTER,
 * reads back as ^M). The input's first four bytes are also a key code for
 * replay_key_text, which must write any code as a terminated text. */
#include "config.h"

#include "fuzz.h"
#include "replay.h"

#include <stdbool.h>

#define PATH "fuzz.rec"

/* Some of ncurses' codes (the replay format stores whatever the screen resolves). */
static const struct {
	const char *name;
	int code;
} keys[] = {
	{ "KEY_DOWN", 258 },  { "KEY_UP", 259 },	{ "KEY_LEFT", 260 },  { "KEY_RIGHT", 261 },
	{ "KEY_HOME", 262 },  { "KEY_BACKSPACE", 263 }, { "KEY_F(1)", 265 },  { "KEY_F(10)", 274 },
	{ "KEY_NPAGE", 338 }, { "KEY_PPAGE", 339 },	{ "KEY_ENTER", 343 }, { "KEY_BTAB", 353 },
	{ "KEY_END", 360 },   { "KEY_RESIZE", 410 },
};

static int resolve(const char *name)
{
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		if (!strcmp(name, keys[i].name))
			return keys[i].code;
	return -1;
}

/* keyname(): the resolver backwards, NULL for a code it has no name for. */
static const char *name_of(int code)
{
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		if (keys[i].code == code)
			return keys[i].name;
	return NULL;
}

/* Write key as the recorder does, read it back: the code it replays as. */
static int round_trip(int key)
{
	char buf[64], line[80], *err = NULL;
	struct replay r;
	replay_key_text(key, key >= 256 ? name_of(key) : NULL, buf, sizeof buf);
	FUZZ_CHECK(*buf, "a parsed key has a text");
	snprintf(line, sizeof line, "+0 %s\n", buf);
	int rc = replay_parse(line, PATH, resolve, &r, &err);
	if (rc != 0)
		fprintf(stderr, "key %d written as '%s': %s\n", key, buf, err);
	FUZZ_CHECK(rc == 0 && r.n == 1, "a written key reads back");
	int back = r.events[0].key;
	replay_done(&r);
	return back;
}

/* The recorder's side: whatever code the screen hands over, any int, is written
 * as a NUL-terminated text that fits the buffer. */
static void write_any(const uint8_t *data, size_t size)
{
	uint32_t u = 0;
	memcpy(&u, data, size < sizeof u ? size : sizeof u);
	int key = (int)u;
	char buf[64];
	replay_key_text(key, NULL, buf, sizeof buf);
	FUZZ_CHECK(strlen(buf) < sizeof buf, "replay_key_text terminates its text");
	replay_key_text(key, key >= 256 ? "KEY_F(63)" : NULL, buf, sizeof buf);
	FUZZ_CHECK(strlen(buf) < sizeof buf, "replay_key_text terminates its text");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	write_any(data, size);
	char *text = fuzz_text(data, size), *err = NULL;
	struct replay r;
	if (replay_parse(text, PATH, resolve, &r, &err) != 0) {
		FUZZ_CHECK(fuzz_one_line(err), "the error is one line");
		FUZZ_CHECK(!strncmp(err, PATH ":", sizeof PATH), "the error names the file");
		FUZZ_CHECK(r.n == 0 && !r.events, "an error leaves no events");
		free(err);
		free(text);
		return 0;
	}
	FUZZ_CHECK(!err, "success leaves *err alone");
	for (size_t i = 0; i < r.n; i++) {
		const struct replay_event *e = &r.events[i];
		FUZZ_CHECK(e->text, "an event keeps its text");
		FUZZ_CHECK(e->line > (i ? r.events[i - 1].line : 0), "events are in line order");
		FUZZ_CHECK(e->delay_ms >= 0 && e->delay_ms <= 3600000, "delay within an hour");
		if (e->kind == REPLAY_PAUSE) {
			FUZZ_CHECK(e->delay_ms == 0, "a pause has no delay");
			continue;
		}
		char small[4], buf[64];
		/* A short buffer must cut, never overrun; a zero size must not write. */
		replay_key_text(e->key, name_of(e->key), small, sizeof small);
		FUZZ_CHECK(strlen(small) < sizeof small, "replay_key_text cuts to size");
		replay_key_text(e->key, name_of(e->key), buf, 0);
		replay_key_text(e->key, NULL, buf, sizeof buf);
		int back = round_trip(e->key);
		bool same = back == e->key || (e->key == '\n' && back == '\r');
		if (!same)
			fprintf(stderr, "key '%s' (%d) reads back as %d\n", e->text, e->key, back);
		FUZZ_CHECK(same, "a key reads back as the same code");
	}
	replay_done(&r);
	FUZZ_CHECK(r.n == 0 && !r.events, "replay_done empties the recording");
	free(text);
	return 0;
}
