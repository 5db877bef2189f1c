/* keys: see keys.h.
 *
 * The table is in the order the help overlay and the man page list the keys;
 * the dispatcher walks it layer by layer (modal states first, then a run's keys,
 * the global keys, a pending question, the step's keys, and last the focused
 * pane), taking the first entry that has the key and applies in the current
 * state. An entry without help text is a variant of the one above it (another
 * state, another direction) and shares its row.
 *
 * To add a key: add an entry below with its name (what lesson text calls it,
 * {key NAME}: lessons/README.md lists the names), layer, keys, the states it
 * applies in, what it does (an action, a handler returning one, or a pane by name), and
 * its label and help text (and bar slot, if the key bar names it). If it needs a
 * new action, add it to action.h and carry it out in ui.c's act table. Then run
 * `tests/test_keys --man` in the build tree and paste its output over the KEYS
 * section of nplus1.1.in (make check fails until the two agree). */
#include "config.h"

#include "lesson_check.h"
#include "ui/app.h"
#include "ui/input.h"
#include "ui/keys.h"
#include "ui/keys_table.h"
#include "ui/prompt.h"
#include "ui/tabs.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

static struct action key_run(const struct app *a, int ch)
{
	(void)ch;
	const struct lesson_step *st = course_step(&a->course);
	if (st && st->has_run && course_wants_guess(&a->course))
		return action_make(ACT_GUESS_OPEN, 0);
	if (st && st->has_run)
		return (struct action){ .act = ACT_RUN, .spec = st->run };
	return action_message(ROLE_DIM, "this step has no experiment; : opens the prompt to run "
					"your own");
}

static struct action key_bench(const struct app *a, int ch)
{
	(void)ch;
	const struct lesson_step *st = course_step(&a->course);
	const struct spec *d = &a->run.defaults;
	return (struct action){ .act = ACT_BENCH,
				.bench = st && st->has_chart ? lesson_chart_bench(st, d)
							     : spec_bench_default(d) };
}

/* Digits answer the step's quiz, and only that: [ and ] change lesson. */
static struct action key_digit(const struct app *a, int ch)
{
	const struct lesson_step *st = course_step(&a->course);
	if (st && st->quiz && !a->course.summary)
		return action_make(ACT_ANSWER, ch - '1');
	return action_message(ROLE_DIM, "digits answer a quiz; [ and ] change lesson");
}

static struct action key_guess(const struct app *a, int ch)
{
	(void)a;
	return action_make(ACT_GUESS, ch);
}

/* The prompt's SQLAlchemy runs on an exercise step over its @start workload. */
static const struct spec *prompt_defaults(const struct app *a, struct spec *buf)
{
	const struct lesson_step *st = course_step(&a->course);
	if (!st || !st->exercise || a->course.summary)
		return &a->run.defaults;
	/* The workload only: how a query renders (legacy or 2.0) is its own. */
	*buf = a->run.defaults;
	buf->orders = st->run.orders, buf->customers = st->run.customers;
	buf->notes = st->run.notes, buf->identity_map = st->run.identity_map;
	return buf;
}

static struct action key_confirm(const struct app *a, int ch)
{
	(void)a;
	return action_make(ACT_CONFIRM, ch == 'y' || ch == 'Y');
}

/* The wheel scrolls the pane under the pointer, focused or not, three lines a
 * notch: the pane takes Up or Down as if it had the focus. */
static struct action wheel(const struct app *a, const MEVENT *ev)
{
	int i = pane_find("inspect");
	const struct rect *r = i >= 0 ? &a->rects[i] : NULL;
	if (!a->run.inspect.open || !r || ev->y < r->y || ev->y >= r->y + r->h || ev->x < r->x ||
	    ev->x >= r->x + r->w)
		i = pane_focusable_at(a->rects, ev->y, ev->x);
	const struct pane *p = pane_get(i);
	struct action x = action_make(ACT_NONE, 0);
	for (int n = 0; n < 3 && p && p->key; n++) {
		action_done(&x);
		x = p->key(a->pane_state[i], a, ev->bstate & BUTTON4_PRESSED ? KEY_UP : KEY_DOWN,
			   &a->rects[i]);
	}
	return x;
}

