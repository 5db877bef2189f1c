/* action: see action.h. */
#include "config.h"

#include "ui/action.h"
#include "util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

struct action action_make(enum act act, int n) { return (struct action){ .act = act, .n = n }; }

struct action action_message(enum role r, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return (struct action){ .act = ACT_MESSAGE, .text = util_strdup(buf), .role = r };
}

void action_done(struct action *a)
{
	free(a->text);
	a->text = NULL;
}
