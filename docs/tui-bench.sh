#!/bin/sh
# tui-bench.sh: the tutor's performance figures for docs/BENCHMARKS.md.
#  1. a live run of select at 10,000/10,000 at full speed against `nplus1 run`
#  2. CPU used over 10 idle seconds
#  3. time to the first frame
# Usage: docs/tui-bench.sh [NPLUS1]   (needs tmux and strace)
set -eu
nplus1=$(cd "$(dirname "${1:-./nplus1}")" && pwd)/$(basename "${1:-./nplus1}")
sock=$(mktemp -u)
trap 'tmux -S "$sock" kill-server 2>/dev/null' EXIT
screen() { tmux -S "$sock" capture-pane -p -t b; }
wait_for() { i=0; until screen | grep -Eq -- "$1"; do i=$((i+1)); [ $i -lt 600 ] || return 1; sleep 0.05; done; }

tmux -S "$sock" -f /dev/null new-session -d -s b -x 80 -y 24 "env TERM=xterm-256color LANG=C.UTF-8 XDG_STATE_HOME=$(mktemp -d) $nplus1"
wait_for "1 Models"
echo "live (ms), headless (ms), ratio"
for i in 1 2 3 4 5; do
	tmux -S "$sock" send-keys -t b : "run select orders=10000 customers=10000" Enter
	wait_for "select: 10001 statements, 20000 rows in [0-9.]+ ms"
	live=$(screen | sed -n 's/.*20000 rows in \([0-9.]*\) ms.*/\1/p')
	head=$("$nplus1" run select --orders 10000 --customers 10000 | sed -n 's/elapsed_ms: //p')
	echo "$live, $head, $(echo "$live $head" | awk '{printf "%.2f", $1 / $2}')"
	tmux -S "$sock" send-keys -t b : "run noload" Enter   # a fresh log between rounds
	wait_for "noload: 1 statements"
done

pid=$(pgrep -f "^$nplus1\$" | head -1)
t0=$(awk '{print $14 + $15}' /proc/$pid/stat)
sleep 10
t1=$(awk '{print $14 + $15}' /proc/$pid/stat)
echo "idle CPU over 10 s: $((t1 - t0)) clock ticks ($(getconf CLK_TCK) per second)"

out=$(mktemp)
tmux -S "$sock" kill-server
sock=$sock.2 # a new server: the old one may still be dying
tmux -S "$sock" -f /dev/null new-session -d -s b -x 80 -y 24 \
	"env TERM=xterm-256color LANG=C.UTF-8 strace -f -ttt -e trace=execve,write -o $out $nplus1"
wait_for "1 Models"
awk '/execve\(/ && !t0 { t0 = $2 } / write\(1,/ && t0 && !t1 { t1 = $2 }
	END { printf "first frame after %.1f ms\n", (t1 - t0) * 1000 }' "$out"
rm -f "$out"
