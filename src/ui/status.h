/* status: the status line's message, the one line of feedback every part of the
 * screen writes to (the last error, a hint, a result). The latest write wins. */
#ifndef NPLUS1_UI_STATUS_H
#define NPLUS1_UI_STATUS_H

#include "ui/theme.h"

struct status {
	char text[256];
	enum role role;
};

/* Replace the message, cut to fit. */
void status_set(struct status *s, enum role r, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
