#!/bin/sh
# benchmarks.sh: the figures in docs/BENCHMARKS.md, measured in one run.
# Runs `nplus1 bench` and the same workloads in real SQLAlchemy back to back and
# prints a Markdown table: medians, nplus1's overhead over its raw floor, and the
# ratio nplus1 / SQLAlchemy. Usage: docs/benchmarks.sh [NPLUS1] [REPEAT]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
nplus1=${1:-$here/../nplus1}
repeat=${2:-7}
py=/usr/bin/python3
[ -x "$py" ] || py=python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$nplus1" bench --orders 100,10000 --repeat "$repeat" --csv >"$tmp/ours.csv"
"$py" "$here/../tests/sqla_bench.py" --orders 100,10000 --repeat "$repeat" >"$tmp/sqla.csv"
echo "| strategy | orders/customers | queries | nplus1 median ms | floor ms | overhead | SQLAlchemy median ms | nplus1 / SQLAlchemy |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
awk -F, 'NR == FNR { if (FNR > 1) sqla[$1 "," $2] = $6; next }
	FNR > 1 {
		key = $1 "," $2
		s = (key in sqla) ? sqla[key] : ""
		printf "| %s | %s/%s | %s | %.3f | %.3f | %.2f | %s | %s |\n", $1, $2, $3, $4, $7, $9, $10,
			s == "" ? "-" : sprintf("%.1f", s), s == "" ? "-" : sprintf("%.4f", $7 / s)
	}' "$tmp/sqla.csv" "$tmp/ours.csv"
