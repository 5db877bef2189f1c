/* benchrow: see benchrow.h.
 *
 * The fields are one table (name, kind, offset), read by both the writer and
 * the reader, so the two cannot drift apart. The reader takes a flat JSON
 * object: strings, numbers, true, false and null as values; anything nested is
 * an error, since no row has it. */
#include "config.h"

#include "benchrow.h"
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum kind { K_TEXT, K_LONG, K_U64, K_INT, K_BOOL, K_REAL };

struct field {
	const char *name;
	enum kind kind;
	size_t offset, size; /* size: of a K_TEXT buffer */
	int decimals;	     /* a K_REAL's, or -1 for %g */
};

/* clang-format off */
#define TEXT(f) { #f, K_TEXT, offsetof(struct benchrow, f), sizeof((struct benchrow *)0)->f, 0 }
#define NUM(f, k) { #f, k, offsetof(struct benchrow, f), 0, 0 }
#define REAL(f, d) { #f, K_REAL, offsetof(struct benchrow, f), 0, d }
/* clang-format on */

/* In the order a row prints; "format" comes first, "error" last and only when set. */
static const struct field fields[] = {
	TEXT(engine),
	TEXT(version),
	TEXT(strategy),
	NUM(orders, K_LONG),
	NUM(customers, K_LONG),
	NUM(collection, K_BOOL),
	NUM(identity_map, K_BOOL),
	NUM(notes, K_LONG),
	NUM(limit, K_LONG),
	REAL(latency_ms, -1),
	NUM(queries, K_U64),
	NUM(rows, K_U64),
	REAL(min_ms, 4),
	REAL(median_ms, 4),
	REAL(max_ms, 4),
	REAL(db_ms, 4),
	REAL(orm_ms, 4),
	REAL(network_ms, 4),
	REAL(floor_ms, 4),
	REAL(overhead, 3),
	NUM(repeat, K_INT),
	NUM(batch, K_INT),
	TEXT(error),
};
enum { NFIELDS = sizeof fields / sizeof fields[0] };

static void copy(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src ? src : "");
}

void benchrow_init(struct benchrow *r, const char *engine, const char *version, const char *name,
		   const struct spec *spec)
{
	memset(r, 0, sizeof *r);
	copy(r->engine, sizeof r->engine, engine);
	copy(r->version, sizeof r->version, version);
	copy(r->strategy, sizeof r->strategy, name);
	r->orders = spec->orders;
	r->customers = spec->customers;
	r->collection = spec->collection;
	r->identity_map = spec->identity_map;
	r->notes = spec->notes;
	r->limit = spec->limit;
	r->latency_ms = spec->latency_ms;
}

bool benchrow_sqlalchemy(const struct benchrow *r) { return !strcmp(r->engine, "sqlalchemy"); }

const char *benchrow_engine_label(const struct benchrow *r, char *buf, size_t size)
{
	snprintf(buf, size, "%s %s", benchrow_sqlalchemy(r) ? "SQLAlchemy" : r->engine, r->version);
	return buf;
}

static void json_text(struct sbuf *out, const char *s)
{
	sbuf_addc(out, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			sbuf_addf(out, "\\%c", c);
		else if (c < 0x20)
			sbuf_addf(out, "\\u%04x", c);
		else
			sbuf_addc(out, (char)c);
	}
	sbuf_addc(out, '"');
}

void benchrow_json(const struct benchrow *r, struct sbuf *out)
{
	sbuf_addf(out, "{\"format\": %d", BENCHROW_FORMAT);
	for (int i = 0; i < NFIELDS; i++) {
		const struct field *f = &fields[i];
		const char *p = (const char *)r + f->offset;
		if (f->kind == K_TEXT && !strcmp(f->name, "error") && !*p)
			continue;
		sbuf_addf(out, ", \"%s\": ", f->name);
		switch (f->kind) {
		case K_TEXT: json_text(out, p); break;
		case K_LONG: sbuf_addf(out, "%ld", *(const long *)p); break;
		case K_U64: sbuf_addf(out, "%llu", (unsigned long long)*(const uint64_t *)p); break;
		case K_INT: sbuf_addf(out, "%d", *(const int *)p); break;
		case K_BOOL: sbuf_add(out, *(const bool *)p ? "true" : "false"); break;
		case K_REAL:
			if (f->decimals < 0)
				sbuf_addf(out, "%g", *(const double *)p);
			else
				sbuf_addf(out, "%.*f", f->decimals, *(const double *)p);
			break;
		}
	}
	sbuf_addc(out, '}');
}

/* The reader: a cursor over the line and the first error. */
struct reader {
	const char *s;
	char *err;
};

static void skip_space(struct reader *rd)
{
	while (*rd->s == ' ' || *rd->s == '\t' || *rd->s == '\r' || *rd->s == '\n')
		rd->s++;
}

static int fail(struct reader *rd, const char *what)
{
	if (!rd->err)
		rd->err = util_printf("%s at \"%.20s\"", what, rd->s);
	return -1;
}

/* A code point as UTF-8 into out (room for 4). */
static size_t utf8(unsigned cp, char *out)
{
	if (cp < 0x80)
		return out[0] = (char)cp, 1;
	if (cp < 0x800)
		return out[0] = (char)(0xC0 | cp >> 6), out[1] = (char)(0x80 | (cp & 0x3F)), 2;
	out[0] = (char)(0xE0 | cp >> 12);
	out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[2] = (char)(0x80 | (cp & 0x3F));
	return 3;
}

