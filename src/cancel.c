/* cancel: see cancel.h.
 *
 * cancel_check() sits in loops that run per row, so it reads the clock only
 * every few calls, and calls the poll only when CANCEL_POLL_MS have passed. */
#include "config.h"

#include "cancel.h"
#include "util.h"

#include <signal.h>

static volatile sig_atomic_t requested;
static bool (*poll_fn)(void *ctx);
static void *poll_ctx;
static bool polling; /* the poll reads keys, which may run engine code in turn */
static int64_t polled_ns;
static unsigned calls;

void cancel_set_poll(bool (*poll)(void *ctx), void *ctx)
{
	poll_fn = poll;
	poll_ctx = ctx;
	polled_ns = util_now_ns();
}

static bool poll_if_due(void)
{
	int64_t now = util_now_ns();
	if (now - polled_ns < (int64_t)CANCEL_POLL_MS * 1000000)
		return false;
	polling = true;
	if (poll_fn(poll_ctx))
		requested = 1;
	polling = false;
	polled_ns = util_now_ns();
	return requested;
}

bool cancel_check(void)
{
	if (requested)
		return true;
	if (!poll_fn || polling || ++calls % 16)
		return false;
	return poll_if_due();
}

bool cancel_wait(int64_t ns)
{
	enum { SLICE_NS = CANCEL_POLL_MS * 1000000 };
	for (; ns > 0 && !requested; ns -= SLICE_NS) {
		util_sleep_ns(ns < SLICE_NS ? ns : SLICE_NS);
		if (poll_fn && !polling)
			poll_if_due();
	}
	return requested;
}

void cancel_request(void) { requested = 1; }
bool cancel_requested(void) { return requested; }

void cancel_clear(void)
{
	requested = 0;
	polled_ns = util_now_ns();
}
