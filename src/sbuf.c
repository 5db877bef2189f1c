/* sbuf: see sbuf.h. */
#include "config.h"

#include "sbuf.h"
#include "util.h"

#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

void sbuf_init(struct sbuf *b) { b->data = NULL, b->len = b->cap = 0; }

void sbuf_done(struct sbuf *b)
{
	free(b->data);
	sbuf_init(b);
}

void sbuf_clear(struct sbuf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

static void reserve(struct sbuf *b, size_t more)
{
	if (b->len + more + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + more + 1)
		cap *= 2;
	b->data = util_realloc(b->data, cap);
	b->cap = cap;
}

void sbuf_addn(struct sbuf *b, const char *s, size_t n)
{
	reserve(b, n);
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void sbuf_add(struct sbuf *b, const char *s) { sbuf_addn(b, s, strlen(s)); }

void sbuf_addc(struct sbuf *b, char c) { sbuf_addn(b, &c, 1); }

void sbuf_addf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	reserve(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

const char *sbuf_str(const struct sbuf *b) { return b->data ? b->data : ""; }

char *sbuf_steal(struct sbuf *b)
{
	char *s = b->data ? b->data : util_strdup("");
	sbuf_init(b);
	return s;
}