/* A JSON string into buf (cut to size, always terminated). */
static int read_string(struct reader *rd, char *buf, size_t size)
{
	size_t n = 0;
	if (*rd->s != '"')
		return fail(rd, "expected a string");
	rd->s++;
	while (*rd->s && *rd->s != '"') {
		char tmp[4];
		size_t len = 1;
		if (*rd->s == '\\') {
			rd->s++;
			const char *esc = strchr("\"\\/bfnrtu", *rd->s);
			if (!*rd->s || !esc)
				return fail(rd, "bad escape");
			static const char plain[] = "\"\\/\b\f\n\r\t";
			if (*rd->s == 'u') {
				unsigned cp = 0;
				for (int i = 1; i <= 4; i++) {
					if (!isxdigit((unsigned char)rd->s[i]))
						return fail(rd, "bad \\u escape");
					cp = cp * 16 +
					     (unsigned)(isdigit((unsigned char)rd->s[i])
								? rd->s[i] - '0'
								: (tolower(rd->s[i]) - 'a' + 10));
				}
				rd->s += 4;
				/* a surrogate half stands for a character the row never needs */
				len = utf8(cp >= 0xD800 && cp < 0xE000 ? '?' : cp, tmp);
			} else {
				tmp[0] = plain[esc - "\"\\/bfnrtu"];
			}
		} else {
			tmp[0] = *rd->s;
		}
		rd->s++;
		for (size_t i = 0; i < len; i++)
			if (n + 1 < size)
				buf[n++] = tmp[i];
	}
	if (*rd->s != '"')
		return fail(rd, "unterminated string");
	rd->s++;
	if (size)
		buf[n] = '\0';
	return 0;
}

/* A value of any kind into f's place in r (f NULL: read and drop it). */
static int read_value(struct reader *rd, const struct field *f, struct benchrow *r)
{
	char *p = f ? (char *)r + f->offset : NULL;
	if (*rd->s == '"') {
		char drop[8];
		if (f && f->kind != K_TEXT)
			return fail(rd, "expected a number or true/false");
		return read_string(rd, p ? p : drop, p ? f->size : sizeof drop);
	}
	if (!strncmp(rd->s, "true", 4) || !strncmp(rd->s, "false", 5)) {
		bool v = *rd->s == 't';
		rd->s += v ? 4 : 5;
		if (f && f->kind != K_BOOL)
			return fail(rd, "unexpected true/false");
		if (p)
			*(bool *)p = v;
		return 0;
	}
	if (!strncmp(rd->s, "null", 4)) {
		rd->s += 4;
		return 0; /* the field keeps its zero */
	}
	errno = 0;
	char *end;
	double v = strtod(rd->s, &end);
	if (end == rd->s || errno || !isfinite(v))
		return fail(rd, "expected a value");
	rd->s = end;
	if (!f)
		return 0;
	switch (f->kind) {
	case K_TEXT: return fail(rd, "expected a string");
	case K_BOOL: *(bool *)p = v != 0; break;
	case K_LONG: *(long *)p = (long)v; break;
	case K_U64: *(uint64_t *)p = v > 0 ? (uint64_t)v : 0; break;
	case K_INT: *(int *)p = (int)v; break;
	case K_REAL: *(double *)p = v; break;
	}
	return 0;
}

int benchrow_parse(const char *line, struct benchrow *r, char **err)
{
	struct reader rd = { line ? line : "", NULL };
	memset(r, 0, sizeof *r);
	r->identity_map = true;
	long format = -1;
	skip_space(&rd);
	if (*rd.s++ != '{') {
		rd.s--;
		fail(&rd, "expected a JSON object");
		goto out;
	}
	skip_space(&rd);
	while (*rd.s && *rd.s != '}') {
		char key[32];
		if (read_string(&rd, key, sizeof key))
			goto out;
		skip_space(&rd);
		if (*rd.s++ != ':') {
			rd.s--;
			fail(&rd, "expected ':'");
			goto out;
		}
		skip_space(&rd);
		const struct field *f = NULL;
		for (int i = 0; i < NFIELDS; i++)
			if (!strcmp(fields[i].name, key))
				f = &fields[i];
		if (!strcmp(key, "format")) {
			const char *at = rd.s;
			if (read_value(&rd, NULL, r))
				goto out;
			format = strtol(at, NULL, 10);
		} else if (read_value(&rd, f, r)) {
			goto out;
		}
		skip_space(&rd);
		if (*rd.s == ',') {
			rd.s++;
			skip_space(&rd);
		} else if (*rd.s != '}') {
			fail(&rd, "expected ',' or '}'");
			goto out;
		}
	}
	if (*rd.s != '}')
		fail(&rd, "unterminated object");
	else if (format != BENCHROW_FORMAT)
		rd.err = util_printf("format %ld, expected %d", format, BENCHROW_FORMAT);
	else if (!r->engine[0] || !r->strategy[0])
		rd.err = util_strdup("a row needs \"engine\" and \"strategy\"");
out:
	if (rd.err) {
		if (err)
			*err = rd.err;
		else
			free(rd.err);
		return -1;
	}
	return 0;
}
