/* keys_man: the key table as nplus1.1.in's KEYS section lists it, in roff
 * (.TP/.B entries, lines within 80 bytes as mandoc -T lint asks), so the man
 * page can be pasted from it and tests/test_keys can check the two agree. */
#ifndef NPLUS1_UI_KEYS_MAN_H
#define NPLUS1_UI_KEYS_MAN_H

#include <stdio.h>

/* Write the KEYS section's entries to out. */
void keys_man(FILE *out);

#endif
