/* guard: the terminal is put back however the tutor ends. A crash (SIGSEGV,
 * SIGBUS, SIGFPE, SIGILL, SIGABRT) restores the terminal modes saved before
 * curses started and leaves the alternate screen, then dies as it would have
 * (the previous handler, a sanitizer's say, still reports it). */
#ifndef NPLUS1_UI_GUARD_H
#define NPLUS1_UI_GUARD_H

/* Save the terminal's modes and catch the fatal signals; call before curses. */
void guard_install(void);
/* Let the fatal signals go as before (curses has restored the terminal). */
void guard_remove(void);

#endif
