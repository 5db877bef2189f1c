/* status: see status.h. */
#include "config.h"

#include "ui/status.h"

#include <stdarg.h>
#include <stdio.h>

void status_set(struct status *s, enum role r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s->text, sizeof s->text, fmt, ap);
	va_end(ap);
	s->role = r;
}
