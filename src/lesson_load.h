/* lesson_load: lesson files from disk. One file at a time (at most 1 MB of
 * text), or every *.lesson file of a directory (or of the search path) in name
 * order, keeping the files that failed as one-line errors so the tutor can say
 * which lesson did not load and why. */
#ifndef NPLUS1_LESSON_LOAD_H
#define NPLUS1_LESSON_LOAD_H

#include "lesson.h"

/* Read and parse a file (at most 1 MB). */
struct lesson *lesson_load(const char *path, char **err);

/* Every *.lesson file of dir, in name order. Files that fail to parse are kept
 * as errors (one line each) so the tutor can say which lesson did not load. */
struct lesson_set {
	struct lesson **lessons; /* NULL where that file failed */
	char **names;		 /* the file names */
	char **errors;		 /* NULL where that file loaded */
	int n;
};
/* 0, or -1 with *err when dir itself cannot be read. dir NULL loads the search
 * path instead (lesson_search_path): every directory's *.lesson files, one
 * lesson per file name, taken from the first directory that has it, so a
 * learner's own copy overrides the installed one and a new name adds a lesson;
 * directories that do not exist are skipped. */
int lesson_load_dir(const char *dir, struct lesson_set *set, char **err);
void lesson_set_done(struct lesson_set *set);
/* The lesson key names in set, 0-based, or -1: a number from 1, a file name
 * with or without ".lesson" and its "NN-" prefix ("joinedload"), or a title,
 * ignoring case. */
int lesson_set_find(const struct lesson_set *set, const char *key);
/* "models, instrument, ...": the short names lesson_set_find takes, into buf. */
char *lesson_set_names(const struct lesson_set *set, char *buf, size_t size);

/* The lesson directory NPLUS1_LESSONS names, or NULL (the search path). */
const char *lesson_default_dir(void);
/* The search path, most important first, colon-separated (caller frees):
 * $XDG_DATA_HOME/nplus1/lessons (default ~/.local/share/nplus1/lessons), then
 * nplus1/lessons under each of $XDG_DATA_DIRS (default /usr/local/share and
 * /usr/share), then the installed PKGDATADIR/lessons. */
char *lesson_search_path(void);

#endif
