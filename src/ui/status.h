/* status: the status line's message, the one line of feedback every part of the
 * screen writes to (the last error, a hint, a result). The latest write wins,
 * except over a warning that must be read (status_warn): for a few seconds
 * only another error replaces it. */
#ifndef NPLUS1_UI_STATUS_H
#define NPLUS1_UI_STATUS_H

#include "ui/theme.h"

#include <stdint.h>

struct status {
	char text[256];
	enum role role;
	int64_t held_until_ns; /* a warning stays until then */
};

/* Replace the message, cut to fit. */
void status_set(struct status *s, enum role r, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* A warning that stays STATUS_HOLD_MS against later messages but errors. */
void status_warn(struct status *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

enum { STATUS_HOLD_MS = 4000 };

#endif
