/* guard: see guard.h. The handler uses only async-signal-safe calls:
 * tcsetattr, write, sigaction and raise. */
#include "config.h"

#include "ui/guard.h"

#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static const int fatal[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
enum { NFATAL = sizeof fatal / sizeof *fatal };
static struct sigaction before[NFATAL];
static struct termios saved;
static bool have_saved, installed;

static void on_fatal(int sig)
{
	/* leave the alternate screen, show the cursor, reset attributes */
	static const char reset[] = "\033[?1049l\033[?25h\033[0m\r\n";
	if (have_saved)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
	if (write(STDOUT_FILENO, reset, sizeof reset - 1) < 0) {
		/* nothing more can be done */
	}
	for (int i = 0; i < NFATAL; i++)
		if (fatal[i] == sig)
			sigaction(sig, &before[i], NULL);
	raise(sig);
}

void guard_install(void)
{
	have_saved = tcgetattr(STDIN_FILENO, &saved) == 0;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_fatal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESETHAND;
	for (int i = 0; i < NFATAL; i++)
		sigaction(fatal[i], &sa, &before[i]);
	installed = true;
}

void guard_remove(void)
{
	if (!installed)
		return;
	for (int i = 0; i < NFATAL; i++)
		sigaction(fatal[i], &before[i], NULL);
	installed = false;
}
