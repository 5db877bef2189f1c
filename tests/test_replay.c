/* test_replay: recordings. Every key form parses to its code and back to the
 * text it is written as; comments, blank lines, CRLF and a missing last newline
 * are taken in stride; each mistake is one error naming the file and line, and
 * leaves nothing behind; limits hold; random bytes never crash the parser; and
 * what the writer records loads back as the same events, while a write that
 * fails is reported with the path. A recording's @start line says where it
 * started, and an older one without it still loads; a cast is one JSON value
 * per line whatever bytes the screen wrote. */
#include "config.h"

#include "cast.h"
#include "replay.h"
#include "tap.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A stand-in for the screen's ncurses names. */
static int resolve(const char *name)
{
	static const struct {
		const char *name;
		int code;
	} keys[] = { { "KEY_NPAGE", 338 }, { "KEY_F(1)", 265 }, { "KEY_RESIZE", 410 } };
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		if (strcmp(name, keys[i].name) == 0)
			return keys[i].code;
	return -1;
}

/* The error parsing text gives ("" when it parses), checking it leaves r empty. */
static char *parse_error(const char *text, replay_resolver fn)
{
	static char msg[512];
	struct replay r = { .n = 99 };
	char *err = NULL;
	int rc = replay_parse(text, "t.rec", fn, &r, &err);
	snprintf(msg, sizeof msg, "%s", err ? err : "");
	if (rc == 0)
		replay_done(&r);
	else if (r.events || r.n || r.cap)
		snprintf(msg, sizeof msg, "error left events behind");
	free(err);
	return msg;
}

/* The single key of "+0 <k>", -1000 if it does not parse. */
static int key_of(const char *k, replay_resolver fn)
{
	char line[64];
	struct replay r;
	char *err = NULL;
	snprintf(line, sizeof line, "+0 %s\n", k);
	if (replay_parse(line, "t.rec", fn, &r, &err)) {
		free(err);
		return -1000;
	}
	int key = r.n == 1 ? r.events[0].key : -1000;
	replay_done(&r);
	return key;
}

static const char *text_of(int key, const char *name)
{
	static char buf[32];
	return replay_key_text(key, name, buf, sizeof buf);
}

static void write_file(const char *path, const char *data, size_t n)
{
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, n, f) != n || fclose(f) != 0) {
		perror(path);
		exit(99);
	}
}

