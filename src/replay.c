/* replay: see replay.h.
 *
 * One pass over the text, a line at a time: each line is copied (CR stripped,
 * at most LINE_MAX_BYTES) into a buffer, trimmed, and is a comment, a marker or
 * a key. Nothing recurses and every loop consumes a line or a byte, so any
 * input, a fuzzer's included, ends in a recording or in one error; the text
 * ends at its first NUL.
 *
 * Invariants: the first error wins and stops the parse, and a recording is
 * handed out only whole; on error the caller's struct is left empty. Text
 * echoed in an error is cut short and has its control bytes and broken UTF-8
 * replaced, so the error stays one printable line.
 *
 * The writer flushes after every event: a recording is most wanted after a
 * crash, and a full disk should be reported while the person is still there.
 * It writes only what the parser reads back as the same events. */
#include "config.h"

#include "replay.h"
#include "util.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	LINE_MAX_BYTES = 4096,
	FILE_MAX_BYTES = 4 << 20,
	EVENTS_MAX = 1000000,
	DELAY_MAX = 3600000,
	SHOW_MAX = 40,	      /* bytes of a quoted token in an error */
	SIZE_MAX_CELLS = 1000 /* a terminal's columns or lines: a cast's screen is this big */
};

/* The control keys spelled by name; the rest are "^X". */
static const struct named_key {
	const char *name;
	int key;
} named_keys[] = {
	{ "SPACE", ' ' }, { "ESC", 27 }, { "TAB", '\t' }, { "ENTER", '\r' }, { "BACKSPACE", 127 },
};

static int is_blank(char c) { return c == ' ' || c == '\t'; }

/* The code point of the UTF-8 character at s (n bytes available) in *cp, and
 * its length; 0 for an invalid, overlong, surrogate or out-of-range sequence. */
