/* action: what a key (or a line typed at the prompt) asks the tutor to do. Key
 * handlers and the prompt return one and change nothing outside their own state;
 * the main loop's act() carries it out, so the effect of every key is in one
 * place and no handler ever paints. */
#ifndef NPLUS1_UI_ACTION_H
#define NPLUS1_UI_ACTION_H

#include "spec.h"
#include "ui/theme.h"

enum act {
	ACT_NONE,      /* nothing: the frame is drawn anyway */
	ACT_RELAYOUT,  /* the terminal changed size */
	ACT_QUIT,      /* leave (a replay's quit hands over the keys instead) */
	ACT_MESSAGE,   /* text on the status line in role */
	ACT_RUN,       /* spec, live; n: typed at the prompt (not r) */
	ACT_BENCH,     /* bench, timed, into the chart */
	ACT_SET,       /* spec becomes the defaults of later runs */
	ACT_SQL,       /* text against the database; n: EXPLAIN QUERY PLAN */
	ACT_RESET_DB,  /* rebuild the database on the next run */
	ACT_ASK_RESET, /* ask whether to forget every lesson's progress */
	ACT_CONFIRM,   /* the answer to that: n is yes */
	ACT_HELP,      /* open the help overlay */
	ACT_HELP_CLOSE,
	ACT_PROMPT,	   /* open the ':' line */
	ACT_FOCUS,	   /* n panes on (negative: back) */
	ACT_FOCUS_AT,	   /* the pane at index n of the pane table */
	ACT_PRESENT,	   /* projection on or off */
	ACT_BLANK,	   /* a clicker's blank screen on or off */
	ACT_FREEZE,	   /* hold the log and counter still, or catch up */
	ACT_SPEED,	   /* n steps slower (negative: faster) */
	ACT_PAUSE,	   /* pause or resume the live run */
	ACT_CANCEL,	   /* stop the live run, the running SQL or the bench */
	ACT_CLEAR_OUTPUT,  /* back from a :sql result to the log */
	ACT_MOVE,	   /* n steps on, across lessons */
	ACT_GOTO,	   /* lesson n (0-based), first step */
	ACT_ANSWER,	   /* option n (0-based) of the step's quiz */
	ACT_HINT,	   /* show or hide the step's hint */
	ACT_SOLUTION,	   /* show or hide its solution */
	ACT_INSPECT,	   /* the inspector on statement n (0: the newest) */
	ACT_INSPECT_AT,	   /* ... on the n-th statement the log keeps, oldest first */
	ACT_INSPECT_GROUP, /* ... on group n of the grouped log */
	ACT_INSPECT_ROW,   /* ... on row n of the :sql result */
	ACT_INSPECT_PLAN,  /* add the inspected statement's query plan */
	ACT_INSPECT_CLOSE,
	ACT_BENCH_DETAIL, /* the inspector on the chart's numbers */
	ACT_LESSON,	  /* n lessons on (negative: back), first step */
	ACT_GUESS_OPEN,	  /* ask for the learner's guess before r runs (@predict) */
	ACT_GUESS,	  /* key n while the guess is typed; Enter runs the step */
	/* Carried out by input.c as keys arrive, never by act(): */
	ACT_MARK,	  /* recording: a marker where replay pauses */
	ACT_REPLAY_PAUSE, /* replaying: pause or resume */
	ACT_REPLAY_STEP,  /* replaying: apply the next event now */
	ACT_REPLAY_BACK,  /* replaying: step back one event */
	/* Carried out by ui.c's loop before any dispatch, in every state: */
	ACT_REPAINT, /* the next refresh redraws every cell (Ctrl-L) */
	ACT_COUNT
};

struct action {
	enum act act;
	int n;
	struct spec spec;
	struct spec_bench bench;
	char *text; /* owned: ACT_MESSAGE, ACT_SQL */
	enum role role;
};

/* An action with no payload but n. */
struct action action_make(enum act act, int n);
/* ACT_MESSAGE with a copy of the formatted text. */
struct action action_message(enum role r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Free what an action owns. */
void action_done(struct action *a);

#endif
