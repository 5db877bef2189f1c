/* keys_man: see keys_man.h. */
#include "config.h"

#include "ui/keys.h"
#include "ui/keys_man.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>

/* The bytes roff() writes for the word at s: \- and \e take two. */
static int roff_width(const char *s)
{
	int n = 0;
	for (; *s && *s != ' '; s++)
		n += *s == '-' || *s == '\\' ? 2 : 1;
	return n;
}

/* Text for roff: a minus sign is \-, a backslash \e; with width, lines break
 * between words within that many bytes (mandoc -T lint asks for 80), and a
 * line that would start with a control character is escaped. */
static void roff(FILE *out, const char *s, bool capital, int width)
{
	int col = 0;
	for (; *s; s++, capital = false) {
		if (*s == ' ' && width && col + 1 + roff_width(s + 1) > width) {
			fputc('\n', out);
			col = 0;
			if (s[1] == '.' || s[1] == '\'')
				col += fprintf(out, "\\&");
			continue;
		}
		if (*s == '-')
			col += fprintf(out, "\\-");
		else if (*s == '\\')
			col += fprintf(out, "\\e");
		else
			col += fprintf(out, "%c", capital ? toupper((unsigned char)*s) : *s);
	}
}

void keys_man(FILE *out)
{
	char keys[64], text[512];
	for (int i = 0; keys_man_row(i, keys, sizeof keys, text, sizeof text); i++) {
		fputs(i ? ".TP\n" : ".TP 14\n", out);
		fputs(".B \"", out);
		roff(out, keys, false, 0);
		fputs("\"\n", out);
		roff(out, text, true, 78);
		fputs(".\n", out);
	}
}
