/* fuzz: what the harnesses share. Each fuzz_X.c defines LLVMFuzzerTestOneInput,
 * which libFuzzer calls (make fuzz) or driver.c calls once per corpus file (make
 * check). An input is bytes; the parsers take a C string, so the harnesses copy it
 * into a NUL-terminated buffer of their own: libFuzzer's data is not terminated,
 * and ASan then catches a parser reading one byte past the text.
 *
 * Besides not crashing and not leaking, each harness checks what its header
 * promises (one-line errors, a model handed out whole) and aborts when a promise
 * breaks, so a broken invariant is a finding like a crash. */
#ifndef NPLUS1_FUZZ_H
#define NPLUS1_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One input: 0 always (libFuzzer's convention); a finding aborts. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* data[0..size) as a C string (it ends at data's first NUL, as a file's text
 * does for the parsers). The caller frees. */
static inline char *fuzz_text(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		abort();
	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* A broken promise: say which, then abort so libFuzzer keeps the input. */
#define FUZZ_CHECK(cond, what)                                                                     \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__,       \
				what);                                                             \
			abort();                                                                   \
		}                                                                                  \
	} while (0)

/* An error message keeps the promise of one printable line. */
static inline int fuzz_one_line(const char *msg)
{
	return msg && *msg && !strchr(msg, '\n') && !strchr(msg, '\r');
}

#endif
