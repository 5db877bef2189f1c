/* main: the command line. Dispatches to the headless commands (cli.c) or the tutor,
 * and answers --help and --version. The contract is DESIGN.md section 3. */
#include "config.h"

#include "cli.h"
#include "lesson_load.h"
#include "spec.h"
#include "ui/ui.h"
#include "util.h"

#include <sqlite3.h>

#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <stdbool.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

/* The defaults help states, from spec: "100,10000", "select,joined,...". */
static void bench_defaults(char *sizes, char *strategies, size_t size, int *repeat)
{
	struct spec def = spec_default();
	struct spec_bench b = spec_bench_default(&def);
	size_t a = 0, k = 0;
	sizes[0] = strategies[0] = '\0';
	for (int i = 0; i < b.nsizes && a < size; i++)
		a += (size_t)snprintf(sizes + a, size - a, "%s%ld", i ? "," : "", b.sizes[i]);
	for (int i = 0; i < b.nstrategies && k < size; i++)
		k += (size_t)snprintf(strategies + k, size - k, "%s%s", i ? "," : "",
				      b.strategies[i]->name);
	*repeat = b.repeat;
}

static void help(FILE *f)
{
	struct spec def = spec_default();
	char sizes[96], strategies[96];
	int repeat;
	bench_defaults(sizes, strategies, sizeof sizes, &repeat);
	fprintf(f,
		"Usage: nplus1 [OPTION]...            start the tutor\n"
		"  or:  nplus1 run STRATEGY [OPTION]...\n"
		"  or:  nplus1 bench [OPTION]...\n"
		"  or:  nplus1 lessons [--check] [DIR]\n"
		"Learn the ORM N+1 query problem by running SQLAlchemy's loader strategies\n"
		"for real against an in-memory SQLite database.\n"
		"\n"
		"Tutor options:\n"
		"      --lesson N|NAME     start at lesson N, or the one named NAME\n"
		"      --present           projection mode: high contrast, large counter\n"
		"      --no-color          no colours (also: the NO_COLOR variable)\n"
		"      --no-mouse          no clicks or wheel: the terminal selects text\n"
		"      --lessons DIR       load lessons from DIR\n"
		"      --record FILE       record the keys pressed to FILE\n"
		"      --replay FILE       replay a recording; --speed X sets its pace\n"
		"      --cast OUT          with --replay: render it headlessly to OUT, an\n"
		"                          asciicast v2 file (asciinema-player plays it)\n"
		"\n"
		"run: load all orders and read order.customer.name for each, using STRATEGY,\n"
		"one of: %s.\n"
		"      --orders N          orders to load (default %ld)\n"
		"      --customers M       customers they belong to (default %ld)\n"
		"      --collection        load customers and read len(customer.orders)\n"
		"      --no-identity-map   every lazy load emits SQL (Django, ActiveRecord)\n"
		"      --notes BYTES       add a customers.notes column this wide (default 0)\n"
		"      --limit N           load a page of N parents (LIMIT ? OFFSET ?)\n"
		"      --latency MS        wait MS milliseconds before each statement\n"
		"      --echo              print each statement as SQLAlchemy's echo does\n"
		"      --json              print one JSON object with every statement\n"
		"  -e, --expr EXPR         instead of STRATEGY, run a SQLAlchemy expression as "
		"the\n"
		"                          tutor's : prompt does, e.g. 'session.scalars(select(\n"
		"                          Order).options(joinedload(Order.customer))).all()'\n"
		"                          (the expression sets the direction and the page)\n"
		"\n"
		"bench: time strategies over repeated runs, against the raw SQLite floor.\n"
		"      --orders N,N...     sizes (default %s)\n"
		"      --customers M       customers (default N/10 up to 100 orders, else N)\n"
		"      --strategies S,S... strategies (default %s)\n"
		"      --repeat K          timed samples after one warm-up (default %d); each\n"
		"                          repeats the run until it lasts 5 ms, and counts\n"
		"                          the mean per run\n"
		"      --sqlalchemy        also time it in real SQLAlchemy (python3, or\n"
		"                          NPLUS1_PYTHON); every row names its engine\n"
		"      --csv, --json       machine-readable output\n"
		"      (and --collection, --no-identity-map, --notes, --limit, --latency)\n"
		"\n"
		"      --help              display this help and exit\n"
		"      --version           output version information and exit\n"
		"\n"
		"Exit status: 0 success, 1 failure, 2 usage error, 3 the strategy raised.\n"
		"Examples:\n"
		"  nplus1 run select --echo           the N+1, statement by statement\n"
		"  nplus1 run joined --customers 100  the fix: 1 statement instead of 101\n"
		"  nplus1 bench --repeat 7            joinedload versus selectinload, timed\n"
		"\n"
		"See nplus1(1). Report bugs to: %s\n",
		strategy_names(), def.orders, def.customers, sizes, strategies, repeat,
		PACKAGE_BUGREPORT);
}

