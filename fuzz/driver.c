/* driver: a main() for the harnesses when they are built without libFuzzer, so
 * their corpora run as regression tests under make check.
 *
 * Every argument is a file, or a directory whose files (not its subdirectories,
 * not its hidden files) run in name order. Each file is one input to
 * LLVMFuzzerTestOneInput, reported in TAP: "ok N - path". A harness that finds
 * something aborts, which the TAP driver reports as the test's failure with the
 * file it was running; a file that cannot be read, and an argument that names no
 * input at all, are failures too, so a corpus that went missing cannot pass. */
#include "config.h"

#include "fuzz.h"

#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>

static int tests, failed;

static void report(int pass, const char *path, const char *why)
{
	printf("%sok %d - %s%s%s\n", pass ? "" : "not ", ++tests, path, why ? ": " : "",
	       why ? why : "");
	fflush(stdout);
	if (!pass)
		failed++;
}

/* The whole of path, in a buffer the caller frees; NULL with errno when unreadable. */
static uint8_t *slurp(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, n = 0, got;
	uint8_t *buf = malloc(cap);
	if (!buf)
		abort();
	while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap && !(buf = realloc(buf, cap *= 2)))
			abort();
	}
	int bad = ferror(f), saved = errno;
	fclose(f);
	if (bad) {
		free(buf);
		errno = saved ? saved : EIO;
		return NULL;
	}
	*size = n;
	return buf;
}

static void run_file(const char *path)
{
	size_t size = 0;
	uint8_t *data = slurp(path, &size);
	if (!data) {
		report(0, path, strerror(errno));
		return;
	}
	/* Named before it runs: if it crashes, the log says which file did it. */
	printf("# %s (%zu bytes)\n", path, size);
	fflush(stdout);
	LLVMFuzzerTestOneInput(data, size);
	free(data);
	report(1, path, NULL);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular, visible file of dir, in name order: how many, or -1 when dir
 * cannot be read (reported). */
static int run_dir(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d) {
		report(0, dir, strerror(errno));
		return -1;
	}
	char **paths = NULL;
	size_t n = 0, cap = 0;
	for (struct dirent *e; (e = readdir(d));) {
		if (e->d_name[0] == '.')
			continue;
		size_t len = strlen(dir) + strlen(e->d_name) + 2;
		char *path = malloc(len);
		struct stat st;
		if (!path)
			abort();
		snprintf(path, len, "%s/%s", dir, e->d_name);
		if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
			free(path);
			continue;
		}
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			char **more = realloc(paths, cap * sizeof *paths);
			if (!more)
				abort();
			paths = more;
		}
		paths[n++] = path;
	}
	closedir(d);
	qsort(paths, n, sizeof *paths, by_name);
	for (size_t i = 0; i < n; i++) {
		run_file(paths[i]);
		free(paths[i]);
	}
	free(paths);
	return (int)n;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			if (run_dir(argv[i]) == 0)
				report(0, argv[i], "no inputs in this directory");
		} else {
			run_file(argv[i]);
		}
	}
	printf("1..%d\n", tests);
	return failed ? 1 : 0;
}