/* A click: on a tab it opens that lesson; in a pane it focuses it. */
static struct action key_mouse(const struct app *a, int ch)
{
	(void)ch;
	MEVENT ev;
	if (getmouse(&ev) != OK)
		return action_make(ACT_NONE, 0);
	if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED))
		return wheel(a, &ev);
	if (ev.y == a->layout.tabs.y) {
		int i = tabs_at(&a->course, &a->layout.tabs, ev.x);
		return i < 0 ? action_make(ACT_NONE, 0) : action_make(ACT_GOTO, i);
	}
	int i = pane_focusable_at(a->rects, ev.y, ev.x);
	return i < 0 ? action_make(ACT_NONE, 0) : action_make(ACT_FOCUS_AT, i);
}

static struct action key_prompt(const struct app *a, int ch)
{
	struct spec buf;
	return prompt_key(ch, prompt_defaults(a, &buf));
}

const struct key keys_table[] = {
	/* Modal states come first: what they do not take goes nowhere. */
	{ .layer = L_MODAL, .keys = { ANY }, .when = KEYS_PROMPT, .fn = key_prompt },
	{ .layer = L_MODAL, .keys = { KEY_RESIZE }, .when = KEYS_GUESS, .act = ACT_RELAYOUT },
	{ .layer = L_MODAL, .keys = { ANY }, .when = KEYS_GUESS, .fn = key_guess },
	{ .layer = L_MODAL, .keys = { KEY_RESIZE }, .act = ACT_RELAYOUT },
	{ .layer = L_MODAL, .keys = { KEY_MOUSE }, .when = KEYS_IDLE | KEYS_HELP },
	{ .layer = L_MODAL, .keys = { ANY }, .when = KEYS_IDLE | KEYS_HELP, .act = ACT_HELP_CLOSE },
	{ .layer = L_MODAL, .keys = { 'q', 3 }, .when = KEYS_IDLE | KEYS_SMALL, .act = ACT_QUIT },
	{ .layer = L_MODAL, .keys = { ANY }, .when = KEYS_IDLE | KEYS_SMALL },

	{ .name = "run",
	  .layer = L_GLOBAL,
	  .keys = { 'r' },
	  .when = KEYS_IDLE,
	  .fn = key_run,
	  .label = "r",
	  .help = "run this step's experiment, live",
	  .man = "run this step's experiment, live: its statements stream into the log as they "
		 "execute and the counter ticks",
	  .bar = 1,
	  .bar_key = "r",
	  .bar_label = "run" },
	{ .name = "pause",
	  .layer = L_BUSY,
	  .keys = { ' ' },
	  .when = KEYS_RUNNING,
	  .act = ACT_PAUSE,
	  .label = "space",
	  .help = "pause / resume a live run",
	  .bar = 1,
	  .bar_key = "space",
	  .bar_label = "pause" },
	{ .name = "faster",
	  .layer = L_BUSY,
	  .keys = { '+', '=' },
	  .when = KEYS_RUNNING,
	  .act = ACT_SPEED,
	  .n = -1,
	  .label = "+ / -",
	  .help = "faster / slower runs (down to 1 statement per 250 ms)",
	  .bar = 2,
	  .bar_key = "+/-",
	  .bar_label = "speed" },
	{ .name = "slower",
	  .layer = L_BUSY,
	  .keys = { '-' },
	  .when = KEYS_RUNNING,
	  .act = ACT_SPEED,
	  .n = 1 },
	{ .name = "faster",
	  .layer = L_GLOBAL,
	  .keys = { '+', '=' },
	  .when = KEYS_IDLE,
	  .act = ACT_SPEED,
	  .n = -1 },
	{ .name = "slower",
	  .layer = L_GLOBAL,
	  .keys = { '-' },
	  .when = KEYS_IDLE,
	  .act = ACT_SPEED,
	  .n = 1 },
	{ .name = "stop",
	  .layer = L_BUSY,
	  .keys = { 27, 3 },
	  .when = KEYS_RUNNING,
	  .act = ACT_CANCEL,
	  .label = "Esc",
	  .help = "stop a run, a bench; close the inspector or a :sql result",
	  .bar = 3,
	  .bar_key = "Esc",
	  .bar_label = "stop" },
	{ .layer = L_BUSY, .keys = { 27, 3 }, .when = KEYS_SQL, .act = ACT_CANCEL },
	/* While a bench times, its slot on the bar says how to stop it. */
	{ .layer = L_GLOBAL,
	  .keys = { 27 },
	  .when = KEYS_IDLE | KEYS_BENCH,
	  .act = ACT_CANCEL,
	  .bar = 5,
	  .bar_key = "Esc",
	  .bar_label = "stop bench" },
	{ .layer = L_GLOBAL,
	  .keys = { 27 },
	  .when = KEYS_IDLE | KEYS_INSPECT,
	  .act = ACT_INSPECT_CLOSE },
	{ .layer = L_GLOBAL, .keys = { 27 }, .when = KEYS_IDLE, .act = ACT_CLEAR_OUTPUT },
	{ .name = "bench",
	  .layer = L_GLOBAL,
	  .keys = { 'b', 'B' },
	  .when = KEYS_IDLE,
	  .fn = key_bench,
	  .label = "b  B",
	  .help = "time the strategies for the chart",
	  .man = "time the strategies, in nplus1 then in real SQLAlchemy (python3, or "
		 "NPLUS1_PYTHON): the step's comparison, else 4 at 100 and 10,000 orders, over "
		 ":set latency; Esc stops it; d: the numbers, split into database, ORM, network",
	  .bar = 5,
	  .bar_key = "b",
	  .bar_label = "bench" },
	{ .name = "details",
	  .layer = L_GLOBAL,
	  .keys = { 'd' },
	  .when = KEYS_IDLE,
	  .act = ACT_BENCH_DETAIL,
	  .label = "d",
	  .help = "the chart's numbers",
	  .join = true },
	{ .name = "prompt",
	  .layer = L_GLOBAL,
	  .keys = { ':' },
	  .when = KEYS_IDLE,
	  .act = ACT_PROMPT,
	  .label = ":",
	  .help = "prompt: run bench set sql explain show reset, or SQLAlchemy",
	  .bar = 2,
	  .bar_key = ":",
	  .bar_label = "prompt" },
	{ .name = "answer",
	  .layer = L_STEP,
	  .keys = { '1', '2', '3', '4', '5', '6', '7', '8', '9' },
	  .when = KEYS_IDLE,
	  .fn = key_digit,
	  .label = "1-9",
	  .help = "answer the step's quiz" },
	{ .name = "prev-lesson",
	  .layer = L_STEP,
	  .keys = { '[' },
	  .when = KEYS_IDLE,
	  .act = ACT_LESSON,
	  .n = -1,
	  .label = "[ ]",
	  .help = "previous / next lesson",
	  .join = true },
	{ .name = "next-lesson",
	  .layer = L_STEP,
	  .keys = { ']' },
	  .when = KEYS_IDLE,
	  .act = ACT_LESSON,
	  .n = 1 },
	{ .name = "prev",
	  .layer = L_STEP,
	  .keys = { KEY_LEFT },
	  .when = KEYS_IDLE,
	  .unfocus = "chart",
	  .act = ACT_MOVE,
	  .n = -1,
	  .label = "Left Right",
	  .help = "previous / next step (PgUp PgDn too)" },
	{ .name = "next",
	  .layer = L_STEP,
	  .keys = { KEY_RIGHT, 'l' },
	  .when = KEYS_IDLE,
	  .unfocus = "chart",
	  .act = ACT_MOVE,
	  .n = 1,
	  .bar = 8,
	  .bar_key = "Right/PgDn",
	  .bar_label = "next" },
	/* A clicker sends PgUp and PgDn: they walk the steps unless the log scrolls. */
	{ .name = "prev",
	  .layer = L_STEP,
	  .keys = { KEY_PPAGE },
	  .when = KEYS_IDLE | KEYS_PRESENT,
	  .act = ACT_MOVE,
	  .n = -1 },
	{ .name = "next",
	  .layer = L_STEP,
	  .keys = { KEY_NPAGE },
	  .when = KEYS_IDLE | KEYS_PRESENT,
	  .act = ACT_MOVE,
	  .n = 1 },
	{ .name = "prev",
	  .layer = L_STEP,
	  .keys = { KEY_PPAGE },
	  .when = KEYS_IDLE,
	  .unfocus = "log",
	  .act = ACT_MOVE,
	  .n = -1 },
	{ .name = "next",
	  .layer = L_STEP,
	  .keys = { KEY_NPAGE },
	  .when = KEYS_IDLE,
	  .unfocus = "log",
	  .act = ACT_MOVE,
	  .n = 1 },
	{ .name = "scroll",
	  .layer = L_GLOBAL,
	  .keys = { 'j', 'k' },
	  .when = KEYS_IDLE,
	  .pane = "lesson",
	  .label = "j k",
	  .help = "scroll the lesson",
	  .join = true },
	{ .layer = L_PANE,
	  .keys = { KEY_UP, KEY_DOWN, KEY_PPAGE, KEY_NPAGE, KEY_HOME, KEY_END },
	  .when = KEYS_IDLE,
	  .pane = "",
	  .label = "Up Down",
	  .help = "scroll the focused pane (PgUp PgDn page a log)" },
	{ .name = "focus",
	  .layer = L_GLOBAL,
	  .keys = { '\t' },
	  .when = KEYS_IDLE,
	  .act = ACT_FOCUS,
	  .n = 1,
	  .label = "Tab",
	  .help = "focus the next pane: lesson, log, chart",
	  .man = "focus the next pane: lesson, log, chart (Shift-Tab the previous); a mouse "
		 "click focuses a pane or opens a lesson's tab, and the wheel scrolls the pane "
		 "under the pointer (Shift selects text meanwhile; --no-mouse leaves the mouse "
		 "to the terminal)",
	  .bar = 3,
	  .bar_key = "Tab",
	  .bar_label = "focus" },
	{ .layer = L_GLOBAL, .keys = { KEY_BTAB }, .when = KEYS_IDLE, .act = ACT_FOCUS, .n = -1 },
	{ .layer = L_GLOBAL, .keys = { KEY_MOUSE }, .when = KEYS_IDLE, .fn = key_mouse },
	{ .name = "group",
	  .layer = L_GLOBAL,
	  .keys = { 'g' },
	  .when = KEYS_IDLE,
	  .pane = "log",
	  .label = "g",
	  .help = "group identical statements",
	  .man = "group identical statements in the log (x10 similar, params 1...10)",
	  .bar = 4,
	  .bar_key = "g",
	  .bar_label = "group" },
	{ .name = "expand",
	  .layer = L_PANE,
	  .keys = { 'e' },
	  .when = KEYS_IDLE,
	  .unless = KEYS_INSPECT,
	  .focus = "log",
	  .pane = "log",
	  .label = "e",
	  .help = "expand a group",
	  .join = true },
	{ .name = "inspect",
	  .layer = L_GLOBAL,
	  .keys = { '\r', '\n', KEY_ENTER },
	  .when = KEYS_IDLE,
	  .pane = "log",
	  .label = "Enter",
	  .help = "the inspector: a statement whole (selected, else newest)",
	  .man = "open the statement inspector on the log's selected line (the newest when the "
		 "log has not the focus), a group with every parameter set, or a :sql result's "
		 "row: the whole text, wrapped, with its parameters, rows, time and how often it "
		 "ran; :show N opens statement N" },
	{ .name = "plan",
	  .layer = L_GLOBAL,
	  .keys = { 'e' },
	  .when = KEYS_IDLE | KEYS_INSPECT,
	  .act = ACT_INSPECT_PLAN,
	  .label = "e",
	  .help = "its query plan",
	  .man = "in the inspector, e adds the statement's EXPLAIN QUERY PLAN, asked of the "
		 "engine as :explain is",
	  .join = true },
	{ .layer = L_GLOBAL,
	  .keys = { KEY_UP, KEY_DOWN, 'k', 'j', KEY_PPAGE, KEY_NPAGE, KEY_HOME, KEY_END },
	  .when = KEYS_IDLE | KEYS_INSPECT,
	  .pane = "inspect" },
	{ .layer = L_GLOBAL,
	  .keys = { KEY_LEFT, KEY_RIGHT },
	  .when = KEYS_IDLE | KEYS_RESULT,
	  .unless = KEYS_INSPECT,
	  .focus = "log",
	  .pane = "log" },
	{ .name = "scale",
	  .layer = L_GLOBAL,
	  .keys = { 'L' },
	  .when = KEYS_IDLE,
	  .pane = "chart",
	  .label = "L",
	  .help = "chart: linear / log scale" },
	{ .name = "hint",
	  .layer = L_STEP,
	  .keys = { 'h' },
	  .when = KEYS_IDLE,
	  .act = ACT_HINT,
	  .label = "h",
	  .help = "the step's hint" },
	{ .name = "solution",
	  .layer = L_STEP,
	  .keys = { 'S' },
	  .when = KEYS_IDLE,
	  .act = ACT_SOLUTION,
	  .label = "S",
	  .help = "its solution",
	  .join = true },
	{ .name = "present",
	  .layer = L_GLOBAL,
	  .keys = { 'P' },
	  .when = KEYS_IDLE,
	  .act = ACT_PRESENT,
	  .label = "P",
	  .help = "projection: big counter, high contrast" },
	{ .name = "freeze",
	  .layer = L_GLOBAL,
	  .keys = { 'f' },
	  .when = KEYS_IDLE,
	  .act = ACT_FREEZE,
	  .label = "f",
	  .help = "freeze log and counter; f again catches up" },
	{ .layer = L_BUSY, .keys = { 'f' }, .when = KEYS_RUNNING, .act = ACT_FREEZE },
	{ .name = "blank",
	  .layer = L_MODAL,
	  .keys = { 'b', '.' },
	  .when = KEYS_IDLE | KEYS_PRESENT,
	  .act = ACT_BLANK,
	  .label = "b  .",
	  .help = "presenting: blank / unblank the screen" },
	{ .layer = L_MODAL, .keys = { 'q' }, .when = KEYS_IDLE | KEYS_BLANK, .act = ACT_QUIT },
	{ .layer = L_MODAL, .keys = { ANY }, .when = KEYS_IDLE | KEYS_BLANK },
	{ .name = "mark",
	  .layer = L_INPUT,
	  .keys = { 'M' },
	  .when = KEYS_RECORD,
	  .act = ACT_MARK,
	  .label = "M",
	  .help = "recording: a marker where replay will pause" },
	{ .layer = L_INPUT,
	  .keys = { ' ' },
	  .when = KEYS_REPLAY,
	  .act = ACT_REPLAY_PAUSE,
	  .label = "space n <",
	  .help = "replaying: pause, step one, step back one" },
	{ .layer = L_INPUT, .keys = { 'n' }, .when = KEYS_REPLAY, .act = ACT_REPLAY_STEP },
	{ .layer = L_INPUT, .keys = { '<' }, .when = KEYS_REPLAY, .act = ACT_REPLAY_BACK },
	{ .name = "help",
	  .layer = L_GLOBAL,
	  .keys = { '?', KEY_F(1) },
	  .when = KEYS_IDLE,
	  .act = ACT_HELP,
	  .label = "? F1",
	  .help = "this help",
	  .bar = 6,
	  .bar_key = "?",
	  .bar_label = "help" },
	{ .name = "quit",
	  .layer = L_GLOBAL,
	  .keys = { 'q', 3 },
	  .when = KEYS_IDLE,
	  .act = ACT_QUIT,
	  .label = "q",
	  .help = "quit (Ctrl-C too)",
	  .join = true,
	  .man = "quit; Ctrl-C also quits, and the terminal is restored",
	  .bar = 7,
	  .bar_key = "q",
	  .bar_label = "quit" },
	{ .layer = L_BUSY,
	  .keys = { 'q' },
	  .when = KEYS_RUNNING,
	  .act = ACT_QUIT,
	  .bar = 4,
	  .bar_key = "q",
	  .bar_label = "quit" },
	/* Read before any other row, in every state, the prompt's too (ui.c). */
	{ .layer = L_INPUT,
	  .keys = { 'L' & 0x1f },
	  .act = ACT_REPAINT,
	  .label = "^L",
	  .help = "repaint the screen",
	  .man = "repaint the whole screen (Ctrl-L), as after another program wrote over it",
	  .join = true },
	{ .layer = L_CONFIRM,
	  .keys = { ANY },
	  .when = KEYS_IDLE | KEYS_CONFIRM,
	  .fn = key_confirm },
	/* Whatever is left is the focused pane's: the chart pages with Left and Right. */
	{ .layer = L_PANE, .keys = { ANY }, .when = KEYS_IDLE, .pane = "" },
};

