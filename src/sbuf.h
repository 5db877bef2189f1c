/* sbuf: a growable, always NUL-terminated string buffer.
 * Invariant: data[len] == '\0' once anything was added; data may be NULL before. */
#ifndef NPLUS1_SBUF_H
#define NPLUS1_SBUF_H

#include <stddef.h>

struct sbuf {
	char *data;
	size_t len, cap;
};

void sbuf_init(struct sbuf *b);
void sbuf_done(struct sbuf *b);
/* Empty the buffer, keeping its memory. */
void sbuf_clear(struct sbuf *b);
void sbuf_add(struct sbuf *b, const char *s);
void sbuf_addn(struct sbuf *b, const char *s, size_t n);
void sbuf_addc(struct sbuf *b, char c);
void sbuf_addf(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The text so far ("" when empty); borrowed until the next change. */
const char *sbuf_str(const struct sbuf *b);
/* Hand the text to the caller (who frees it) and leave the buffer empty. */
char *sbuf_steal(struct sbuf *b);

#endif
