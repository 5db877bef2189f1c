/* util: see util.h. */
#include "config.h"

#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>

static void (*fatal_hook)(void);

void util_on_fatal(void (*fn)(void)) { fatal_hook = fn; }

void util_fatal(const char *msg)
{
	void (*hook)(void) = fatal_hook;
	fatal_hook = NULL; /* a hook that fails in turn must not loop */
	if (hook)
		hook();
	fprintf(stderr, "nplus1: %s\n", msg);
	abort();
}

static void *check(void *p)
{
	if (!p)
		util_fatal("out of memory");
	return p;
}

void *util_malloc(size_t n) { return check(malloc(n ? n : 1)); }
void *util_calloc(size_t n, size_t size) { return check(calloc(n ? n : 1, size ? size : 1)); }
void *util_realloc(void *p, size_t n) { return check(realloc(p, n ? n : 1)); }
char *util_strdup(const char *s) { return check(strdup(s)); }

char *util_printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *s = util_malloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

struct util_shown util_show(const char *w, size_t n)
{
	struct util_shown b;
	size_t i = 0, k = 0, max = sizeof b.s - 4;
	while (i < n && k < max) {
		unsigned char c = (unsigned char)w[i++];
		b.s[k++] = c >= ' ' && c < 0x7f ? (char)c : '?';
		if (c >= 0xc0) /* a character of several bytes is one '?', as it is one typed */
			while (i < n && ((unsigned char)w[i] & 0xc0) == 0x80)
				i++;
	}
	strcpy(b.s + k, i < n ? "..." : "");
	return b;
}

FILE *util_open_regular(const char *path, const char **why)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0) {
		*why = strerror(errno);
	} else if (S_ISDIR(st.st_mode)) {
		*why = strerror(EISDIR);
	} else if (!S_ISREG(st.st_mode)) {
		*why = "not a regular file";
	} else {
		FILE *f = fcntl(fd, F_SETFL, 0) == 0 ? fdopen(fd, "rb") : NULL;
		if (f)
			return f;
		*why = strerror(errno);
	}
	if (fd >= 0)
		close(fd);
	return NULL;
}

bool util_irregular(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && !S_ISREG(st.st_mode);
}

char *util_state_path(const char *name)
{
	const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	if (state && state[0] == '/')
		return util_printf("%s/nplus1/%s", state, name);
	if (home && *home)
		return util_printf("%s/.local/state/nplus1/%s", home, name);
	return NULL;
}

char *util_make_parents(const char *path)
{
	char *dir = util_strdup(path), *why = NULL;
	for (char *s = strchr(dir + 1, '/'); s && !why; s = strchr(s + 1, '/')) {
		struct stat st;
		*s = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST)
			why = util_printf("cannot create %s (%s)", dir, strerror(errno));
		else if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
			why = util_printf("cannot create %s (it is not a directory)", dir);
		*s = '/';
	}
	free(dir);
	return why;
}

int64_t util_now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int64_t util_cpu_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void util_sleep_ns(int64_t ns)
{
	/* The kernel wakes a sleeper late, here by 100-150 µs on average, which would
	 * inflate every simulated round trip: sleep short of the deadline, spin the rest. */
	int64_t deadline = util_now_ns() + ns, spin = 1000000;
	if (ns > spin) {
		int64_t nap = ns - spin;
		struct timespec ts = { .tv_sec = nap / 1000000000, .tv_nsec = nap % 1000000000 };
		while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
			;
	}
	while (util_now_ns() < deadline)
		;
}

int util_parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	errno = 0;
	if (!s || !*s || !((*s >= '0' && *s <= '9') || *s == '-'))
		return -1;
	long v = strtol(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int util_parse_double(const char *s, double min, double max, double *out)
{
	char *end;
	errno = 0;
	/* Plain decimals only: strtod would also take "1e1", "0x10" and "inf". */
	if (!s || !*s || s[strspn(s, "-0123456789.")] != '\0')
		return -1;
	double v = strtod(s, &end);
	if (errno || *end || !isfinite(v) || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

/* The length of the valid UTF-8 sequence at s[0..n), 0 if there is none:
 * no overlong forms, no surrogates, nothing past U+10FFFF. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t len = c < 0x80		      ? 1
		     : c >= 0xC2 && c <= 0xDF ? 2
		     : c >= 0xE0 && c <= 0xEF ? 3
		     : c >= 0xF0 && c <= 0xF4 ? 4
					      : 0;
	if (len == 0 || len > n)
		return 0;
	for (size_t i = 1; i < len; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] > 0x9F) ||
	    (c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] > 0x8F))
		return 0;
	/* C1 controls (U+0080 to U+009F) are escape sequences to a terminal too */
	if (c == 0xC2 && s[1] < 0xA0)
		return 0;
	return len;
}

char *util_clean_text(const char *s, size_t n)
{
	static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */
	char *out = util_malloc(n * 3 + 1), *o = out;
	for (size_t i = 0; i < n;) {
		const unsigned char *u = (const unsigned char *)s + i;
		size_t len = utf8_len(u, n - i);
		bool control = len == 1 && (*u < 0x20 || *u == 0x7F) && *u != '\t' && *u != '\n' &&
			       *u != '\r';
		if (len == 0 || control) {
			memcpy(o, replacement, 3);
			o += 3;
			i += 1;
		} else {
			memcpy(o, s + i, len);
			o += len;
			i += len;
		}
	}
	*o = '\0';
	return out;
}
