#!/bin/sh
# reliability.sh: every figure in docs/RELIABILITY.md, from one command.
# Run from a configured build directory (plain build, no sanitizers):
#   docs/reliability.sh [FUZZ_SECONDS]      (default 600: ten minutes a parser)
# It fuzzes the three parsers, runs the suite under ASan+UBSan in a second build,
# a scripted session under valgrind, and the terminal abuse test.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-600}
status=0

echo "== fuzzing, $seconds s per parser (make fuzz)"
make fuzz FUZZ_SECONDS="$seconds" || status=1

echo "== the whole suite under AddressSanitizer and UndefinedBehaviorSanitizer"
"$top/tests/check.sh" --enable-sanitizers | tail -1 || status=1

echo "== a scripted session under valgrind memcheck"
NPLUS1_LESSONS=$top/lessons "$top/tests/valgrind.sh" ./nplus1 | tail -1 || status=1

echo "== terminal abuse: resizes during a run, random key bursts"
NPLUS1=$PWD/nplus1 NPLUS1_LESSONS=$top/lessons sh "$top/tests/abuse.test" || status=1

echo "== attacks refused at the :sql prompt and by the database"
NPLUS1=$PWD/nplus1 NPLUS1_LESSONS=$top/lessons sh "$top/tests/tui.test" |
	grep -E 'refused|cannot be dropped|interrupts|puts them back|ATTACH' || status=1
./tests/test_engine | grep -E 'refused|allowed|1 MB|no file was written' || status=1

echo "== the hostile-input pass (issue 16): NULLs, shadowing tables, budgets, caps, cancelling"
./tests/test_hostile | grep -cE '^ok' | sed 's/^/engine checks passed: /'
out=$(NPLUS1=$PWD/nplus1 NPLUS1_LESSONS=$top/lessons sh "$top/tests/hostile.test")
printf '%s\n' "$out" | grep -cE '^ok' | sed 's/^/tutor checks passed: /'
printf '%s\n' "$out" | grep -E '^not ok' && status=1

echo "== progress store faults"
./tests/test_progress | grep -E '^(not )?ok' | grep -icE 'corrupt|locked|in use|read-only|cannot|full|I/O|missing|created' |
	sed 's/^/fault checks passed: /'
exit $status