static size_t utf8_decode(const unsigned char *s, size_t n, long *cp)
{
	static const long min[] = { 0, 0, 0x80, 0x800, 0x10000 };
	size_t len;
	long c;
	if (n == 0)
		return 0;
	if (s[0] < 0x80)
		len = 1, c = s[0];
	else if ((s[0] & 0xe0) == 0xc0)
		len = 2, c = s[0] & 0x1f;
	else if ((s[0] & 0xf0) == 0xe0)
		len = 3, c = s[0] & 0x0f;
	else if ((s[0] & 0xf8) == 0xf0)
		len = 4, c = s[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min[len] || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

/* UTF-8 for a Unicode scalar value into out (4 bytes), and its length; 0 for
 * anything else. */
static size_t utf8_encode(long cp, char *out)
{
	if (cp < 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

static int valid_utf8(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strlen(s);
	long cp;
	for (size_t i = 0, len; i < n; i += len)
		if ((len = utf8_decode(u + i, n - i, &cp)) == 0)
			return 0;
	return 1;
}

/* s made fit to quote in a one-line error: at most SHOW_MAX bytes then "...",
 * control bytes and broken UTF-8 shown as '?'. Into out (SHOW_MAX + 4 bytes). */
static const char *show(const char *s, char *out)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strlen(s), o = 0, i = 0;
	while (i < n) {
		long cp;
		size_t len = utf8_decode(u + i, n - i, &cp);
		if (len == 0 || cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
			len = len ? len : 1, cp = -1;
		if (o + (cp < 0 ? 1 : len) > SHOW_MAX)
			break;
		if (cp < 0)
			out[o++] = '?';
		else
			memcpy(out + o, s + i, len), o += len;
		i += len;
	}
	if (i < n)
		memcpy(out + o, "...", 3), o += 3;
	out[o] = '\0';
	return out;
}

/* The code of the key written as k in *key; NULL, or the error. */
static char *key_code(const char *k, replay_resolver resolve, int *key)
{
	size_t n = strlen(k);
	char shown[SHOW_MAX + 4];
	long cp;
	if (n == 1 && k[0] >= 0x21 && k[0] <= 0x7e) {
		*key = k[0];
		return NULL;
	}
	for (size_t i = 0; i < sizeof named_keys / sizeof *named_keys; i++) {
		if (strcmp(k, named_keys[i].name) == 0) {
			*key = named_keys[i].key;
			return NULL;
		}
	}
	if (n == 2 && k[0] == '^' &&
	    ((k[1] >= '@' && k[1] <= '_') || (k[1] >= 'a' && k[1] <= 'z'))) {
		*key = k[1] & 0x1f;
		return NULL;
	}
	if (!valid_utf8(k))
		return util_printf("invalid UTF-8 in key '%s'", show(k, shown));
	if ((unsigned char)k[0] >= 0x80 && utf8_decode((const unsigned char *)k, n, &cp) == n) {
		*key = (int)cp;
		return NULL;
	}
	int code = resolve ? resolve(k) : -1;
	if (code < 0)
		return util_printf("unknown key '%s'", show(k, shown));
	*key = code;
	return NULL;
}

static char *push(struct replay *r, enum replay_kind kind, int64_t delay, int key, const char *text,
		  int line)
{
	if (r->n >= EVENTS_MAX)
		return util_printf("more than %d events", EVENTS_MAX);
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 64;
		r->cap = cap < EVENTS_MAX ? cap : EVENTS_MAX;
		r->events = util_realloc(r->events, r->cap * sizeof *r->events);
	}
	r->events[r->n++] = (struct replay_event){
		.kind = kind, .delay_ms = delay, .key = key, .text = util_strdup(text), .line = line
	};
	return NULL;
}

/* A NAME=VALUE number of @start in [lo, hi] into *out; NULL or the error. */
static char *start_number(const char *name, const char *v, long lo, long hi, int *out)
{
	char shown[SHOW_MAX + 4];
	long n = 0;
	int bad = *v == '\0';
	for (const char *c = v; *c && !bad; c++)
		bad = *c < '0' || *c > '9' || (n = n * 10 + (*c - '0')) > hi;
	if (bad || n < lo)
		return util_printf("@start: bad %s '%s': expected %ld to %ld", name, show(v, shown),
				   lo, hi);
	*out = (int)n;
	return NULL;
}

/* "@start NAME=VALUE ..." (s after the word) into r->start; NULL or the error. */
static char *parse_start(struct replay *r, char *s)
{
	char shown[SHOW_MAX + 4];
	if (r->start.known)
		return util_printf("a second @start line");
	if (r->n > 0)
		return util_printf("@start after the first event");
	r->start.known = 1;
	while (*s) {
		while (is_blank(*s))
			s++;
		char *name = s, *eq = NULL, *msg = NULL;
		while (*s && !is_blank(*s))
			eq = !eq && *s == '=' ? s : eq, s++;
		if (*s)
			*s++ = '\0';
		if (!*name)
			break;
		if (!eq)
			return util_printf("@start: expected NAME=VALUE, not '%s'",
					   show(name, shown));
		*eq = '\0';
		char *v = eq + 1;
		if (!strcmp(name, "version")) {
			if (strlen(v) >= sizeof r->start.version || !valid_utf8(v))
				return util_printf("@start: bad version '%s'", show(v, shown));
			strcpy(r->start.version, v);
		} else if (!strcmp(name, "lesson")) {
			msg = start_number(name, v, 1, 99, &r->start.lesson);
		} else if (!strcmp(name, "step")) {
			msg = start_number(name, v, 1, 999, &r->start.step);
		} else if (!strcmp(name, "pace")) {
			msg = start_number(name, v, 0, 99, &r->start.pace);
		} else if (!strcmp(name, "present")) {
			msg = start_number(name, v, 0, 1, &r->start.present);
		} else if (!strcmp(name, "size")) {
			char *x = strchr(v, 'x');
			if (!x)
				return util_printf("@start: bad size '%s': expected COLSxLINES",
						   show(v, shown));
			*x = '\0';
			msg = start_number("size", v, 1, SIZE_MAX_CELLS, &r->start.cols);
			if (!msg)
				msg = start_number("size", x + 1, 1, SIZE_MAX_CELLS,
						   &r->start.lines);
		} /* else: a later version's word, skipped */
		if (msg)
			return msg;
	}
	return NULL;
}

/* One line, NUL-terminated and without its line end, into r; NULL or the error. */
static char *parse_line(struct replay *r, char *s, int line, replay_resolver resolve)
{
	char shown[SHOW_MAX + 4];
	while (is_blank(*s))
		s++;
	size_t n = strlen(s);
	while (n > 0 && is_blank(s[n - 1]))
		s[--n] = '\0';
	if (*s == '\0' || *s == '#')
		return NULL;

	if (*s == '@') {
		size_t w = 0;
		while (s[w] && !is_blank(s[w]))
			w++;
		if (w == 6 && memcmp(s, "@start", 6) == 0)
			return parse_start(r, s + w);
		if (w != 6 || memcmp(s, "@pause", 6) != 0) {
			s[w] = '\0';
			return util_printf("unknown marker '%s' (markers: @pause, @start)",
					   show(s, shown));
		}
		s += w;
		while (is_blank(*s))
			s++;
		return push(r, REPLAY_PAUSE, 0, 0, s, line);
	}
	if (*s != '+')
		return util_printf("expected '+MS KEY', '@pause [text]' or a '#' comment");

	char *d = ++s;
	long delay = 0;
	int bad = *d == '\0' || is_blank(*d);
	for (; *s && !is_blank(*s); s++) {
		if (*s < '0' || *s > '9')
			bad = 1;
		else if (!bad && (delay = delay * 10 + (*s - '0')) > DELAY_MAX)
			bad = 1;
	}
	int at_end = *s == '\0';
	*s = '\0';
	if (bad)
		return util_printf("bad delay '%s': expected milliseconds from 0 to %d",
				   show(d, shown), DELAY_MAX);
	if (at_end)
		return util_printf("missing key after '+%s'", d);
	s++;
	while (is_blank(*s))
		s++;
	char *k = s;
	while (*s && !is_blank(*s))
		s++;
	if (*s) {
		*s++ = '\0';
		while (is_blank(*s))
			s++;
		if (*s)
			return util_printf("unexpected text after the key");
	}
	int key = 0;
	char *msg = key_code(k, resolve, &key);
	return msg ? msg : push(r, REPLAY_KEY, delay, key, k, line);
}

int replay_parse(const char *text, const char *path, replay_resolver resolve, struct replay *out,
		 char **err)
{
	struct replay r = { 0 };
	char buf[LINE_MAX_BYTES + 1];
	char *msg = NULL;
	int line = 0;
	const char *p = text ? text : "";
	while (*p && !msg) {
		size_t len = strcspn(p, "\n"), n = len;
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (line == INT_MAX) {
			msg = util_printf("more than %d lines", INT_MAX);
			break;
		}
		line++;
		if (n > LINE_MAX_BYTES) {
			msg = util_printf("line too long (more than %d bytes)", LINE_MAX_BYTES);
			break;
		}
		memcpy(buf, p, n);
		buf[n] = '\0';
		msg = parse_line(&r, buf, line, resolve);
		p += len + (p[len] == '\n');
	}
	if (msg) {
		*err = util_printf("%s:%d: %s", path ? path : "recording", line, msg);
		free(msg);
		replay_done(&r);
		*out = r;
		return -1;
	}
	*out = r;
	return 0;
}

int replay_load(const char *path, replay_resolver resolve, struct replay *out, char **err)
{
	*out = (struct replay){ 0 };
	FILE *f = fopen(path, "rb");
	if (!f) {
		*err = util_printf("%s: cannot read: %s", path, strerror(errno));
		return -1;
	}
	size_t cap = 1 << 16, len = 0;
	char *text = util_malloc(cap + 1);
	/* Read one byte past the limit to tell a 4 MB file from a larger one. */
	while (len <= FILE_MAX_BYTES) {
		if (len == cap) {
			cap = cap * 2 < FILE_MAX_BYTES + 1 ? cap * 2 : FILE_MAX_BYTES + 1;
			text = util_realloc(text, cap + 1);
		}
		size_t got = fread(text + len, 1, cap - len, f);
		len += got;
		if (got == 0)
			break;
	}
	int failed = ferror(f), saved = errno;
	fclose(f);
	if (failed) {
		*err = util_printf("%s: cannot read: %s", path, strerror(saved ? saved : EIO));
		free(text);
		return -1;
	}
	if (len > FILE_MAX_BYTES) {
		*err = util_printf("%s: larger than 4 MB", path);
		free(text);
		return -1;
	}
	text[len] = '\0';
	int rc = replay_parse(text, path, resolve, out, err);
	free(text);
	return rc;
}

void replay_done(struct replay *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->events[i].text);
	free(r->events);
	*r = (struct replay){ 0 };
}

char *replay_key_text(int key, const char *name, char *buf, size_t size)
{
	char text[8] = "";
	const char *s = text;
	if (key == '\n') {
		s = "ENTER";
	} else if (key >= 0 && key < 256) {
		for (size_t i = 0; i < sizeof named_keys / sizeof *named_keys; i++)
			if (named_keys[i].key == key)
				s = named_keys[i].name;
		if (s != text)
			; /* spelled by name */
		else if (key < 0x20)
			text[0] = '^', text[1] = (char)(key | 0x40);
		else if (key < 0x7f)
			text[0] = (char)key;
		else
			text[utf8_encode(key, text)] = '\0'; /* 0x80-0xff as Latin-1 */
	} else if (name && *name) {
		s = name;
	} else {
		text[utf8_encode(key, text)] = '\0'; /* "" when not a character */
	}
	if (size > 0) {
		size_t n = strlen(s);
		n = n < size - 1 ? n : size - 1;
		memcpy(buf, s, n);
		buf[n] = '\0';
	}
	return buf;
}

struct replay_writer {
	FILE *f;
	char *path;
	int error; /* errno of the first failed write, 0 while none failed */
};

/* After a write: note the first failure; 0, or -1 with *err. */
static int check_write(struct replay_writer *w, int failed, char **err)
{
	if (failed && !w->error)
		w->error = errno ? errno : EIO;
	if (!w->error)
		return 0;
	*err = util_printf("%s: cannot write: %s", w->path, strerror(w->error));
	return -1;
}

struct replay_writer *replay_writer_open(const char *path, char **err)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		*err = util_printf("%s: cannot create: %s", path, strerror(errno));
		return NULL;
	}
	struct replay_writer *w = util_calloc(1, sizeof *w);
	w->f = f;
	w->path = util_strdup(path);
	errno = 0;
	int failed = fputs("# nplus1 recording: +MS KEY per line, @pause marks a stop\n", f) < 0 ||
		     fflush(f) != 0;
	if (check_write(w, failed, err)) {
		fclose(f);
		free(w->path);
		free(w);
		return NULL;
	}
	return w;
}

