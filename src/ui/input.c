/* input: see input.h. */
#include "config.h"

#include "replay.h"
#include "ui/input.h"
#include "ui/keys.h"
#include "ui/status.h"
#include "util.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct input {
	struct replay rp;
	bool replaying, paused, quiet;
	double speed;
	size_t next;	   /* the next event to apply */
	size_t target;	   /* quiet replay stops before this event */
	int64_t due_ns;	   /* when the next event fires, in real time */
	int64_t vclock;	   /* quiet replay: virtual ms since the last event */
	bool cast;	   /* a headless replay: virtual time, every frame drawn */
	double clock_ms;   /* a headless replay: virtual ms up to the last event */
	char note[160];	   /* the last marker's text */
	char warning[160]; /* the recording's version or size differs */
	struct replay_writer *rec;
	int64_t last_ns;  /* recording: when the previous key came */
	bool from_replay; /* the last key returned was a recorded one */
	struct status *status;
	void (*where)(void *ctx, char *buf, size_t size);
	void *where_ctx;
	char *cut;	   /* the recording was cut short: where, and what is replayed */
	int64_t polled_ns; /* the keyboard was last read while events fired back to back */
};

enum { POLL_NS = 50000000 };

struct input *input_new(struct status *status)
{
	struct input *in = util_calloc(1, sizeof *in);
	in->status = status;
	return in;
}

void input_on_mark(struct input *in, void (*where)(void *ctx, char *buf, size_t size), void *ctx)
{
	in->where = where;
	in->where_ctx = ctx;
}

/* Curses knows its key names; the replay format borrows them. */
static int resolve(const char *name)
{
	for (int k = KEY_MIN; k <= KEY_MAX; k++) {
		const char *n = keyname(k);
		if (n && strcmp(n, name) == 0)
			return k;
	}
	return -1;
}

int input_replay(struct input *in, const char *path, double speed, char **err)
{
	if (replay_load_cut(path, resolve, &in->rp, err, &in->cut))
		return -1;
	in->replaying = in->rp.n > 0;
	in->speed = speed > 0 ? speed : 1;
	in->due_ns = 0;
	return 0;
}

int input_record(struct input *in, const char *path, char **err)
{
	if (!(in->rec = replay_writer_open(path, err)))
		return -1;
	in->last_ns = util_now_ns();
	return 0;
}

void input_record_start(struct input *in, const struct replay_start *start)
{
	char *err = NULL;
	if (!in->rec || replay_write_start(in->rec, start, &err) == 0)
		return;
	status_set(in->status, ROLE_ERROR, "recording stopped: %s", err);
	free(err);
	replay_writer_close(in->rec, &err);
	free(err);
	in->rec = NULL;
}

const struct replay_start *input_start(const struct input *in)
{
	return in && in->rp.start.known ? &in->rp.start : NULL;
}

void input_warn(struct input *in, const char *text)
{
	snprintf(in->warning, sizeof in->warning, "%s", text ? text : "");
}

int input_done(struct input *in, char **err)
{
	int rc = 0;
	if (!in)
		return 0;
	if (in->rec)
		rc = replay_writer_close(in->rec, err);
	replay_done(&in->rp);
	free(in->cut);
	free(in);
	return rc;
}

bool input_quiet(const struct input *in) { return in && in->quiet; }
bool input_replayed(const struct input *in) { return in && in->from_replay; }
bool input_replaying(const struct input *in) { return in && in->replaying; }
bool input_recording(const struct input *in) { return in && in->rec; }

void input_stop(struct input *in, const char *why)
{
	if (in && in->replaying) {
		in->replaying = false;
		status_set(in->status, ROLE_NORMAL, "%s", why);
	}
}

const char *input_status(const struct input *in, char *buf, int size)
{
	if (!in || !in->replaying)
		return NULL;
	/* A warning before the controls: what may make this replay differ matters
	 * more than how to drive it, where the line is cut. */
	snprintf(buf, (size_t)size, "replay %zu/%zu%s%s%s%s%s  (space %s, n step, < back)",
		 in->next, in->rp.n, in->paused ? " paused" : "", in->note[0] ? ": " : "", in->note,
		 in->warning[0] ? "; " : "", in->warning, in->paused ? "resumes" : "pauses");
	return buf;
}

static void schedule(struct input *in)
{
	if (in->next < in->rp.n)
		in->due_ns = util_now_ns() +
			     (int64_t)((double)in->rp.events[in->next].delay_ms * 1e6 / in->speed);
}

static void record(struct input *in, int ch)
{
	if (!in->rec || ch == KEY_RESIZE || ch == KEY_MOUSE || ch == ERR)
		return;
	char buf[64], *err = NULL;
	int64_t now = util_now_ns();
	replay_key_text(ch, ch >= 256 ? keyname(ch) : NULL, buf, sizeof buf);
	if (replay_write_key(in->rec, (now - in->last_ns) / 1000000, buf, &err)) {
		status_set(in->status, ROLE_ERROR, "recording stopped: %s", err);
		free(err);
		char *ignored = NULL;
		replay_writer_close(in->rec, &ignored);
		free(ignored);
		in->rec = NULL;
	}
	in->last_ns = now;
}

