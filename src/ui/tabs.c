/* tabs: see tabs.h.
 *
 * Every title whole when they all fit, after the tutor's name or without it;
 * else the current lesson's title whole
 * and the others by number (with their done or broken mark); only when even
 * that does not fit is the current title shortened. Nothing is cut silently:
 * a number always stands for a lesson the keys 1-9 open. */
#include "config.h"

#include "ui/tabs.h"
#include "ui/course.h"

#include <stdio.h>
#include <string.h>

static const char name[] = " nplus1 ";

enum { LABEL = 96, WHOLE = 1000 };

static void short_label(const struct course *c, int i, char *buf, size_t size)
{
	const char *mark = !course_lesson(c, i) ? "!" : c->done[i] ? theme_glyphs()->check : "";
	snprintf(buf, size, " %d%s ", i + 1, mark);
}

/* The labels as the row shows them; false when the tutor's name gives way. */
static bool labels(const struct course *c, const struct rect *r, char (*label)[LABEL])
{
	int n = course_count(c), name_w = draw_width(name, sizeof name - 1), used = 0;
	for (int i = 0; i < n && i < UI_MAX_LESSONS; i++) {
		course_tab_label(c, i, WHOLE, label[i], LABEL);
		used += draw_width(label[i], strlen(label[i]));
	}
	if (used + name_w <= r->w)
		return true;
	if (used <= r->w)
		return false;
	int room = r->w;
	used = 0;
	for (int i = 0; i < n && i < UI_MAX_LESSONS; i++)
		if (i != c->lesson) {
			short_label(c, i, label[i], LABEL);
			used += draw_width(label[i], strlen(label[i]));
		}
	if (c->lesson >= 0 && c->lesson < n)
		course_tab_label(c, c->lesson, room - used, label[c->lesson], LABEL);
	return false;
}

void tabs_draw(const struct course *c, const struct rect *r)
{
	char label[UI_MAX_LESSONS][LABEL];
	int x = r->x;
	if (labels(c, r, label))
		x += draw_text(r->y, x, r->w, name, ROLE_TITLE);
	for (int i = 0; i < course_count(c) && i < UI_MAX_LESSONS; i++) {
		enum role role = i == c->lesson		? ROLE_TAB_ACTIVE
				 : !course_lesson(c, i) ? ROLE_ERROR
				 : c->done[i]		? ROLE_TAB_DONE
							: ROLE_TAB;
		x += draw_text(r->y, x, r->x + r->w - x, label[i], role);
	}
}

int tabs_at(const struct course *c, const struct rect *r, int x)
{
	char label[UI_MAX_LESSONS][LABEL];
	int at = r->x + (labels(c, r, label) ? draw_width(name, sizeof name - 1) : 0);
	for (int i = 0; i < course_count(c) && i < UI_MAX_LESSONS; i++) {
		int w = draw_width(label[i], strlen(label[i]));
		if (x >= at && x < at + w)
			return i;
		at += w;
	}
	return -1;
}
