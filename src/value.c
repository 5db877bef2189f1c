/* value: see value.h.
 *
 * Python's float repr is the shortest decimal that reads back as the same
 * double, with ".0" when it would look like an integer; %.*g with a growing
 * precision finds the same digits. Its exponent form differs from C's only in
 * when it starts (Python: 1e+16 and up), so that is stated where it is applied. */
#include "config.h"

#include "value.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct value value_int(int64_t i) { return (struct value){ .kind = VALUE_INT, .i = i }; }

static char *real_repr(double r, char *out, size_t size)
{
	char buf[40];
	if (!isfinite(r)) {
		snprintf(out, size, "%s", isnan(r) ? "nan" : r > 0 ? "inf" : "-inf");
		return out;
	}
	for (int p = 1; p <= 17; p++) {
		snprintf(buf, sizeof buf, "%.*g", p, r);
		if (strtod(buf, NULL) == r)
			break;
	}
	/* C writes 1e+15 where Python writes 1000000000000000.0 (below 1e16). */
	double a = fabs(r);
	if (strchr(buf, 'e') && a >= 1e-4 && a < 1e16)
		snprintf(buf, sizeof buf, "%.1f", r);
	snprintf(out, size, "%s%s", buf, strpbrk(buf, ".e") ? "" : ".0");
	return out;
}

/* Python quotes with ' unless the text holds a ' and no ". */
static char *text_repr(const char *s, char *out, size_t size)
{
	char q = strchr(s, '\'') && !strchr(s, '"') ? '"' : '\'';
	size_t k = 0;
	if (size < 3) {
		if (size)
			out[0] = '\0';
		return out;
	}
	out[k++] = q;
	for (; *s && k + 3 < size; s++) {
		if (*s == q || *s == '\\')
			out[k++] = '\\';
		out[k++] = *s;
	}
	out[k++] = q;
	out[k] = '\0';
	return out;
}

char *value_repr(const struct value *v, char *out, size_t size)
{
	switch (v->kind) {
	case VALUE_REAL: return real_repr(v->r, out, size);
	case VALUE_TEXT: return text_repr(v->text, out, size);
	case VALUE_INT: break;
	}
	snprintf(out, size, "%lld", (long long)v->i);
	return out;
}

char *value_json(const struct value *v, char *out, size_t size)
{
	if (v->kind != VALUE_TEXT)
		return value_repr(v, out, size);
	size_t k = 0;
	if (size < 3) {
		if (size)
			out[0] = '\0';
		return out;
	}
	out[k++] = '"';
	for (const char *s = v->text; *s && k + 8 < size; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			k += (size_t)snprintf(out + k, size - k, "\\%c", c);
		else if (c < 0x20)
			k += (size_t)snprintf(out + k, size - k, "\\u%04x", c);
		else
			out[k++] = (char)c;
	}
	out[k++] = '"';
	out[k] = '\0';
	return out;
}

char *value_tuple(const struct value *v, int kept, int n, const char *ellipsis, char *out,
		  size_t size)
{
	char one[2 * VALUE_TEXT_MAX + 8];
	if (kept > n)
		kept = n;
	size_t k = (size_t)snprintf(out, size, "(");
	for (int i = 0; i < kept && k < size; i++)
		k += (size_t)snprintf(out + k, size - k, "%s%s", i ? ", " : "",
				      value_repr(&v[i], one, sizeof one));
	if (k < size)
		snprintf(out + k, size - k, "%s%s%s", n > kept ? ", " : "",
			 n > kept ? ellipsis : "", n == 1 ? ",)" : ")");
	return out;
}