static void test_forms(void)
{
	static const char text[] = "# nplus1 recording\n"
				   "   # an indented comment\n"
				   "\n"
				   "  \t\r\n"
				   "+0 r\r\n"
				   "+1200 KEY_NPAGE\n"
				   "+300 ^C\n"
				   "  +7\tSPACE  \n"
				   "@pause   Look at the counter  \r\n"
				   "@pause\n"
				   "+3600000 \xc3\xa9";
	struct replay r;
	char *err = NULL;
	int rc = replay_parse(text, "t.rec", resolve, &r, &err);
	if (!is_int(rc, 0, "a recording with every kind of line parses"))
		tap_show("error:", err);
	free(err);
	is_int((int64_t)r.n, 7, "seven events: comments, blank lines and CRLF ends are skipped");
	if (r.n != 7)
		return;
	const struct replay_event *e = r.events;
	ok(e[0].kind == REPLAY_KEY && e[0].key == 'r' && e[0].delay_ms == 0 && e[0].line == 5,
	   "'+0 r' on line 5 (after a CRLF): key 'r' after 0 ms");
	ok(e[1].key == 338 && e[1].delay_ms == 1200 && strcmp(e[1].text, "KEY_NPAGE") == 0,
	   "'+1200 KEY_NPAGE': the resolver's 338, 1200 ms, text kept as written");
	ok(e[2].key == 3 && e[2].delay_ms == 300, "'+300 ^C' is 3");
	ok(e[3].key == ' ' && e[3].delay_ms == 7 && e[3].line == 8,
	   "indented, tab-separated, trailing blanks: SPACE after 7 ms");
	ok(e[4].kind == REPLAY_PAUSE && e[4].delay_ms == 0 && e[4].line == 9,
	   "'@pause text' is a pause on line 9");
	is_str(e[4].text, "Look at the counter", "its note is trimmed");
	ok(e[5].kind == REPLAY_PAUSE, "'@pause' alone is a pause");
	is_str(e[5].text, "", "with an empty note");
	ok(e[6].key == 0xe9 && e[6].delay_ms == 3600000 && e[6].line == 11,
	   "the last line, without a newline: U+00E9 after an hour");
	replay_done(&r);
	ok(r.events == NULL && r.n == 0 && r.cap == 0, "replay_done frees and zeroes");

	is_int(key_of("~", NULL), '~', "printable ASCII is its code");
	is_int(key_of("ESC", NULL), 27, "ESC is 27");
	is_int(key_of("TAB", NULL), '\t', "TAB is 9");
	is_int(key_of("ENTER", NULL), '\r', "ENTER is CR");
	is_int(key_of("BACKSPACE", NULL), 127, "BACKSPACE is 127");
	is_int(key_of("^[", NULL), 27, "^[ is 27");
	is_int(key_of("^@", NULL), 0, "^@ is 0");
	is_int(key_of("^c", NULL), 3, "lower-case ^c is 3 too");
	is_int(key_of("^", NULL), '^', "a lone ^ is the caret");
	is_int(key_of("\xc3\xa9", NULL), 0xe9, "UTF-8 'e acute' is U+00E9");
	is_int(key_of("\xf0\x9f\x98\x80", NULL), 0x1f600, "a 4-byte UTF-8 character");
	is_int(key_of("KEY_F(1)", resolve), 265, "the resolver maps KEY_F(1)");
	is_int(key_of("KEY_RESIZE", resolve), 410, "the resolver maps KEY_RESIZE");
	is_int(key_of("007", NULL), -1000, "a word that is not a key does not parse");

	replay_parse(NULL, "t.rec", NULL, &r, &err);
	is_int((int64_t)r.n, 0, "no text is an empty recording");
	replay_done(&r);
}

static void test_errors(void)
{
	is_str(parse_error("+1 a\nhello\n", NULL),
	       "t.rec:2: expected '+MS KEY', '@pause [text]' or a '#' comment",
	       "a line that is no line kind");
	is_str(parse_error("\n\n+x a\n", NULL),
	       "t.rec:3: bad delay 'x': expected milliseconds from 0 to 3600000",
	       "a delay that is not a number");
	is_str(parse_error("+3600001 a", NULL),
	       "t.rec:1: bad delay '3600001': expected milliseconds from 0 to 3600000",
	       "a delay over an hour");
	is_str(parse_error("+-5 a", NULL),
	       "t.rec:1: bad delay '-5': expected milliseconds from 0 to 3600000",
	       "a negative delay");
	is_str(parse_error("+99999999999999999999999 a", NULL),
	       "t.rec:1: bad delay '99999999999999999999999': expected milliseconds from 0 to "
	       "3600000",
	       "a delay that overflows");
	is_str(parse_error("# c\r\n+120\r\n", NULL), "t.rec:2: missing key after '+120'",
	       "a delay without a key");
	is_str(parse_error("+1 a\n+2 KEY_BOGUS\n", resolve), "t.rec:2: unknown key 'KEY_BOGUS'",
	       "a name the resolver does not know");
	is_str(parse_error("+1 KEY_NPAGE\n", NULL), "t.rec:1: unknown key 'KEY_NPAGE'",
	       "without a resolver, names are unknown");
	is_str(parse_error("+5 a b", NULL), "t.rec:1: unexpected text after the key",
	       "text after the key");
	is_str(parse_error("+5 ^?", NULL), "t.rec:1: unknown key '^?'", "^? is not a control key");
	is_str(parse_error("@pause\n@stop now\n", NULL),
	       "t.rec:2: unknown marker '@stop' (markers: @pause, @start)", "an unknown marker");
	is_str(parse_error("@pauses", NULL),
	       "t.rec:1: unknown marker '@pauses' (markers: @pause, @start)",
	       "a marker must be @pause exactly");
	is_str(parse_error("+5 \xc3", NULL), "t.rec:1: invalid UTF-8 in key '?'",
	       "a truncated UTF-8 sequence");
	is_str(parse_error("+5 \xc0\xaf", NULL), "t.rec:1: invalid UTF-8 in key '\?\?'",
	       "an overlong UTF-8 sequence");
	is_str(parse_error("+5 \xed\xa0\x80", NULL), "t.rec:1: invalid UTF-8 in key '\?\?\?'",
	       "a UTF-16 surrogate in UTF-8");
	is_str(parse_error("+5 \xc3\xa9\xc3\xa9", NULL), "t.rec:1: unknown key '\xc3\xa9\xc3\xa9'",
	       "two characters are not one key");
	is_str(parse_error("+5 a\x01\x1b[2J", NULL), "t.rec:1: unknown key 'a??[2J'",
	       "control bytes are not echoed into the error");

	char name[200];
	memset(name, 'K', sizeof name - 1);
	name[sizeof name - 1] = '\0';
	char line[256];
	snprintf(line, sizeof line, "+0 %s", name);
	is_str(parse_error(line, NULL),
	       "t.rec:1: unknown key 'KKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKK...'",
	       "a long name is cut short in the error");
}