const size_t keys_table_size = sizeof keys_table / sizeof *keys_table;

bool keys_has(const struct key *k, int ch)
{
	for (int i = 0; i < KEYS_MAX && k->keys[i]; i++)
		if (k->keys[i] == ch || k->keys[i] == ANY)
			return true;
	return false;
}

bool keys_applies(const struct key *k, unsigned state)
{
	return (k->when & state) == k->when && !(k->unless & state);
}

static bool focus_fits(const struct key *k, int focus)
{
	return (!k->focus || pane_find(k->focus) == focus) &&
	       (!k->unfocus || pane_find(k->unfocus) != focus);
}

unsigned keys_state(const struct app *a)
{
	unsigned s = a->run.busy == RUN_LIVE  ? KEYS_RUNNING
		     : a->run.busy == RUN_SQL ? KEYS_SQL
					      : KEYS_IDLE;
	s |= prompt_is_open() ? KEYS_PROMPT : 0;
	s |= a->help ? KEYS_HELP : 0;
	s |= a->layout.small ? KEYS_SMALL : 0;
	s |= a->present ? KEYS_PRESENT : 0;
	s |= a->blank ? KEYS_BLANK : 0;
	s |= a->course.confirm_reset ? KEYS_CONFIRM : 0;
	s |= a->course.guess && a->course.guess->typing ? KEYS_GUESS : 0;
	s |= input_replaying(a->input) ? KEYS_REPLAY : 0;
	s |= input_recording(a->input) ? KEYS_RECORD : 0;
	s |= a->run.inspect.open ? KEYS_INSPECT : 0;
	s |= a->run.has_output ? KEYS_RESULT : 0;
	s |= run_bench_active(&a->run) ? KEYS_BENCH : 0;
	return s;
}

