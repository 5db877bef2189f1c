# tui.sh: drive the real tutor in tmux for the end-to-end tests. Source after
# lib.sh. Each test gets a private tmux server (socket under $TUI_DIR), a pinned
# TERM and locale, and waits by polling the screen, never by a bare sleep.
command -v tmux >/dev/null 2>&1 || plan_skip "tmux is not installed"
TUI_DIR=$(mktemp -d)
TUI_N=0
TUI_SOCK=$TUI_DIR/tmux.0.sock
export XDG_STATE_HOME=$TUI_DIR/state
: "${NPLUS1_LESSONS:=$(cd "$(dirname "$0")/.." && pwd)/lessons}"
export NPLUS1_LESSONS
trap 'tui_stop; rm -rf "$TUI_DIR" 2>/dev/null' EXIT INT TERM

# tui_stop: the session's server gone, and its tutor with it. A tutor still
# there 2 s after its terminal went is killed: under the sanitizers,
# LeakSanitizer's scan at exit has been seen to spin for minutes once the
# terminal was gone, loading the machine for every test after it.
tui_stop() {
	tui_tutor=$(tui_pid 2>/dev/null)
	tmux -S "$TUI_SOCK" kill-server 2>/dev/null
	for tui_t in $tui_tutor; do # its own names: a test's loop may be calling it
		tui_wait=0
		while kill -0 "$tui_t" 2>/dev/null && [ $tui_wait -lt 20 ]; do
			sleep 0.1
			tui_wait=$((tui_wait + 1))
		done
		kill -9 "$tui_t" 2>/dev/null
	done
	return 0
}

# tui_start COLS LINES [VAR=value...] -- [nplus1 args...]: a fresh tutor in a
# shell that reports how it exited and what the terminal was left like.
tui_start() {
	w=$1 h=$2
	shift 2
	envs=""
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do envs="$envs $1"; shift; done
	[ "$1" = "--" ] && shift
	# A new server each time: a dying one can take a new session down with it.
	tui_stop
	TUI_N=$((TUI_N + 1))
	TUI_SOCK=$TUI_DIR/tmux.$TUI_N.sock
	tmux -S "$TUI_SOCK" -f /dev/null new-session -d -s tui -x "$w" -y "$h" \
		"env TERM=xterm-256color LANG=C.UTF-8 LC_ALL= XDG_STATE_HOME='$XDG_STATE_HOME' \
		 NPLUS1_LESSONS='$NPLUS1_LESSONS' $envs \
		 ${TUI_WRAP:-} '$NPLUS1' $*; echo \"EXIT=\$?\"; stty -a | tr ' ;' '\n\n' | grep -E '^-?(icanon|echo)$' | tr '\n' ' '; echo; sleep 600"
	tmux -S "$TUI_SOCK" set-option -t tui remain-on-exit on >/dev/null 2>&1
}

# tui_pid: the process id of the tutor running in the session.
tui_pid() { pgrep -P "$(tmux -S "$TUI_SOCK" display -p -t tui '#{pane_pid}')" nplus1; }

screen() { tmux -S "$TUI_SOCK" capture-pane -p -t tui; }
keys() { tmux -S "$TUI_SOCK" send-keys -t tui "$@"; }
resize() { tmux -S "$TUI_SOCK" resize-window -t tui -x "$1" -y "$2"; }

# wait_for REGEX [SECONDS]: poll until the screen matches; 0 if it did.
wait_for() {
	i=0 limit=$(( ${2:-10} * 20 ))
	while [ $i -lt $limit ]; do
		screen | grep -Eq -- "$1" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# see DESC REGEX [SECONDS]: a check that the screen shows REGEX.
see() {
	if wait_for "$2" "${3:-10}"; then pass "$1"; else fail "$1" "screen never matched /$2/" "$(screen)"; fi
}

# not_see DESC REGEX [SECONDS]: the screen stops showing REGEX, within SECONDS
# (3): a key sent just before may not have been drawn yet on a loaded machine.
not_see() {
	i=0 limit=$(( ${3:-3} * 20 ))
	while screen | grep -Eq -- "$2"; do
		i=$((i + 1))
		[ $i -ge $limit ] && { fail "$1" "screen matched /$2/" "$(screen)"; return; }
		sleep 0.05
	done
	pass "$1"
}
