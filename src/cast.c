/* cast: see cast.h.
 *
 * JSON strings escape '"', '\\' and every control byte (\u00XX); valid UTF-8
 * passes through, and a byte that starts no valid character becomes U+FFFD so
 * a broken byte from the screen never makes the file unreadable. Times are
 * written with microsecond precision and never go backwards. */
#include "config.h"

#include "cast.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cast {
	FILE *f;
	char *path;
	int error;    /* errno of the first failed write */
	double last;  /* the last time written */
	char held[4]; /* the start of a character the last chunk cut */
	size_t nheld;
};

/* The length of the UTF-8 character starting with byte b, 0 if b cannot start one. */
static size_t utf8_len(unsigned char b)
{
	return b < 0x80		    ? 1
	       : (b & 0xe0) == 0xc0 ? 2
	       : (b & 0xf0) == 0xe0 ? 3
	       : (b & 0xf8) == 0xf0 ? 4
				    : 0;
}

/* Whether s[0..len) is one valid character (no overlong or surrogate forms). */
static int utf8_ok(const unsigned char *s, size_t len)
{
	for (size_t i = 1; i < len; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	if (len == 2)
		return s[0] >= 0xc2;
	if (len == 3)
		return !(s[0] == 0xe0 && s[1] < 0xa0) && !(s[0] == 0xed && s[1] >= 0xa0);
	if (len == 4)
		return !(s[0] == 0xf0 && s[1] < 0x90) && !(s[0] == 0xf4 && s[1] >= 0x90) &&
		       s[0] <= 0xf4;
	return 1;
}

static void note(struct cast *c, int failed)
{
	if (failed && !c->error)
		c->error = errno ? errno : EIO;
}

/* s[0..n) as the inside of a JSON string; returns how many bytes at the end
 * were left unwritten because a character was cut there. */
static size_t put_json(FILE *f, const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned char b = s[i];
		if (b == '"' || b == '\\') {
			fputc('\\', f), fputc(b, f), i++;
		} else if (b < 0x20 || b == 0x7f) {
			fprintf(f, "\\u%04x", b), i++;
		} else if (b < 0x80) {
			fputc(b, f), i++;
		} else {
			size_t len = utf8_len(b);
			if (len && i + len > n) {
				int prefix = 1; /* cut short, or broken? */
				for (size_t k = i + 1; k < n; k++)
					prefix &= (s[k] & 0xc0) == 0x80;
				if (prefix)
					return n - i;
			}
			if (len && i + len <= n && utf8_ok(s + i, len)) {
				fwrite(s + i, 1, len, f), i += len;
			} else {
				fputs("\xef\xbf\xbd", f), i++;
			}
		}
	}
	return 0;
}

struct cast *cast_open(const char *path, int width, int height, const char *title, char **err)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		*err = util_printf("%s: cannot create: %s", path, strerror(errno));
		return NULL;
	}
	struct cast *c = util_calloc(1, sizeof *c);
	c->f = f;
	c->path = util_strdup(path);
	errno = 0;
	fprintf(f, "{\"version\": 2, \"width\": %d, \"height\": %d", width, height);
	if (title) {
		fputs(", \"title\": \"", f);
		put_json(f, (const unsigned char *)title, strlen(title));
		fputc('"', f);
	}
	fputs(", \"env\": {\"TERM\": \"xterm-256color\"}}\n", f);
	note(c, ferror(f));
	return c;
}

int cast_output(struct cast *c, double seconds, const char *data, size_t n)
{
	if (n == 0 && c->nheld == 0)
		return c->error ? -1 : 0;
	/* The held start of a character goes first; at most a few bytes. */
	size_t total = c->nheld + n;
	unsigned char *buf = util_malloc(total ? total : 1);
	memcpy(buf, c->held, c->nheld);
	if (n)
		memcpy(buf + c->nheld, data, n);
	if (seconds < c->last)
		seconds = c->last;
	c->last = seconds;
	errno = 0;
	fprintf(c->f, "[%.6f, \"o\", \"", seconds);
	size_t left = put_json(c->f, buf, total);
	fputs("\"]\n", c->f);
	c->nheld = left;
	memcpy(c->held, buf + total - left, left);
	free(buf);
	note(c, ferror(c->f));
	return c->error ? -1 : 0;
}

int cast_close(struct cast *c, char **err)
{
	if (!c)
		return 0;
	if (c->nheld) { /* a character never finished: written as U+FFFD */
		fprintf(c->f, "[%.6f, \"o\", \"\xef\xbf\xbd\"]\n", c->last);
		c->nheld = 0;
	}
	errno = 0;
	note(c, fclose(c->f) != 0);
	int rc = 0;
	if (c->error) {
		*err = util_printf("%s: cannot write: %s", c->path, strerror(c->error));
		rc = -1;
	}
	free(c->path);
	free(c);
	return rc;
}
