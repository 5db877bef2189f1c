/* lesson_parser: the lesson parser's state, shared by its two halves: lesson.c
 * (lines, paragraphs, code blocks, steps) and lesson_directive.c (one handler
 * per @directive, in a const table). Private to lesson*.c. */
#ifndef NPLUS1_LESSON_PARSER_H
#define NPLUS1_LESSON_PARSER_H

#include "lesson.h"
#include "sbuf.h"

#include <stdbool.h>
#include <string.h>

struct lesson_parser {
	const char *path;
	struct lesson *l;
	char *err;
	int line;	     /* the line being parsed */
	struct spec dataset; /* @dataset's defaults, sticky to the end */
	struct sbuf para;    /* the open paragraph */
	int para_line;
	bool in_code;
	struct sbuf code; /* the open code block */
	int code_line, code_lines;
	char code_lang[8];
	/* The current step's bookkeeping, reset by each @step. */
	int block_cap, expect_cap, solution_line, answer_line;
	struct sbuf hint, explain; /* joined here: a step's text is built in linear time */
};

/* Record "path:line: message" as the parse's error unless one is there; -1. */
int lesson_fail(struct lesson_parser *p, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A new step titled title at line. */
struct lesson_step *lesson_open_step(struct lesson_parser *p, const char *title, int line);
/* The current step; content before the first @step opens step 1. */
struct lesson_step *lesson_need_step(struct lesson_parser *p);
/* The open paragraph into the current step. */
void lesson_flush_para(struct lesson_parser *p);
/* Close the current step: its joined texts go in, its quiz is checked. 0 or -1. */
int lesson_finish_step(struct lesson_parser *p);
/* An exercise step, once whole: it has @expects and a @solution the prompt
 * takes as a run. 0, or -1 with the parse's error. */
int lesson_check_exercise(struct lesson_parser *p, const struct lesson_step *st);
/* The directive line s (after its '@'): 0, or -1 with the parse's error. */
int lesson_directive(struct lesson_parser *p, char *s);

static inline bool is_space(char ch) { return ch == ' ' || (ch >= '\t' && ch <= '\r'); }

/* Trim s in place: the result starts at its first non-space byte. */
static inline char *trim(char *s)
{
	while (is_space(*s))
		s++;
	size_t n = strlen(s);
	while (n > 0 && is_space(s[n - 1]))
		s[--n] = '\0';
	return s;
}

static inline bool blank(const char *s)
{
	while (is_space(*s))
		s++;
	return !*s;
}

static inline size_t word_len(const char *s)
{
	size_t n = 0;
	while (s[n] && !is_space(s[n]))
		n++;
	return n;
}

#endif
