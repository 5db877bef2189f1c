/* cast: an asciicast v2 file, the format asciinema records and asciinema-player
 * plays: a JSON header line ({"version": 2, "width": W, "height": H, ...}), then
 * one line per chunk of terminal output, [seconds, "o", "bytes"]. The writer
 * takes the bytes a screen wrote and the time they were written at; it keeps a
 * character cut at a chunk's end for the next chunk, so every line is valid
 * JSON text in UTF-8.
 *
 * Pure: stdio only. The screen that makes the bytes is the caller's. */
#ifndef NPLUS1_CAST_H
#define NPLUS1_CAST_H

#include <stddef.h>

struct cast;

/* Create path (truncating it) with the header for a width x height terminal and
 * an optional title; NULL and *err (caller frees) on failure. */
struct cast *cast_open(const char *path, int width, int height, const char *title, char **err);
/* Terminal output written at seconds since the start; nothing for n == 0. -1 on
 * a write error (the first one is kept for cast_close). */
int cast_output(struct cast *c, double seconds, const char *data, size_t n);
/* Write what is left, close; -1 with *err if anything was lost. Frees c. */
int cast_close(struct cast *c, char **err);

#endif