static void test_limits(void)
{
	char *text = malloc(4200);
	memset(text, '#', 4096);
	strcpy(text + 4096, "\r\n+1 a\n");
	is_str(parse_error(text, NULL), "", "a line of 4096 bytes (plus CRLF) is fine");
	memset(text, '#', 4097);
	strcpy(text + 4097, "\n");
	is_str(parse_error(text, NULL), "t.rec:1: line too long (more than 4096 bytes)",
	       "a line of 4097 bytes is too long");
	free(text);

	size_t n = 1000001;
	text = malloc(n * 5 + 1);
	for (size_t i = 0; i < n; i++)
		memcpy(text + i * 5, "+0 a\n", 5);
	text[(n - 1) * 5] = '\0';
	struct replay r;
	char *err = NULL;
	int rc = replay_parse(text, "t.rec", NULL, &r, &err);
	ok(rc == 0 && r.n == 1000000, "a million events load");
	free(err), err = NULL;
	replay_done(&r);
	memcpy(text + (n - 1) * 5, "+0 a\n", 6);
	is_str(parse_error(text, NULL), "t.rec:1000001: more than 1000000 events",
	       "the million and first is refused");
	free(text);

	/* A fuzzer's view: random bytes from a small alphabet that reaches every path. */
	static const char alphabet[] = "+@#^ \t\r\n0123456789aA_KEY\xc3\xa9\x80\xff\x01";
	uint32_t seed = 12345;
	bool all_fine = true;
	char buf[512];
	for (int round = 0; round < 20000; round++) {
		size_t len = (seed = seed * 1103515245 + 12345) >> 16 & 0xff;
		for (size_t i = 0; i < len; i++) {
			seed = seed * 1103515245 + 12345;
			buf[i] = alphabet[(seed >> 16) % (sizeof alphabet - 1)];
		}
		buf[len] = '\0';
		err = NULL;
		if (replay_parse(buf, "f", resolve, &r, &err) == 0)
			replay_done(&r);
		else if (!err || strncmp(err, "f:", 2) != 0 || strchr(err, '\n') || r.n)
			all_fine = false;
		free(err);
	}
	ok(all_fine, "20000 random inputs: each parses or gives one error line");
}

