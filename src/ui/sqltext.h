/* sqltext: SQL text as the log shows it on one line. SQLAlchemy's statements are
 * long (a joined load's column list alone is 150 columns) and the log has 49 at
 * 80x24, so a line keeps what tells one statement from another and elides the
 * rest, in this order until it fits: IN lists become "IN (?×N)", a subquery's
 * column list "(SELECT … FROM", the main column list all but its first columns
 * ("SELECT orders.id AS orders_id, … FROM"), ON conditions "ON …", then the
 * whole column list ("SELECT … FROM"), then what comes before FROM, then a
 * subquery's body but its LIMIT ("(… LIMIT ? OFFSET ?)"). What still does not fit is
 * cut at the end (the caller draws the ellipsis). A wider log shows more, up to
 * the whole statement on one line.
 *
 * Pure: no curses; widths are display columns (mbrtowc + wcwidth). */
#ifndef NPLUS1_UI_SQLTEXT_H
#define NPLUS1_UI_SQLTEXT_H

#include <stdbool.h>
#include <stddef.h>

/* The display columns of the first n bytes of s. */
int sqltext_width(const char *s, size_t n);
/* sql on one line (newlines and tabs become spaces, runs of spaces one), elided
 * as above to fit width columns if it can; ellipsis and times ("…", "×") are the
 * glyphs to elide with. Into out (sized size, always terminated); returns out. */
char *sqltext_line(const char *sql, int width, const char *ellipsis, const char *times, char *out,
		   size_t size);
/* The n bytes at w are an SQL keyword the log colours. */
bool sqltext_keyword(const char *w, size_t n);

#endif