int replay_write_start(struct replay_writer *w, const struct replay_start *st, char **err)
{
	if (w->error)
		return check_write(w, 0, err);
	/* A version is written only when it reads back as one word. */
	const char *v = st->version;
	int word = *v && strlen(v) < sizeof st->version;
	for (const char *c = v; *c && word; c++)
		word = (unsigned char)*c > 0x20 && *c != 0x7f;
	errno = 0;
	int failed =
		fprintf(w->f, "@start%s%s lesson=%d step=%d size=%dx%d pace=%d present=%d\n",
			word ? " version=" : "", word ? v : "", st->lesson > 0 ? st->lesson : 1,
			st->step > 0 ? st->step : 1, st->cols > 0 ? st->cols : 80,
			st->lines > 0 ? st->lines : 24, st->pace, st->present ? 1 : 0) < 0 ||
		fflush(w->f) != 0;
	return check_write(w, failed, err);
}

int replay_write_key(struct replay_writer *w, int64_t ms, const char *key_text, char **err)
{
	if (w->error)
		return check_write(w, 0, err);
	/* Only what reads back as one key: no blanks, no control bytes, a line that fits. */
	const char *k = key_text ? key_text : "";
	size_t n = strlen(k);
	int bad = n == 0 || n > LINE_MAX_BYTES - sizeof "+3600000";
	for (size_t i = 0; i < n && !bad; i++)
		bad = (unsigned char)k[i] <= 0x20 || k[i] == 0x7f;
	if (bad) {
		char shown[SHOW_MAX + 4];
		*err = util_printf("%s: cannot record key '%s'", w->path, show(k, shown));
		return -1;
	}
	long long delay = ms < 0 ? 0 : ms > DELAY_MAX ? DELAY_MAX : (long long)ms;
	errno = 0;
	int failed = fprintf(w->f, "+%lld %s\n", delay, k) < 0 || fflush(w->f) != 0;
	return check_write(w, failed, err);
}

