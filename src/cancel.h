/* cancel: one way to stop long work, shared by the engine and its front ends.
 *
 * The engine's long loops (building a dataset, stepping rows, a statement's
 * progress handler, a latency wait, timed rounds) call cancel_check() often. A
 * front end registers one poll function that cancel_check() calls at most every
 * CANCEL_POLL_MS: it reads keys, draws, looks at signals, and answers whether to
 * stop. Once a stop is requested, the work in progress unwinds as a failure
 * ("interrupted") and the front end, seeing cancel_requested(), reports it as
 * cancelled in one line. The engine knows nothing of terminals.
 *
 * Invariant: the request stays set until cancel_clear(), which the front end
 * calls before it starts the next operation. */
#ifndef NPLUS1_CANCEL_H
#define NPLUS1_CANCEL_H

#include <stdbool.h>
#include <stdint.h>

enum { CANCEL_POLL_MS = 50 };

/* Ask poll(ctx) now and then from cancel_check(); NULL for nobody. A poll that
 * returns true requests the stop. It is never re-entered. */
void cancel_set_poll(bool (*poll)(void *ctx), void *ctx);
/* Whether to stop: true once requested; polls the front end when one is due. */
bool cancel_check(void);
/* Sleep ns nanoseconds (util_sleep_ns), polling as it goes; true when a stop
 * was requested, which ends the wait early. */
bool cancel_wait(int64_t ns);
/* Request the stop. Async-signal-safe: a signal handler may call it. */
void cancel_request(void);
/* Whether a stop was requested (without polling). */
bool cancel_requested(void);
/* Forget the request: the next operation runs. */
void cancel_clear(void);

#endif
