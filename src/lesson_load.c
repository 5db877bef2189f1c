/* lesson_load: see lesson_load.h. */
#include "config.h"

#include "lesson_load.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#ifdef PKGDATADIR
#define LESSON_DIR PKGDATADIR "/lessons"
#else
#define LESSON_DIR "lessons"
#endif

enum { FILE_MAX_BYTES = 1 << 20 };

/* Hand msg to *err, or free it when the caller did not ask; always NULL. */
static void *give(char **err, char *msg)
{
	if (err)
		*err = msg;
	else
		free(msg);
	return NULL;
}

struct lesson *lesson_load(const char *path, char **err)
{
	const char *why;
	FILE *f = util_open_regular(path, &why);
	if (!f)
		return give(err, util_printf("%s: cannot read the lesson: %s", path, why));
	/* One byte more than allowed tells a file at the limit from one past it. */
	char *buf = util_malloc(FILE_MAX_BYTES + 2);
	size_t n = fread(buf, 1, FILE_MAX_BYTES + 1, f);
	int bad = ferror(f) ? (errno ? errno : EIO) : 0;
	fclose(f);
	struct lesson *l = NULL;
	if (bad)
		give(err, util_printf("%s: cannot read the lesson: %s", path, strerror(bad)));
	else if (n > FILE_MAX_BYTES)
		give(err, util_printf("%s: larger than 1 MB (a lesson is at most 1 MB)", path));
	else if (memchr(buf, '\0', n))
		give(err, util_printf("%s: not a text file", path));
	else {
		buf[n] = '\0';
		l = lesson_parse(buf, path, err);
	}
	free(buf);
	return l;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int lesson_load_dir(const char *dir, struct lesson_set *set, char **err)
{
	memset(set, 0, sizeof *set);
	DIR *d = opendir(dir);
	if (!d) {
		give(err,
		     util_printf("%s: cannot read the lesson directory: %s", dir, strerror(errno)));
		return -1;
	}
	size_t cap = 0;
	for (struct dirent *e; (e = readdir(d));) {
		size_t n = strlen(e->d_name);
		/* Hidden names too end in .lesson: editors' lock files (".#01.lesson"). */
		if (e->d_name[0] == '.' || n <= 7 || strcmp(e->d_name + n - 7, ".lesson") != 0)
			continue;
		if ((size_t)set->n == cap) {
			cap = cap ? 2 * cap : 16;
			set->names = util_realloc(set->names, cap * sizeof *set->names);
		}
		set->names[set->n++] = util_strdup(e->d_name);
		if (set->n == INT_MAX)
			break;
	}
	closedir(d);
	qsort(set->names, (size_t)set->n, sizeof *set->names, by_name);
	set->lessons = util_calloc((size_t)set->n, sizeof *set->lessons);
	set->errors = util_calloc((size_t)set->n, sizeof *set->errors);
	size_t dlen = strlen(dir);
	while (dlen > 1 && dir[dlen - 1] == '/') /* "lessons/" names "lessons/01.lesson" */
		dlen--;
	for (int i = 0; i < set->n; i++) {
		char *path = util_printf("%.*s/%s", (int)dlen, dir, set->names[i]);
		set->lessons[i] = lesson_load(path, &set->errors[i]);
		free(path);
	}
	return 0;
}

void lesson_set_done(struct lesson_set *set)
{
	for (int i = 0; i < set->n; i++) {
		lesson_free(set->lessons[i]);
		free(set->names[i]), free(set->errors[i]);
	}
	free(set->lessons), free(set->names), free(set->errors);
	memset(set, 0, sizeof *set);
}

const char *lesson_default_dir(void)
{
	const char *env = getenv("NPLUS1_LESSONS");
	if (env && *env)
		return env;
#ifdef LESSONS_SRCDIR
	/* Built but not installed (README's first command): the source tree's. */
	struct stat st;
	if (stat(LESSON_DIR, &st) != 0 && stat(LESSONS_SRCDIR, &st) == 0)
		return LESSONS_SRCDIR;
#endif
	return LESSON_DIR;
}

/* A file name's short form: "04-joinedload.lesson" is "joinedload". */
static size_t short_name(const char *name, const char **start)
{
	const char *s = name + strspn(name, "0123456789");
	s += s > name && *s == '-';
	size_t n = strlen(s);
	if (n > 7 && strcmp(s + n - 7, ".lesson") == 0)
		n -= 7;
	*start = s;
	return n;
}

int lesson_set_find(const struct lesson_set *set, const char *key)
{
	long n;
	if (util_parse_long(key, 1, set->n, &n) == 0)
		return (int)n - 1;
	size_t klen = strlen(key);
	for (int i = 0; i < set->n; i++) {
		const char *s, *name = set->names[i];
		size_t len = short_name(name, &s);
		bool file = strcmp(name, key) == 0 ||
			    (strlen(name) == klen + 7 && strncmp(name, key, klen) == 0);
		if (file || (len == klen && strncasecmp(s, key, klen) == 0) ||
		    (set->lessons[i] && strcasecmp(set->lessons[i]->title, key) == 0))
			return i;
	}
	return -1;
}

char *lesson_set_names(const struct lesson_set *set, char *buf, size_t size)
{
	size_t at = 0;
	buf[0] = '\0';
	for (int i = 0; i < set->n && at < size; i++) {
		const char *s;
		size_t len = short_name(set->names[i], &s);
		at += (size_t)snprintf(buf + at, size - at, "%s%.*s", i ? ", " : "", (int)len, s);
	}
	return buf;
}
