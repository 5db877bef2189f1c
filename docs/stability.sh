#!/bin/sh
# stability.sh: how steady bench's ratios at 100 rows are from run to run, for
# docs/BENCHMARKS.md. Runs `nplus1 bench --orders 100 --repeat 7 --csv` RUNS
# times back to back and prints one Markdown table: each run's median per
# strategy (ms) and its ratio to the same run's joined, then each ratio's
# spread, (max - min) / (max + min): within 10% is what issue 13 asks.
# Usage: docs/stability.sh [NPLUS1] [RUNS]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
nplus1=${1:-$here/../build/nplus1}
runs=${2:-3}
strategies=select,joined,selectin,subquery
i=0
while [ "$i" -lt "$runs" ]; do
	i=$((i + 1))
	"$nplus1" bench --orders 100 --strategies "$strategies" --repeat 7 --csv |
		awk -F, -v run="$i" 'NR > 1 { print run, $3, $9 }'
done | awk -v order="$strategies,raw" '
	{ ms[$1, $2] = $3; if ($1 > runs) runs = $1 }
	END {
		n = split(order, s, ",")
		head = "| run |"; rule = "| --- |"
		for (k = 1; k <= n; k++) { head = head " " s[k] " |"; rule = rule " --- |" }
		for (k = 1; k <= n; k++) if (s[k] != "joined") {
			head = head " " s[k] " / joined |"; rule = rule " --- |"
		}
		print head; print rule
		for (r = 1; r <= runs; r++) {
			line = "| " r " |"
			for (k = 1; k <= n; k++) line = line sprintf(" %.4f |", ms[r, s[k]])
			for (k = 1; k <= n; k++) if (s[k] != "joined") {
				q = ms[r, s[k]] / ms[r, "joined"]
				line = line sprintf(" %.3f |", q)
				if (r == 1 || q < lo[k]) lo[k] = q
				if (r == 1 || q > hi[k]) hi[k] = q
			}
			print line
		}
		line = "| spread |"
		for (k = 1; k <= n; k++) line = line " |"
		for (k = 1; k <= n; k++) if (s[k] != "joined")
			line = line sprintf(" ±%.1f%% |", 100 * (hi[k] - lo[k]) / (hi[k] + lo[k]))
		print line
	}'