static struct action carry_out(const struct key *k, const struct app *a, int ch)
{
	if (k->fn)
		return k->fn(a, ch);
	if (k->pane) {
		int i = *k->pane ? pane_find(k->pane) : a->focus;
		const struct pane *p = pane_get(i);
		if (!p || !p->key)
			return action_make(ACT_NONE, 0);
		return p->key(a->pane_state[i], a, ch, &a->rects[i]);
	}
	return action_make(k->act, k->n);
}

const struct key *keys_lookup(int ch, unsigned state, int focus, enum layer first)
{
	for (enum layer l = first; l < L_COUNT; l++)
		for (const struct key *k = keys_table; k < keys_table + keys_table_size; k++)
			if (k->layer == l && keys_has(k, ch) && keys_applies(k, state) &&
			    focus_fits(k, focus))
				return k;
	return NULL;
}

struct action keys_dispatch(const struct app *a, int ch)
{
	const struct key *k = keys_lookup(ch, keys_state(a), a->focus, L_MODAL);
	return k ? carry_out(k, a, ch) : action_make(ACT_NONE, 0);
}

/* How the help and the lesson text write key ch. */
enum act keys_input(int ch, unsigned state)
{
	for (const struct key *k = keys_table; k < keys_table + keys_table_size; k++)
		if (k->layer == L_INPUT && keys_has(k, ch) && keys_applies(k, state))
			return k->act;
	return ACT_NONE;
}