static void version(void)
{
	printf("nplus1 %s\n"
	       "Copyright (C) 2026 the nplus1 authors.\n"
	       "License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\n"
	       "This is free software: you are free to change and redistribute it.\n"
	       "There is NO WARRANTY, to the extent permitted by law.\n"
	       "Built with SQLite %s.\n",
	       PACKAGE_VERSION, sqlite3_libversion());
}

/* --lesson KEY: a number or a name among the lessons in dir (NULL: the default
 * directory), as 1-based; 0 after saying why not. */
static int find_lesson(const char *key, const char *dir)
{
	struct lesson_set set;
	char *err = NULL, names[512];
	if (!dir)
		dir = lesson_default_dir();
	if (lesson_load_dir(dir, &set, &err)) {
		fprintf(stderr, "nplus1: --lesson: %s\n", err);
		free(err);
		return 0;
	}
	int n = set.n < UI_MAX_LESSONS ? set.n : UI_MAX_LESSONS;
	if (n == 0) {
		char *search = dir ? NULL : lesson_search_path();
		fprintf(stderr, "nplus1: --lesson: no lessons in %s\n", dir ? dir : search);
		free(search);
		lesson_set_done(&set);
		return 0;
	}
	int i = lesson_set_find(&set, key);
	if (i < 0 || i >= n)
		fprintf(stderr,
			"nplus1: invalid value '%s' for --lesson: expected a lesson from 1 to "
			"%d or a name (%s)\n",
			key, n, lesson_set_names(&set, names, sizeof names));
	lesson_set_done(&set);
	return i >= 0 && i < n ? i + 1 : 0;
}