/* A marker while recording ('M'): replay will stop here and show where it was. */
static bool mark(struct input *in)
{
	char note[96] = "", *err = NULL;
	if (in->where)
		in->where(in->where_ctx, note, sizeof note);
	if (replay_write_pause(in->rec, note, &err)) {
		status_set(in->status, ROLE_ERROR, "recording: %s", err);
		free(err);
		return false;
	}
	in->last_ns = util_now_ns();
	status_set(in->status, ROLE_NORMAL, "marker recorded: replay will pause here (%s)", note);
	return true;
}

/* Apply the next event: a key is returned, a marker pauses the replay. */
static int fire(struct input *in)
{
	const struct replay_event *e = &in->rp.events[in->next++];
	/* Virtual time: the event came its delay after the last one, or later if
	 * a run took longer than that. */
	double delay = (double)e->delay_ms;
	in->clock_ms += (double)in->vclock > delay ? (double)in->vclock : delay;
	in->vclock = 0;
	if (in->quiet && in->next >= in->target) { /* caught up: show where we are */
		in->quiet = false;
		in->paused = true;
	}
	if (e->kind == REPLAY_PAUSE) {
		snprintf(in->note, sizeof in->note, "%s", e->text);
		in->paused = !in->quiet && !in->cast;
		schedule(in);
		return INPUT_REDRAW;
	}
	schedule(in);
	in->from_replay = true;
	if (in->next >= in->rp.n && !in->quiet && !in->cast) {
		in->replaying = false;
		if (in->cut) /* what was left out is said where the replay ends */
			status_set(in->status, ROLE_ERROR, "replay finished, cut short: %s",
				   in->cut);
		else
			status_set(in->status, ROLE_NORMAL, "replay finished: you have the keys");
	}
	return e->key;
}

void input_rewind(struct input *in)
{
	/* Back one key: markers after it go too, having changed nothing on screen. */
	size_t back = in->next;
	while (back > 0 && in->rp.events[back - 1].kind == REPLAY_PAUSE)
		back--;
	in->target = back > 1 ? back - 1 : 0;
	in->next = 0;
	in->note[0] = '\0';
	in->quiet = in->target > 0;
	in->paused = !in->quiet;
	in->replaying = true;
}

/* A key from the keyboard while replaying: the replay's own controls, or the
 * learner taking over. */
static int control(struct input *in, int ch)
{
	if (ch == KEY_RESIZE || ch == KEY_MOUSE)
		return ch;
	switch (keys_input(ch, KEYS_REPLAY)) {
	case ACT_REPLAY_PAUSE:
		in->paused = !in->paused;
		if (!in->paused)
			schedule(in);
		return INPUT_REDRAW;
	case ACT_REPLAY_STEP:
		if (in->next < in->rp.n)
			return fire(in);
		return INPUT_REDRAW;
	case ACT_REPLAY_BACK: return INPUT_RESTART;
	case ACT_REPAINT: return ch; /* the screen's, not a takeover */
	default: break;
	}
	in->replaying = false;
	status_set(in->status, ROLE_NORMAL, "replay stopped: you have the keys");
	return ch;
}

void input_cast(struct input *in) { in->cast = true; }
bool input_virtual(const struct input *in) { return in && (in->quiet || in->cast); }
double input_clock_ms(const struct input *in)
{
	return (in->clock_ms + (double)in->vclock) / in->speed;
}

int input_key(struct input *in, int timeout_ms, int run_ms)
{
	in->from_replay = false;
	if (in->cast) {
		/* Headless: the recording is all the keys there are; its end, or its
		 * last q, ends the cast. */
		in->vclock += run_ms;
		if (in->next >= in->rp.n || !in->replaying)
			return timeout_ms < 0 ? INPUT_GONE : ERR;
		if (timeout_ms >= 0 && run_ms >= 0 && in->rp.events[in->next].delay_ms > in->vclock)
			return ERR;
		return fire(in);
	}
	if (in->quiet) {
		/* Quiet: no waiting, time is virtual. A run takes only what came while it
		 * ran; idle, the next event is simply next. */
		in->vclock += run_ms;
		if (in->next >= in->rp.n) {
			in->quiet = false;
			return INPUT_REDRAW;
		}
		if (timeout_ms >= 0 && run_ms >= 0 && in->rp.events[in->next].delay_ms > in->vclock)
			return ERR;
		return fire(in);
	}
	for (;;) {
		int wait = timeout_ms;
		bool replay_due = in->replaying && !in->paused && in->next < in->rp.n;
		if (replay_due) {
			int64_t now = util_now_ns(), left = (in->due_ns - now) / 1000000;
			/* Events due back to back still let Esc and q through. */
			if (left <= 0 && now - in->polled_ns < POLL_NS)
				return fire(in);
			if (left <= 0) {
				in->polled_ns = now;
				left = 0;
			}
			if (wait < 0 || left < wait)
				wait = (int)left;
		}
		timeout(wait);
		int ch = getch();
		timeout(-1);
		if (ch == ERR) {
			if (replay_due && util_now_ns() >= in->due_ns)
				continue; /* the event is due now */
			/* A blocking read that returns nothing means the terminal is gone
			 * (hung up, closed): waiting again would spin. */
			return wait < 0 ? INPUT_GONE : ERR;
		}
		if (in->replaying)
			return control(in, ch);
		if (in->rec && keys_input(ch, KEYS_RECORD) == ACT_MARK) {
			mark(in);
			return INPUT_REDRAW;
		}
		record(in, ch);
		return ch;
	}
}
