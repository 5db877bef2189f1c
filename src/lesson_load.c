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
	FILE *f = fopen(path, "rb");
	if (!f)
		return give(err,
			    util_printf("%s: cannot read the lesson: %s", path, strerror(errno)));
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

/* The search path, most important first; a NULL-terminated array the caller
 * frees (each entry and the array). */
static char **search_dirs(void)
{
	size_t n = 0, cap = 8;
	char **dirs = util_calloc(cap, sizeof *dirs);
	const char *home = getenv("HOME"), *data = getenv("XDG_DATA_HOME");
	const char *sys = getenv("XDG_DATA_DIRS");
	char *list[2] = { NULL, NULL };
	/* The XDG spec ignores relative paths, and defaults the empty or unset. */
	if (data && data[0] == '/')
		list[0] = util_strdup(data);
	else if (home && *home)
		list[0] = util_printf("%s/.local/share", home);
	list[1] = util_strdup(sys && *sys ? sys : "/usr/local/share:/usr/share");
	for (int k = 0; k < 2; k++) {
		for (char *p = list[k], *next; p; p = next) {
			next = strchr(p, ':');
			if (next)
				*next++ = '\0';
			size_t len = strlen(p);
			while (len > 1 && p[len - 1] == '/')
				len--;
			if (p[0] != '/')
				continue;
			if (n + 2 >= cap)
				dirs = util_realloc(dirs, (cap *= 2) * sizeof *dirs);
			dirs[n++] = util_printf("%.*s/nplus1/lessons", (int)len, p);
		}
		free(list[k]);
	}
	dirs[n++] = util_strdup(LESSON_DIR);
	dirs[n] = NULL;
	/* The installed directory is often on the XDG list already: once is enough. */
	for (size_t i = 1, j; i < n; i++) {
		for (j = 0; j < i && strcmp(dirs[j], dirs[i]) != 0; j++)
			;
		if (j < i) {
			free(dirs[i]);
			memmove(dirs + i, dirs + i + 1, (n - i) * sizeof *dirs);
			n--, i--;
		}
	}
	return dirs;
}

char *lesson_search_path(void)
{
	char **dirs = search_dirs();
	size_t len = 1;
	for (char **d = dirs; *d; d++)
		len += strlen(*d) + 1;
	char *s = util_malloc(len);
	s[0] = '\0';
	for (char **d = dirs; *d; d++) {
		if (d != dirs)
			strcat(s, ":");
		strcat(s, *d);
		free(*d);
	}
	free(dirs);
	return s;
}

/* Add dir's *.lesson files to set->names, and their paths to *paths, unless a
 * file of that name is there already; 0, or -1 with *err. */
static int add_dir(const char *dir, struct lesson_set *set, char ***paths, size_t *cap,
		   bool searched, char **err)
{
	DIR *d = opendir(dir);
	if (!d) {
		/* A directory of the search path that does not exist is simply empty. */
		if (searched && (errno == ENOENT || errno == ENOTDIR))
			return 0;
		give(err,
		     util_printf("%s: cannot read the lesson directory: %s", dir, strerror(errno)));
		return -1;
	}
	size_t dlen = strlen(dir);
	while (dlen > 1 && dir[dlen - 1] == '/') /* "lessons/" names "lessons/01.lesson" */
		dlen--;
	int before = set->n;
	for (struct dirent *e; (e = readdir(d)) && set->n < INT_MAX;) {
		size_t n = strlen(e->d_name);
		/* Hidden names too end in .lesson: editors' lock files (".#01.lesson"). */
		if (e->d_name[0] == '.' || n <= 7 || strcmp(e->d_name + n - 7, ".lesson") != 0)
			continue;
		int i = 0;
		while (i < before && strcmp(set->names[i], e->d_name) != 0)
			i++;
		if (i < before)
			continue; /* a more important directory has this lesson */
		if ((size_t)set->n == *cap) {
			*cap = *cap ? 2 * *cap : 16;
			set->names = util_realloc(set->names, *cap * sizeof *set->names);
			*paths = util_realloc(*paths, *cap * sizeof **paths);
		}
		(*paths)[set->n] = util_printf("%.*s/%s", (int)dlen, dir, e->d_name);
		set->names[set->n++] = util_strdup(e->d_name);
	}
	closedir(d);
	return 0;
}

/* Sort by file name, keeping each name's path with it. */
static void sort_by_name(struct lesson_set *set, char **paths)
{
	char **pairs = util_calloc(2 * (size_t)set->n + 1, sizeof *pairs);
	for (int i = 0; i < set->n; i++)
		pairs[2 * i] = set->names[i], pairs[2 * i + 1] = paths[i];
	qsort(pairs, (size_t)set->n, 2 * sizeof *pairs, by_name);
	for (int i = 0; i < set->n; i++)
		set->names[i] = pairs[2 * i], paths[i] = pairs[2 * i + 1];
	free(pairs);
}

int lesson_load_dir(const char *dir, struct lesson_set *set, char **err)
{
	memset(set, 0, sizeof *set);
	char **paths = NULL;
	size_t cap = 0;
	int rc = 0;
	if (dir) {
		rc = add_dir(dir, set, &paths, &cap, false, err);
	} else {
		char **dirs = search_dirs();
		for (char **d = dirs; *d; d++) {
			if (rc == 0)
				rc = add_dir(*d, set, &paths, &cap, true, err);
			free(*d);
		}
		free(dirs);
	}
	if (rc == 0) {
		sort_by_name(set, paths);
		set->lessons = util_calloc((size_t)set->n, sizeof *set->lessons);
		set->errors = util_calloc((size_t)set->n, sizeof *set->errors);
		for (int i = 0; i < set->n; i++)
			set->lessons[i] = lesson_load(paths[i], &set->errors[i]);
	}
	for (int i = 0; i < set->n; i++) {
		free(paths[i]);
		if (rc)
			free(set->names[i]);
	}
	free(paths);
	if (rc) {
		free(set->names);
		memset(set, 0, sizeof *set);
	}
	return rc;
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
	return env && *env ? env : NULL;
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