static void test_key_text(void)
{
	is_str(text_of('r', NULL), "r", "key_text: printable ASCII is itself");
	is_str(text_of(' ', NULL), "SPACE", "key_text: SPACE");
	is_str(text_of(27, NULL), "ESC", "key_text: ESC");
	is_str(text_of('\t', NULL), "TAB", "key_text: TAB");
	ok(strcmp(text_of('\r', NULL), "ENTER") == 0 && strcmp(text_of('\n', NULL), "ENTER") == 0,
	   "key_text: CR and LF are ENTER");
	is_str(text_of(127, NULL), "BACKSPACE", "key_text: BACKSPACE");
	is_str(text_of(3, NULL), "^C", "key_text: control keys are ^X");
	is_str(text_of(0, NULL), "^@", "key_text: NUL is ^@");
	is_str(text_of(28, NULL), "^\\", "key_text: 28 is ^\\");
	is_str(text_of(0xe9, NULL), "\xc3\xa9", "key_text: 0xe9 is UTF-8 'e acute'");
	is_str(text_of(338, "KEY_NPAGE"), "KEY_NPAGE", "key_text: the screen's name for 338");
	is_str(text_of('q', "ignored"), "q", "key_text: codes below 256 are spelled here");
	is_str(text_of(0x1f600, NULL), "\xf0\x9f\x98\x80", "key_text: an unnamed code point");
	is_str(text_of(-1, NULL), "", "key_text: no text for what is not a key");
	char small[3] = "xx";
	is_str(replay_key_text(127, NULL, small, sizeof small), "BA",
	       "key_text: cut to fit, NUL-terminated");

	bool same = true;
	for (int k = 0; k < 256; k++) {
		int got = key_of(text_of(k, NULL), NULL);
		if (got != (k == '\n' ? '\r' : k)) {
			printf("#   key %d is written '%s', reads back %d\n", k, text_of(k, NULL),
			       got);
			same = false;
		}
	}
	ok(same, "every code 0-255 reads back from its text (LF as ENTER)");
}

