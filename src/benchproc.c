/* benchproc: see benchproc.h.
 *
 * Lines are assembled in a buffer from the non-blocking stdout pipe; a line
 * that is not a row (a stray print) is skipped. A SQLAlchemy child that exits
 * 77 (no SQLAlchemy there) or 127 (no such interpreter) before any row gives way
 * to the next interpreter on the list. */
#include "config.h"

#include "benchproc.h"
#include "cancel.h"
#include "sbuf.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef PKGDATADIR
#define PKGDATADIR "."
#endif

enum { MAX_ARGS = 40, MAX_LINE = 1 << 16 };

struct benchproc {
	pid_t pid;
	int out, err;	  /* the child's stdout and stderr, -1 once closed */
	struct sbuf line; /* stdout not yet parsed */
	char last_err[240];
	size_t err_len;
	char *error;
	bool missing, done;
	int rows;
	/* SQLAlchemy: the interpreters still to try, and the script's arguments */
	const char *pythons[3];
	int npythons, next_python;
	char *argv[MAX_ARGS];
	int argc;
};

/* The script: NPLUS1_SQLA_BENCH, else the installed copy. Nothing of the build
 * tree is compiled in (the tests name the source tree's copy). */
static const char *script_path(void)
{
	const char *env = getenv("NPLUS1_SQLA_BENCH");
	return env && *env ? env : PKGDATADIR "/sqla_bench.py";
}

static void add_arg(struct benchproc *p, char *arg)
{
	if (p->argc < MAX_ARGS - 1)
		p->argv[p->argc++] = arg;
	else
		free(arg);
}

/* The plan as the script's command line. */
static void script_args(struct benchproc *p, const struct spec_bench *plan)
{
	struct sbuf b;
	add_arg(p, NULL); /* the interpreter, filled in at each try */
	add_arg(p, util_strdup(script_path()));
	sbuf_init(&b);
	for (int k = 0; k < plan->nstrategies; k++)
		sbuf_addf(&b, "%s%s", k ? "," : "", plan->strategies[k]->name);
	add_arg(p, util_printf("--strategies=%s", sbuf_str(&b)));
	sbuf_clear(&b);
	for (int i = 0; i < plan->nsizes; i++)
		sbuf_addf(&b, "%s%ld", i ? "," : "", plan->sizes[i]);
	add_arg(p, util_printf("--orders=%s", sbuf_str(&b)));
	sbuf_done(&b);
	const struct spec *s = &plan->base;
	add_arg(p, util_printf("--customers=%ld", s->customers));
	add_arg(p, util_printf("--notes=%ld", s->notes));
	add_arg(p, util_printf("--limit=%ld", s->limit));
	add_arg(p, util_printf("--latency=%g", s->latency_ms));
	add_arg(p, util_printf("--repeat=%d", plan->repeat));
	if (s->collection)
		add_arg(p, util_strdup("--collection"));
	if (!s->identity_map)
		add_arg(p, util_strdup("--no-identity-map"));
}

static void nonblocking(int fd) { fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK); }

/* fork with the two pipes; in the child, run() never returns. -1 when fork or
 * pipe failed (p->error says so). */
static int spawn(struct benchproc *p, void (*run)(void *ctx), void *ctx)
{
	int out[2], err[2];
	if (pipe(out))
		goto fail;
	if (pipe(err)) {
		close(out[0]), close(out[1]);
		goto fail;
	}
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	if (pid < 0) {
		close(out[0]), close(out[1]), close(err[0]), close(err[1]);
		goto fail;
	}
	if (pid == 0) {
		setpgid(0, 0);
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		signal(SIGPIPE, SIG_DFL);
		int null = open("/dev/null", O_RDONLY);
		if (null >= 0)
			dup2(null, STDIN_FILENO);
		dup2(out[1], STDOUT_FILENO);
		dup2(err[1], STDERR_FILENO);
		close(out[0]), close(out[1]), close(err[0]), close(err[1]);
		run(ctx);
		_exit(127);
	}
	close(out[1]), close(err[1]);
	p->pid = pid;
	p->out = out[0], p->err = err[0];
	nonblocking(p->out);
	nonblocking(p->err);
	p->err_len = 0;
	p->last_err[0] = '\0';
	return 0;
fail:
	p->error = util_printf("cannot start the timer: %s", strerror(errno));
	return -1;
}

static void run_python(void *ctx)
{
	struct benchproc *p = ctx;
	execvp(p->argv[0], p->argv);
	_exit(127);
}

/* The next interpreter, or the end of the list (p->missing). */
static void try_next_python(struct benchproc *p)
{
	while (p->next_python < p->npythons) {
		p->argv[0] = (char *)p->pythons[p->next_python++];
		if (spawn(p, run_python, p) == 0)
			return;
		return; /* fork failed: p->error says so */
	}
	p->missing = true;
	p->error = util_strdup(BENCHPROC_NO_SQLALCHEMY);
}

static struct benchproc *new_proc(void)
{
	struct benchproc *p = util_calloc(1, sizeof *p);
	p->pid = -1;
	p->out = p->err = -1;
	sbuf_init(&p->line);
	return p;
}

struct benchproc *benchproc_sqlalchemy(const struct spec_bench *plan)
{
	struct benchproc *p = new_proc();
	const char *env = getenv("NPLUS1_PYTHON");
	if (env && *env) {
		p->pythons[p->npythons++] = env;
	} else {
		p->pythons[p->npythons++] = "python3";
		p->pythons[p->npythons++] = "/usr/bin/python3";
	}
	script_args(p, plan);
	struct stat st;
	if (stat(p->argv[1], &st) != 0) {
		p->error = util_printf("the SQLAlchemy timer %s is not installed (make install, or "
				       "set NPLUS1_SQLA_BENCH to data/sqla_bench.py)",
				       p->argv[1]);
		return p;
	}
	try_next_python(p);
	return p;
}