int replay_write_pause(struct replay_writer *w, const char *note, char **err)
{
	if (w->error)
		return check_write(w, 0, err);
	/* One line, trimmed as the parser trims it, cut at a character to fit. */
	char text[LINE_MAX_BYTES + 1];
	const char *s = note ? note : "";
	size_t max = LINE_MAX_BYTES - (sizeof "@pause " - 1), n = 0;
	while (is_blank(*s) || *s == '\n' || *s == '\r')
		s++;
	for (; *s && n < max; s++)
		text[n++] = *s == '\n' || *s == '\r' ? ' ' : *s;
	/* Cut short: back up to the start of the character that did not fit. */
	for (unsigned char next = (unsigned char)*s; n > 0 && (next & 0xc0) == 0x80;)
		next = (unsigned char)text[--n];
	while (n > 0 && is_blank(text[n - 1]))
		n--;
	text[n] = '\0';
	errno = 0;
	int failed = (n ? fprintf(w->f, "@pause %s\n", text) : fputs("@pause\n", w->f)) < 0 ||
		     fflush(w->f) != 0;
	return check_write(w, failed, err);
}

int replay_writer_close(struct replay_writer *w, char **err)
{
	if (!w)
		return 0;
	errno = 0;
	int failed = fclose(w->f) != 0;
	int rc = check_write(w, failed, err);
	free(w->path);
	free(w);
	return rc;
}
