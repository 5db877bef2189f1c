/* tabs: see tabs.h. */
#include "config.h"

#include "ui/tabs.h"
#include "ui/course.h"

#include <string.h>

static const char name[] = " nplus1 ";

static int tab_width(const struct course *c, const struct rect *r)
{
	int n = course_count(c);
	return n ? (r->w - 8) / n : r->w;
}

void tabs_draw(const struct course *c, const struct rect *r)
{
	int x = r->x;
	x += draw_text(r->y, x, r->w, name, ROLE_TITLE);
	for (int i = 0; i < course_count(c); i++) {
		char label[96];
		course_tab_label(c, i, tab_width(c, r), label, sizeof label);
		enum role role = i == c->lesson		? ROLE_TAB_ACTIVE
				 : !course_lesson(c, i) ? ROLE_ERROR
				 : c->done[i]		? ROLE_TAB_DONE
							: ROLE_TAB;
		x += draw_text(r->y, x, r->x + r->w - x, label, role);
	}
}

int tabs_at(const struct course *c, const struct rect *r, int x)
{
	int at = r->x + draw_width(name, sizeof name - 1);
	for (int i = 0; i < course_count(c); i++) {
		char label[96];
		course_tab_label(c, i, tab_width(c, r), label, sizeof label);
		int w = draw_width(label, strlen(label));
		if (x >= at && x < at + w)
			return i;
		at += w;
	}
	return -1;
}
