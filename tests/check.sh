#!/bin/sh
# check.sh: build out of tree and run the whole suite; the last line is the
# harness's "N passed, N failed, N skipped" (counting every TAP check).
#   tests/check.sh                         build/ with the default flags
#   tests/check.sh --enable-sanitizers     build-sanitizers/ with ASan and UBSan
# Any arguments are passed to configure.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
case "$*" in
*--enable-sanitizers*) build=$top/build-sanitizers ;;
*) build=$top/build ;;
esac
jobs=$(nproc 2>/dev/null || echo 2)

# A tree configured in place (./configure in the source directory) cannot also
# be built out of tree: clean it, saying so.
if [ -f "$top/config.status" ]; then
	echo "check.sh: the source tree was configured in place; cleaning it (make distclean)"
	(cd "$top" && make distclean) >/dev/null 2>&1 || rm -f "$top/config.status"
fi
if [ ! -x "$top/configure" ]; then
	(cd "$top" && ./autogen.sh) || { echo "check.sh: autogen.sh failed"; exit 1; }
fi
mkdir -p "$build" && cd "$build" || exit 1
"$top/configure" -q --enable-werror "$@" || { echo "check.sh: configure failed"; exit 1; }
# Objects built under another configuration (README's build command configures
# build/ too, with other flags and a relative path) would be reused by make:
# start clean when the configuration changed.
now="$top $*"
if [ "$(cat .check-configured 2>/dev/null)" != "$now" ]; then
	make clean >/dev/null 2>&1
	printf '%s\n' "$now" >.check-configured
fi
make -j"$jobs" >make.out 2>&1 || { cat make.out; echo "check.sh: build failed"; exit 1; }
make -j"$jobs" check >check.out 2>&1
rc=$?
grep -E '^(PASS|FAIL|ERROR|XPASS|SKIP):' check.out | grep -Ev '^PASS:' | head -50
count() { sed -n "s/^# $1: *\([0-9]*\).*/\1/p" check.out | tail -1; }
pass=$(count PASS) fail=$(count FAIL) error=$(count ERROR) xpass=$(count XPASS) skip=$(count SKIP)
failed=$(( ${fail:-0} + ${error:-0} + ${xpass:-0} ))
if [ "$rc" -ne 0 ]; then
	# Show each failing check with its diagnostics, and the build output if no
	# test ran at all.
	for log in $(find . -name '*.log' ! -name test-suite.log ! -name config.log); do
		grep -A6 -E '^(not ok|ERROR:)' "$log" /dev/null | head -40
	done
	[ -n "$pass" ] || tail -30 check.out
	[ "$failed" -gt 0 ] || failed=1
fi
echo "${pass:-0} passed, $failed failed, ${skip:-0} skipped"
[ "$rc" -eq 0 ]
