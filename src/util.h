/* util: allocation that cannot fail silently, a monotonic clock, integer parsing.
 * Allocation failure is fatal: the tutor has nothing useful to do without memory,
 * and checking every small allocation would bury the logic that matters. */
#ifndef NPLUS1_UTIL_H
#define NPLUS1_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Like malloc/calloc/realloc/strdup, but abort with a message on failure. */
void *util_malloc(size_t n);
void *util_calloc(size_t n, size_t size);
void *util_realloc(void *p, size_t n);
char *util_strdup(const char *s);
/* A heap copy of printf-style text; the caller frees it. */
char *util_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Called once before a fatal exit (out of memory) so a front end can restore
 * the terminal first; NULL for none. */
void util_on_fatal(void (*fn)(void));
/* Print "nplus1: msg" to stderr and abort, after the fatal hook. */
void util_fatal(const char *msg) __attribute__((noreturn));

/* $XDG_STATE_HOME/nplus1/name, else ~/.local/state/nplus1/name (the XDG spec
 * ignores a relative XDG_STATE_HOME); NULL when neither is set. Caller frees. */
char *util_state_path(const char *name);
/* mkdir -p, mode 0700, for the directory holding path: NULL, or why not (caller
 * frees). */
char *util_make_parents(const char *path);

/* Open path for reading, only if it is a regular file: a FIFO, a device or a
 * directory is refused without blocking (opened O_NONBLOCK, then fstat). NULL
 * with *why (borrowed: strerror's text, or "not a regular file"). */
FILE *util_open_regular(const char *path, const char **why);
/* Whether path exists as something other than a regular file, which a program
 * that opens it (readline's history, SQLite) could block on. */
bool util_irregular(const char *path);

/* A short printable copy of w[0..n) for an error message: at most 40
 * characters (then "..."), a control byte or a non-ASCII character (each UTF-8
 * sequence whole) as '?', so the message stays one line whatever was typed.
 * Use .s. */
struct util_shown {
	char s[44];
};
struct util_shown util_show(const char *w, size_t n);
/* A copy of text s[0..n) fit for a terminal: each invalid UTF-8 sequence and
 * each control character but tab, newline and carriage return becomes U+FFFD,
 * so a file's bytes cannot draw over a border or send an escape sequence.
 * The caller frees it. */
char *util_clean_text(const char *s, size_t n);

/* Nanoseconds on the monotonic clock. */
int64_t util_now_ns(void);
/* Nanoseconds of processor time this thread has used: what a timing reads when
 * the time other programs took from it must not count. */
int64_t util_cpu_ns(void);
/* Wait ns nanoseconds, accurately (the last millisecond is spent spinning). */
void util_sleep_ns(int64_t ns);

/* Parse a whole decimal integer in [min, max]; 0 on success, -1 otherwise. */
int util_parse_long(const char *s, long min, long max, long *out);
/* Parse a whole decimal number in [min, max]; 0 on success, -1 otherwise. */
int util_parse_double(const char *s, double min, double max, double *out);

#endif