static void test_writer(const char *dir)
{
	char path[512], *err = NULL;
	snprintf(path, sizeof path, "%s/rec.txt", dir);
	static const struct {
		bool pause;
		int64_t ms;
		int key;
		const char *name, *note;
	} seq[] = {
		{ .key = 'r' },
		{ .ms = 15, .key = ' ' },
		{ .ms = 1200, .key = 338, .name = "KEY_NPAGE" },
		{ .pause = true, .note = "  Look at\nthe counter \r\n" },
		{ .ms = 40, .key = 3 },
		{ .pause = true },
		{ .ms = 3600000, .key = 0xe9 },
		{ .ms = 5, .key = 265, .name = "KEY_F(1)" },
		{ .ms = 9999999, .key = 27 },
		{ .ms = -5, .key = '\n' },
	};
	size_t n = sizeof seq / sizeof *seq;
	struct replay_writer *w = replay_writer_open(path, &err);
	bool wrote = w != NULL;
	for (size_t i = 0; w && i < n; i++) {
		char buf[32];
		if (!seq[i].pause)
			wrote &= replay_write_key(
					 w, seq[i].ms,
					 replay_key_text(seq[i].key, seq[i].name, buf, sizeof buf),
					 &err) == 0;
		else
			wrote &= replay_write_pause(w, seq[i].note, &err) == 0;
	}
	wrote &= w && replay_writer_close(w, &err) == 0;
	if (!ok(wrote, "the writer records keys and pauses"))
		tap_show("error:", err);
	free(err), err = NULL;

	struct replay r = { 0 };
	int rc = replay_load(path, resolve, &r, &err);
	if (!is_int(rc, 0, "the recording loads"))
		tap_show("error:", err);
	free(err), err = NULL;
	bool same = r.n == n;
	for (size_t i = 0; same && i < n; i++) {
		const struct replay_event *e = &r.events[i];
		int64_t ms = seq[i].ms < 0 ? 0 : seq[i].ms > 3600000 ? 3600000 : seq[i].ms;
		if (!seq[i].pause)
			same = e->kind == REPLAY_KEY && e->delay_ms == ms &&
			       e->key == (seq[i].key == '\n' ? '\r' : seq[i].key);
		else
			same = e->kind == REPLAY_PAUSE;
	}
	ok(same, "it reads back as the same events (delays kept within 0 to an hour)");
	if (same) {
		is_str(r.events[3].text, "Look at the counter", "a note's newline became a space");
		is_str(r.events[5].text, "", "a NULL note is an empty pause");
		is_int(r.events[1].line, 3, "the header comment takes line 1");
	}
	replay_done(&r);

	/* A note too long for one line is cut at a character, not inside one. */
	char *note = malloc(3000 * 2 + 1);
	for (int i = 0; i < 3000; i++)
		memcpy(note + i * 2, "\xc3\xa9", 3);
	w = replay_writer_open(path, &err);
	rc = w ? replay_write_pause(w, note, &err) | replay_writer_close(w, &err) : -1;
	free(note);
	rc |= replay_load(path, NULL, &r, &err);
	ok(rc == 0 && r.n == 1 && strlen(r.events[0].text) == 4088 &&
		   strncmp(r.events[0].text + 4086, "\xc3\xa9", 3) == 0,
	   "a long note is cut to fit the line, at a character");
	free(err), err = NULL;
	replay_done(&r);

	w = replay_writer_open(path, &err);
	ok(w && replay_write_key(w, 1, "a b", &err) == -1, "the writer refuses a key with a blank");
	char want[600];
	snprintf(want, sizeof want, "%s: cannot record key 'a b'", path);
	is_str(err, want, "it names the file and the key");
	free(err), err = NULL;
	ok(w && replay_write_key(w, 1, "", &err) == -1, "and an empty key");
	free(err), err = NULL;
	replay_writer_close(w, &err);
	free(err), err = NULL;

	write_file(path, "+1 a\n\0+2 b\n", 11);
	rc = replay_load(path, NULL, &r, &err);
	ok(rc == 0 && r.n == 1, "a file ends at its first NUL");
	free(err), err = NULL;
	replay_done(&r);

	write_file(path, "+1 a\n+2 ??\n", 11);
	rc = replay_load(path, NULL, &r, &err);
	snprintf(want, sizeof want,
		 "%s:2: unknown key '?"
		 "?'",
		 path);
	ok(rc == -1 && r.n == 0 && r.events == NULL, "a file with a mistake gives no events");
	is_str(err, want, "and an error with the path and line");
	free(err), err = NULL;

	size_t big = 4 << 20;
	char *data = malloc(big + 1);
	memset(data, '\n', big + 1);
	write_file(path, data, big);
	rc = replay_load(path, NULL, &r, &err);
	ok(rc == 0 && r.n == 0, "a file of exactly 4 MB loads");
	free(err), err = NULL;
	write_file(path, data, big + 1);
	rc = replay_load(path, NULL, &r, &err);
	snprintf(want, sizeof want, "%s: larger than 4 MB", path);
	ok(rc == -1 && r.n == 0, "a larger one does not");
	is_str(err, want, "it says so, with the path");
	free(err), err = NULL;
	free(data);
	unlink(path);

	rc = replay_load(path, NULL, &r, &err);
	snprintf(want, sizeof want, "%s: cannot read: %s", path, strerror(ENOENT));
	is_str(err, want, "a missing file: the path and why");
	free(err), err = NULL;

	rc = replay_load(dir, NULL, &r, &err);
	snprintf(want, sizeof want, "%s: cannot read: %s", dir, strerror(EISDIR));
	is_str(err, want, "a directory: cannot read");
	free(err), err = NULL;

	snprintf(path, sizeof path, "%s/missing/rec.txt", dir);
	w = replay_writer_open(path, &err);
	snprintf(want, sizeof want, "%s: cannot create: %s", path, strerror(ENOENT));
	ok(w == NULL, "the writer cannot create a file in a missing directory");
	is_str(err, want, "and names it");
	free(err), err = NULL;

	if (access("/dev/full", W_OK) != 0) {
		ok(1, "# SKIP no /dev/full");
		ok(1, "# SKIP no /dev/full");
		return;
	}
	w = replay_writer_open("/dev/full", &err);
	snprintf(want, sizeof want, "/dev/full: cannot write: %s", strerror(ENOSPC));
	ok(w == NULL, "a full disk: open fails when it flushes the header");
	is_str(err, want, "with the path and the reason");
	free(err), err = NULL;
	replay_writer_close(w, &err);
}

/* @start: where a recording started, written and read back; older recordings
 * have none; each mistake names the file and line. */
static void test_start(const char *dir)
{
	struct replay r;
	char *err = NULL;
	int rc = replay_parse("# old\n+1 r\n", "t.rec", NULL, &r, &err);
	ok(rc == 0 && r.n == 1 && !r.start.known,
	   "a recording without @start loads, start unknown");
	replay_done(&r);
	rc = replay_parse("@start version=0.3.0 lesson=3 step=2 size=200x56 pace=4 present=1 "
			  "later=word\n+1 r\n",
			  "t.rec", NULL, &r, &err);
	ok(rc == 0 && r.start.known && r.start.lesson == 3 && r.start.step == 2 &&
		   r.start.cols == 200 && r.start.lines == 56 && r.start.pace == 4 &&
		   r.start.present == 1 && strcmp(r.start.version, "0.3.0") == 0 && r.n == 1,
	   "@start gives version, lesson, step, size, pace and projection (a later word skipped)");
	replay_done(&r);
	free(err), err = NULL;
	is_str(parse_error("@start lesson=0\n", NULL),
	       "t.rec:1: @start: bad lesson '0': expected 1 to 99", "a lesson out of range");
	is_str(parse_error("@start size=80x99999\n", NULL),
	       "t.rec:1: @start: bad size '99999': expected 1 to 1000",
	       "a size no terminal has (a cast would allocate it)");
	is_str(parse_error("@start size=80\n", NULL),
	       "t.rec:1: @start: bad size '80': expected COLSxLINES", "a size without its x");
	is_str(parse_error("@start lesson\n", NULL),
	       "t.rec:1: @start: expected NAME=VALUE, not 'lesson'", "a word without a value");
	is_str(parse_error("+1 r\n@start lesson=2\n", NULL),
	       "t.rec:2: @start after the first event", "@start after an event");
	is_str(parse_error("@start\n@start\n", NULL), "t.rec:2: a second @start line",
	       "two @start lines");

	char path[256];
	snprintf(path, sizeof path, "%s/start.rec", dir);
	struct replay_writer *w = replay_writer_open(path, &err);
	struct replay_start st = { .known = 1,
				   .version = "1.2.3",
				   .lesson = 4,
				   .step = 3,
				   .cols = 160,
				   .lines = 45,
				   .pace = 2 };
	rc = w ? replay_write_start(w, &st, &err) | replay_write_key(w, 5, "r", &err) |
			     replay_writer_close(w, &err)
	       : -1;
	rc |= replay_load(path, NULL, &r, &err);
	ok(rc == 0 && r.start.known && r.start.lesson == 4 && r.start.step == 3 &&
		   r.start.cols == 160 && r.start.lines == 45 && r.start.pace == 2 &&
		   !r.start.present && !strcmp(r.start.version, "1.2.3") && r.n == 1,
	   "the writer's @start reads back the same");
	replay_done(&r);
	free(err), err = NULL;
	unlink(path);
}

/* A cast: the header, then one JSON array per chunk, whatever bytes came. */
static void test_cast(const char *dir)
{
	char path[256], *err = NULL, text[1024] = "";
	snprintf(path, sizeof path, "%s/t.cast", dir);
	struct cast *c = cast_open(path, 80, 24, "a \"title\"", &err);
	int rc = c ? 0 : -1;
	if (c) {
		rc |= cast_output(c, 0.5, "\x1b[H\"\\\xe2\x94", 7); /* cut inside a character */
		rc |= cast_output(c, 0.25, "\x80x\xff", 3);	    /* time never goes back */
		rc |= cast_close(c, &err);
	}
	FILE *f = fopen(path, "r");
	size_t n = f ? fread(text, 1, sizeof text - 1, f) : 0;
	text[n] = '\0';
	if (f)
		fclose(f);
	is_int(rc, 0, "a cast is written");
	is_str(text,
	       "{\"version\": 2, \"width\": 80, \"height\": 24, \"title\": \"a \\\"title\\\"\", "
	       "\"env\": {\"TERM\": \"xterm-256color\"}}\n"
	       "[0.500000, \"o\", \"\\u001b[H\\\"\\\\\"]\n"
	       "[0.500000, \"o\", \"\xe2\x94\x80x\xef\xbf\xbd\"]\n",
	       "escaped JSON, a cut character joined to its end, a bad byte as U+FFFD");
	free(err);
	unlink(path);
	c = cast_open("/nonexistent/dir/t.cast", 80, 24, NULL, &err);
	ok(!c && err && strstr(err, "/nonexistent/dir/t.cast: cannot create"),
	   "a cast that cannot be created says where");
	free(err);
}

int main(void)
{
	char dir[] = "/tmp/test_replay.XXXXXX";
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 99;
	}
	test_forms();
	test_errors();
	test_limits();
	test_key_text();
	test_writer(dir);
	test_start(dir);
	test_cast(dir);
	rmdir(dir);
	return tap_done();
}
