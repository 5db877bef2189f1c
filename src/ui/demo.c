/* demo: see demo.h. */
#include "config.h"

#include "cast.h"
#include "replay.h"
#include "ui/app.h"
#include "ui/demo.h"
#include "ui/input.h"
#include "util.h"

#include <curses.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { CAST_COLS = 80, CAST_LINES = 24, CHUNK = 1 << 16 };

struct demo_cast {
	struct cast *cast;
	FILE *out, *in; /* what curses writes to and reads from */
	long long read; /* bytes of out already in the cast */
	int failed;
};

void demo_options(struct app *a)
{
	const struct replay_start *st = input_start(a->input);
	if (!st)
		return;
	if (st->lesson > 0)
		a->opt.lesson = st->lesson;
	if (st->present)
		a->opt.present = a->present = true;
}

void demo_start(struct app *a)
{
	const struct replay_start *st = input_start(a->input);
	if (!st)
		return;
	if (st->step > 1 && course_step(&a->course))
		course_goto(&a->course, a->course.lesson, st->step - 1);
	a->run.speed = st->pace < RUN_SPEEDS ? st->pace : RUN_SPEEDS - 1;
}

void demo_begin(struct app *a)
{
	if (input_recording(a->input)) {
		struct replay_start st = { .known = 1,
					   .lesson = a->course.lesson + 1,
					   .step = a->course.step + 1,
					   .cols = COLS,
					   .lines = LINES,
					   .pace = a->run.speed,
					   .present = a->present };
		snprintf(st.version, sizeof st.version, "%s", PACKAGE_VERSION);
		input_record_start(a->input, &st);
		return;
	}
	const struct replay_start *st = input_start(a->input);
	if (!st)
		return;
	char warning[160] = "";
	bool version = st->version[0] && strcmp(st->version, PACKAGE_VERSION) != 0;
	bool size = st->cols && (st->cols != COLS || st->lines != LINES);
	char at[40] = "";
	if (size)
		snprintf(at, sizeof at, " at %dx%d", st->cols, st->lines);
	if (version || size)
		snprintf(warning, sizeof warning, "recorded%s%s%s; may differ",
			 version ? " by nplus1 " : "", version ? st->version : "", at);
	input_warn(a->input, warning);
}

struct demo_cast *demo_cast_open(struct app *a, const char *path, void **out, void **in, char **err)
{
	const struct replay_start *st = input_start(a->input);
	int cols = st && st->cols ? st->cols : CAST_COLS;
	int lines = st && st->lines ? st->lines : CAST_LINES;
	/* A cast is played in a browser, which reads UTF-8: full blocks and lines. */
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
	struct demo_cast *c = util_calloc(1, sizeof *c);
	c->out = tmpfile();
	c->in = fopen("/dev/null", "r");
	char title[160];
	const char *name = strrchr(a->opt.replay, '/');
	snprintf(title, sizeof title, "nplus1 %s: %s", PACKAGE_VERSION,
		 name ? name + 1 : a->opt.replay);
	if (!c->out || !c->in) {
		*err = util_printf("--cast: cannot make a temporary file for the screen");
	} else if ((c->cast = cast_open(path, cols, lines, title, err))) {
		/* curses takes the size from these when its output is no terminal */
		char buf[16];
		snprintf(buf, sizeof buf, "%d", cols);
		setenv("COLUMNS", buf, 1);
		snprintf(buf, sizeof buf, "%d", lines);
		setenv("LINES", buf, 1);
		input_cast(a->input);
		*out = c->out, *in = c->in;
		return c;
	}
	if (c->out)
		fclose(c->out);
	if (c->in)
		fclose(c->in);
	free(c);
	return NULL;
}

void demo_cast_frame(struct app *a)
{
	struct demo_cast *c = a->cast;
	if (!c || c->failed)
		return;
	fflush(c->out);
	char *buf = util_malloc(CHUNK);
	double t = input_clock_ms(a->input) / 1000;
	for (;;) {
		ssize_t got = pread(fileno(c->out), buf, CHUNK, (off_t)c->read);
		if (got <= 0)
			break;
		c->read += got;
		if (cast_output(c->cast, t, buf, (size_t)got))
			c->failed = 1;
	}
	free(buf);
}

int demo_cast_close(struct demo_cast *c, char **err)
{
	if (!c)
		return 0;
	int rc = cast_close(c->cast, err);
	fclose(c->out);
	fclose(c->in);
	free(c);
	return rc;
}
