# lib.sh: TAP helpers for the shell tests. Source it, call plan N (or plan_skip WHY),
# then ok/not_ok through the checks below; the exit status is 1 if any check failed.
# NPLUS1 names the binary under test (the Makefile sets it).
: "${NPLUS1:=$(cd "$(dirname "$0")/.." && pwd)/nplus1}"
tap_n=0
tap_failed=0

plan() { echo "1..$1"; }
plan_skip() { echo "1..0 # SKIP $*"; exit 77; }

pass() { tap_n=$((tap_n + 1)); echo "ok $tap_n - $1"; }
fail() {
	tap_n=$((tap_n + 1)); tap_failed=$((tap_failed + 1))
	echo "not ok $tap_n - $1"
	shift
	for line in "$@"; do printf '%s\n' "$line" | sed 's/^/# /'; done
}

# check DESC EXPECTED ACTUAL: exact string equality.
check() {
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "expected: $2" "actual:   $3"; fi
}

# check_match DESC REGEX ACTUAL: ACTUAL matches the extended regular expression.
check_match() {
	if printf '%s\n' "$3" | grep -Eq -- "$2"; then pass "$1"; else fail "$1" "wanted /$2/" "actual: $3"; fi
}

# run_cmd CMD...: sets out, err and rc from one run of CMD.
run_cmd() {
	tap_out=$(mktemp) tap_err=$(mktemp)
	"$@" >"$tap_out" 2>"$tap_err"
	rc=$?
	out=$(cat "$tap_out") err=$(cat "$tap_err")
	rm -f "$tap_out" "$tap_err"
}

finish() { exit $((tap_failed > 0)); }
