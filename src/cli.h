/* cli: the headless commands, `nplus1 run` and `nplus1 bench` (DESIGN.md section 3).
 * Each takes the arguments after its own name and returns the process exit status:
 * 0 success, 1 runtime failure, 2 usage error, 3 the workload raised. */
#ifndef NPLUS1_CLI_H
#define NPLUS1_CLI_H

enum cli_status { CLI_OK = 0, CLI_FAILED = 1, CLI_USAGE = 2, CLI_RAISED = 3 };

int cli_run(int argc, char **argv);
int cli_bench(int argc, char **argv);
/* `nplus1 lessons [--check] [DIR]` (cli_lessons.c). */
int cli_lessons(int argc, char **argv);

#endif