/* The tutor's own options; anything else is a usage error. */
static int tutor(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "lesson", required_argument, NULL, 'l' },
		{ "present", no_argument, NULL, 'p' },
		{ "no-color", no_argument, NULL, 'n' },
		{ "lessons", required_argument, NULL, 'L' },
		{ "record", required_argument, NULL, 'r' },
		{ "replay", required_argument, NULL, 'R' },
		{ "speed", required_argument, NULL, 's' },
		{ "no-mouse", no_argument, NULL, 'm' },
		{ "cast", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 },
	};
	struct ui_options o = { .lesson = 0 };
	const char *lesson = NULL;
	const char *no_color = getenv("NO_COLOR");
	o.mono = no_color && *no_color;
	int opt;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (opt) {
		case 'l': lesson = optarg; break;
		case 'n': o.mono = true; break;
		case 'm': o.no_mouse = true; break;
		case 'L': o.lessons_dir = optarg; break;
		case 'p': o.present = true; break;
		case 'r': o.record = optarg; break;
		case 'R': o.replay = optarg; break;
		case 'c': o.cast = optarg; break;
		case 's':
			if (util_parse_double(optarg, 0.1, 100, &o.speed)) {
				fprintf(stderr,
					"nplus1: invalid value '%s' for --speed: expected a "
					"factor from 0.1 to 100\n",
					optarg);
				return CLI_USAGE;
			}
			break;
		case ':':
			fprintf(stderr, "nplus1: option '%s' needs a value\n", argv[optind - 1]);
			return CLI_USAGE;
		default: {
			/* getopt takes an abbreviation (--pres); one that fits two is
			 * ambiguous, not unknown. */
			const char *bad = argv[optind - 1];
			size_t len = strcspn(bad, "=");
			char could[128] = "";
			int n = 0;
			for (const struct option *op = opts;
			     bad[0] == '-' && bad[1] == '-' && op->name; op++)
				if (len > 2 && strncmp(op->name, bad + 2, len - 2) == 0)
					snprintf(could + strlen(could),
						 sizeof could - strlen(could), "%s--%s",
						 n++ ? ", " : "", op->name);
			if (n > 1)
				fprintf(stderr, "nplus1: ambiguous option '%.*s' (could be %s)\n",
					(int)len, bad, could);
			else
				fprintf(stderr,
					"nplus1: unknown option '%s' (see 'nplus1 --help')\n", bad);
			return CLI_USAGE;
		}
		}
	}
	if (optind < argc) {
		fprintf(stderr,
			"nplus1: unknown command '%s' (commands: run, bench, lessons; "
			"see 'nplus1 --help')\n",
			argv[optind]);
		return CLI_USAGE;
	}
	if (o.record && o.replay) {
		fputs("nplus1: --record and --replay cannot be combined\n", stderr);
		return CLI_USAGE;
	}
	if (o.cast && !o.replay) {
		fputs("nplus1: --cast OUT needs --replay FILE\n", stderr);
		return CLI_USAGE;
	}
	if (o.speed && !o.replay) {
		fputs("nplus1: --speed needs --replay FILE\n", stderr);
		return CLI_USAGE;
	}
	if (lesson && (o.lesson = find_lesson(lesson, o.lessons_dir)) <= 0)
		return CLI_USAGE;
	return ui_main(&o);
}

/* arg is --NAME or an unambiguous abbreviation of it (getopt's rule, which the
 * commands' own options follow too): --help, --hel, --h. */
static bool is_long(const char *arg, const char *name)
{
	size_t n = strlen(arg);
	return n >= 3 && strncmp(arg, "--", 2) == 0 && strncmp(arg, name, n) == 0;
}

/* -h or --help anywhere before a "--", or `nplus1 help [COMMAND]`. */
static bool wants_help(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "help") == 0)
		return true;
	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "-h") == 0 || is_long(argv[i], "--help"))
			return true;
	return false;
}

static int command(int argc, char **argv)
{
	if (wants_help(argc, argv)) {
		help(stdout);
		return CLI_OK;
	}
	if (argc > 1 && is_long(argv[1], "--version")) {
		version();
		return CLI_OK;
	}
	if (argc > 1 && strcmp(argv[1], "run") == 0)
		return cli_run(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "bench") == 0)
		return cli_bench(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "lessons") == 0)
		return cli_lessons(argc - 1, argv + 1);
	return tutor(argc, argv);
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	/* Machine output (JSON, CSV, the echo) and numbers typed in (--latency 0.5,
	 * :set latency=0.5) mean '.', whatever the learner's locale writes: only the
	 * character set follows the environment. */
	setlocale(LC_NUMERIC, "C");
	/* "nplus1 -- run ...": what follows "--" is the command line proper. */
	if (argc > 1 && strcmp(argv[1], "--") == 0)
		argv[1] = argv[0], argv++, argc--;
	int rc = command(argc, argv);
	/* Output that never arrived (a full disk, a closed pipe) is a failure. */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "nplus1: write error: %s\n", strerror(errno ? errno : EIO));
		return CLI_FAILED;
	}
	return rc;
}
