#!/bin/sh
# valgrind.sh: a scripted session of the tutor under valgrind's memcheck: all
# five lessons step by step (each experiment run, each quiz answered), the
# prompt (tutor commands, SQLAlchemy, :sql), and a replay of a recording. Ends
# with the memcheck figures; exits 1 unless there were 0 errors and 0 bytes
# definitely lost. Not part of make check (it takes minutes); see
# docs/RELIABILITY.md. Usage: tests/valgrind.sh [NPLUS1] (a build without
# sanitizers).
set -u
. "$(dirname "$0")/lib.sh"
NPLUS1=$(cd "$(dirname "${1:-$NPLUS1}")" && pwd)/$(basename "${1:-$NPLUS1}")
. "$(dirname "$0")/tui.sh"
command -v valgrind >/dev/null || { echo "valgrind is not installed"; exit 77; }
vlog=$TUI_DIR/valgrind.%p.log
TUI_WRAP="valgrind --leak-check=full --errors-for-leak-kinds=definite --log-file=$vlog"

tui_start 100 30 -- --lesson 1
wait_for "Step 1 of 4" 60 || { echo "the tutor did not start under valgrind"; exit 1; }
# Walk every step of every lesson: run it, answer 1 to 4 if it is a quiz.
# Keys typed during a live run go to the run, so wait for each to finish.
idle() {
	n=0
	while [ $n -lt 600 ]; do
		screen | grep -qE 'ms +running|^building|^timing' || return 0
		sleep 0.1
		n=$((n + 1))
	done
}
i=0
while [ $i -lt 30 ]; do
	keys r
	sleep 0.5
	idle
	# Digits answer a quiz, but open a lesson on other steps: answer only quizzes.
	for k in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do keys j; done
	sleep 0.5
	if screen | grep -qE 'press 1-9 to answer'; then
		for k in 1 2 3 4; do
			screen | grep -q '✓ right' && break
			keys $k
			sleep 0.5
		done
	fi
	keys Right
	sleep 0.3
	i=$((i + 1))
done
keys Escape Escape
keys : 'session.query(Customer).options(selectinload(Customer.orders)).all()' Enter
sleep 3
keys : 'sql SELECT * FROM customers' Enter : 'explain SELECT * FROM orders WHERE customer_id = 3' Enter
sleep 3
keys : 'frobnicate' Enter
wait_for "column 1: unknown command" 60 && echo "the prompt answered a bad command with its column"
keys P f f P g '?' x
done_lessons=$(screen | sed -n 1p | grep -o '✓' | wc -l)
echo "lessons marked done in the walk: $done_lessons of 5"
keys Escape Escape q
wait_for "EXIT=" 120

# A recording, replayed (with a step back) under valgrind too.
rec=$TUI_DIR/demo.rec
printf '+10 r\n@pause here\n+10 KEY_NPAGE\n+10 r\n+10 q\n' >"$rec"
tui_start 100 30 -- --lesson 3 --replay "$rec" --speed 10
wait_for "paused: here" 60
keys n n '<' Space
wait_for "replay finished" 60
keys q
wait_for "EXIT=" 120

errors=0 lost=0
for f in "$TUI_DIR"/valgrind.*.log; do
	e=$(sed -n 's/.*ERROR SUMMARY: \([0-9,]*\) errors.*/\1/p' "$f" | tr -d ,)
	l=$(sed -n 's/.*definitely lost: \([0-9,]*\) bytes.*/\1/p' "$f" | tr -d ,)
	errors=$((errors + ${e:-0})) lost=$((lost + ${l:-0}))
	grep -q "ERROR SUMMARY" "$f" || { echo "no valgrind summary in $f"; errors=$((errors + 1)); }
	grep -hE 'total heap usage|definitely lost|ERROR SUMMARY' "$f" | sed 's/^==[0-9]*== */  /'
done
echo "valgrind memcheck over $(ls "$TUI_DIR"/valgrind.*.log | wc -l) runs: $errors errors, $lost bytes definitely lost"
[ "$errors" -eq 0 ] && [ "$lost" -eq 0 ]
