/* status: see status.h. */
#include "config.h"

#include "ui/status.h"
#include "util.h"

#include <stdarg.h>
#include <stdio.h>

void status_set(struct status *s, enum role r, const char *fmt, ...)
{
	if (r != ROLE_ERROR && util_now_ns() < s->held_until_ns)
		return; /* a warning is being read */
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s->text, sizeof s->text, fmt, ap);
	va_end(ap);
	s->role = r;
}

void status_warn(struct status *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s->text, sizeof s->text, fmt, ap);
	va_end(ap);
	s->role = ROLE_ERROR;
	s->held_until_ns = util_now_ns() + (int64_t)STATUS_HOLD_MS * 1000000;
}
