/* tap.h: the Test Anything Protocol for the C unit tests, header-only.
 * Each check prints "ok N - description" or "not ok N" with what differed;
 * tap_done() prints the plan and returns the exit status. */
#ifndef NPLUS1_TAP_H
#define NPLUS1_TAP_H

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define TAP_API __attribute__((unused)) static

static int tap_n, tap_failed;

TAP_API void tap_vresult(int pass, const char *fmt, va_list ap)
{
	printf("%sok %d - ", pass ? "" : "not ", ++tap_n);
	vprintf(fmt, ap);
	putchar('\n');
	if (!pass)
		tap_failed++;
}

__attribute__((format(printf, 2, 3))) TAP_API int ok(int pass, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tap_vresult(pass, fmt, ap);
	va_end(ap);
	return pass;
}

__attribute__((format(printf, 3, 4))) TAP_API int is_int(int64_t got, int64_t want, const char *fmt,
							 ...)
{
	va_list ap;
	va_start(ap, fmt);
	tap_vresult(got == want, fmt, ap);
	va_end(ap);
	if (got != want)
		printf("#   got %" PRId64 ", want %" PRId64 "\n", got, want);
	return got == want;
}

/* A string, printed with visible newlines when it differs. */
TAP_API void tap_show(const char *label, const char *s)
{
	printf("#   %s \"", label);
	for (; s && *s; s++)
		fputs(*s == '\n' ? "\\n" : (char[]){ *s, 0 }, stdout);
	puts("\"");
}

__attribute__((format(printf, 3, 4))) TAP_API int is_str(const char *got, const char *want,
							 const char *fmt, ...)
{
	int pass = got && want && strcmp(got, want) == 0;
	va_list ap;
	va_start(ap, fmt);
	tap_vresult(pass, fmt, ap);
	va_end(ap);
	if (!pass) {
		tap_show("got: ", got);
		tap_show("want:", want);
	}
	return pass;
}

TAP_API int tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif
