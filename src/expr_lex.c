/* expr_lex: see expr_lex.h. */
#include "config.h"

#include "expr_lex.h"
#include "util.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

bool lex_is_space(char ch) { return ch == ' ' || (ch >= '\t' && ch <= '\r'); }

bool lex_is_ident(char ch, bool first)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_' ||
	       (!first && ch >= '0' && ch <= '9');
}

bool lex_eq(const char *w, size_t n, const char *name)
{
	return strlen(name) == n && memcmp(w, name, n) == 0;
}

void lex_append(char list[LEX_LIST_MAX], const char *fmt, ...)
{
	size_t len = strlen(list);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(list + len, LEX_LIST_MAX - len, fmt, ap);
	va_end(ap);
}

int lex_fail(struct lex *c, const char *at, const char *fmt, ...)
{
	if (c->err)
		return -1;
	/* Columns count characters: a UTF-8 continuation byte does not start one. */
	size_t col = 1;
	for (const char *p = c->s; p < at && p < c->s + c->end; p++)
		col += ((unsigned char)*p & 0xC0) != 0x80;
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	c->err = util_printf("column %zu: %s", col, msg);
	return -1;
}

const char *lex_here(const struct lex *c) { return c->s + c->pos; }

void lex_skip_space(struct lex *c)
{
	while (c->pos < c->end && lex_is_space(c->s[c->pos]))
		c->pos++;
}

bool lex_at_end(struct lex *c)
{
	lex_skip_space(c);
	return c->pos >= c->end;
}

bool lex_accept(struct lex *c, char ch)
{
	if (lex_at_end(c) || c->s[c->pos] != ch)
		return false;
	c->pos++;
	return true;
}

int lex_expect(struct lex *c, char ch)
{
	return lex_accept(c, ch) ? 0 : lex_fail(c, lex_here(c), "expected '%c'", ch);
}

size_t lex_token(struct lex *c, const char **w, bool ident)
{
	lex_skip_space(c);
	*w = lex_here(c);
	size_t n = 0;
	while (c->pos + n < c->end &&
	       (ident ? lex_is_ident((*w)[n], n == 0) : !lex_is_space((*w)[n])))
		n++;
	c->pos += n;
	return n;
}