struct engine_child {
	const struct spec_bench *plan;
};

static void run_engine(void *ctx)
{
	const struct engine_child *c = ctx;
	/* The parent's poll reads its terminal and draws: not from here, where
	 * stdout is the pipe. The parent stops this child by killing it. */
	cancel_set_poll(NULL, NULL);
	cancel_clear();
	_exit(bench_engine_to_fd(c->plan, STDOUT_FILENO) ? 1 : 0);
}

struct benchproc *benchproc_engine(const struct spec_bench *plan)
{
	struct benchproc *p = new_proc();
	struct engine_child c = { plan };
	spawn(p, run_engine, &c);
	return p;
}

/* Parse and hand on every complete line in p->line. */
static void take_lines(struct benchproc *p, bench_row_fn row, void *ctx)
{
	size_t used = 0;
	while (p->line.len > used) {
		char *start = p->line.data + used;
		char *nl = memchr(start, '\n', p->line.len - used);
		if (!nl)
			break;
		*nl = '\0';
		used = (size_t)(nl - p->line.data) + 1;
		struct benchrow r;
		if (benchrow_parse(start, &r, NULL))
			continue;
		if (!strcmp(r.strategy, "error") && r.error[0]) { /* the engine failed */
			free(p->error);
			p->error = util_strdup(r.error);
			continue;
		}
		p->rows++;
		row(ctx, &r);
	}
	/* What is left is the start of a line; a runaway line is dropped. */
	if (!p->line.data) /* nothing has arrived yet */
		return;
	size_t left = p->line.len - used;
	if (left > MAX_LINE)
		left = 0;
	memmove(p->line.data, p->line.data + used, left);
	p->line.len = left;
	p->line.data[left] = '\0';
}

/* Keep the last line of the child's stderr, for the message. */
static void take_stderr(struct benchproc *p)
{
	char buf[512];
	ssize_t n;
	while ((n = read(p->err, buf, sizeof buf)) > 0)
		for (ssize_t i = 0; i < n; i++) {
			if (buf[i] == '\n') {
				if (p->err_len)
					p->last_err[p->err_len] = '\0', p->err_len = 0;
				continue;
			}
			if (p->err_len == 0)
				p->last_err[0] = '\0';
			if (p->err_len + 1 < sizeof p->last_err)
				p->last_err[p->err_len++] = buf[i];
			p->last_err[p->err_len] = '\0';
		}
	if (n == 0) {
		close(p->err);
		p->err = -1;
	}
}

/* The child has closed its stdout: reap it and decide. */
static enum benchproc_state finish(struct benchproc *p)
{
	int status = 0;
	while (waitpid(p->pid, &status, 0) < 0 && errno == EINTR)
		;
	p->pid = -1;
	if (p->err >= 0) {
		take_stderr(p);
		if (p->err >= 0)
			close(p->err);
		p->err = -1;
	}
	int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	bool sqla = p->npythons > 0;
	if (sqla && p->rows == 0 && (code == 77 || code == 127)) {
		try_next_python(p);
		return p->error ? BENCHPROC_FAILED : BENCHPROC_RUNNING;
	}
	p->done = true;
	if (code != 0 && !p->error)
		p->error = util_printf("the %s timer stopped (exit %d)%s%s",
				       sqla ? "SQLAlchemy" : "engine", code,
				       p->last_err[0] ? ": " : "", p->last_err);
	return p->error ? BENCHPROC_FAILED : BENCHPROC_DONE;
}

enum benchproc_state benchproc_poll(struct benchproc *p, int timeout_ms, bench_row_fn row,
				    void *ctx)
{
	for (;;) {
		if (p->error && p->out < 0)
			return BENCHPROC_FAILED;
		if (p->done)
			return BENCHPROC_DONE;
		if (p->out < 0) /* spawn failed */
			return BENCHPROC_FAILED;
		struct pollfd fds[2] = { { p->out, POLLIN, 0 }, { p->err, POLLIN, 0 } };
		int n = poll(fds, p->err >= 0 ? 2 : 1, timeout_ms);
		if (n < 0 && errno != EINTR)
			return BENCHPROC_RUNNING;
		if (p->err >= 0 && fds[1].revents)
			take_stderr(p);
		bool eof = false;
		if (fds[0].revents) {
			char buf[4096];
			ssize_t got;
			while ((got = read(p->out, buf, sizeof buf)) > 0)
				sbuf_addn(&p->line, buf, (size_t)got);
			eof = got == 0;
			take_lines(p, row, ctx);
		}
		if (eof) {
			close(p->out);
			p->out = -1;
			enum benchproc_state st = finish(p);
			if (st != BENCHPROC_RUNNING || timeout_ms >= 0)
				return st;
			continue; /* the next interpreter, waited for */
		}
		if (timeout_ms >= 0)
			return BENCHPROC_RUNNING;
	}
}

const char *benchproc_error(const struct benchproc *p) { return p->error; }
bool benchproc_missing(const struct benchproc *p) { return p->missing; }
int benchproc_rows(const struct benchproc *p) { return p->rows; }

void benchproc_free(struct benchproc *p)
{
	if (!p)
		return;
	if (p->pid > 0) {
		kill(p->pid, SIGKILL);
		while (waitpid(p->pid, NULL, 0) < 0 && errno == EINTR)
			;
	}
	if (p->out >= 0)
		close(p->out);
	if (p->err >= 0)
		close(p->err);
	for (int i = 1; i < p->argc; i++)
		free(p->argv[i]);
	sbuf_done(&p->line);
	free(p->error);
	free(p);
}
