#!/bin/sh
# benchmarks.sh: the figures of docs/BENCHMARKS.md, from one command.
# Runs `nplus1 bench --sqlalchemy` over the reference workloads (100 orders over
# 10 customers, 10,000 over 10,000; many-to-one, then collections) and prints one
# Markdown table: per strategy, nplus1's median and its split (database + ORM),
# its overhead over the raw floor, real SQLAlchemy's median and split, and how
# many times nplus1's time SQLAlchemy's is. Every figure comes from this one run.
# Usage: docs/benchmarks.sh [NPLUS1] [REPEAT]
# (SQLAlchemy through NPLUS1_PYTHON, or python3 / /usr/bin/python3 with it; the
# timer script through NPLUS1_SQLA_BENCH, by default the source tree's.)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
nplus1=${1:-$here/../build/nplus1}
repeat=${2:-7}
: "${NPLUS1_SQLA_BENCH:=$here/../data/sqla_bench.py}"
export NPLUS1_SQLA_BENCH
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$nplus1" bench --orders 100,10000 --repeat "$repeat" --sqlalchemy --csv >"$tmp/m2o.csv"
"$nplus1" bench --orders 100,10000 --repeat "$repeat" --sqlalchemy --csv --collection \
	>"$tmp/coll.csv"
echo "| loop | orders/customers | strategy | statements | nplus1 ms (db + ORM) | overhead | SQLAlchemy ms (db + ORM) | SQLAlchemy / nplus1 |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
for f in m2o coll; do
	awk -F, -v loop="$([ $f = m2o ] && echo 'o.customer.name' || echo 'len(c.orders)')" '
	FNR == 1 { next }
	{ key = $3 "," $4 }
	$1 == "nplus1" { order[++n] = key; ours[key] = $0; next }
	$1 == "sqlalchemy" { theirs[key] = $0; version = $2 }
	END {
		for (i = 1; i <= n; i++) {
			split(ours[order[i]], a, ",")
			s = theirs[order[i]]
			if (s != "") split(s, b, ","); else delete b
			sq = s == "" ? "-" : sprintf("%.2f (%.2f + %.2f)", b[9], b[11], b[12])
			ratio = s == "" || a[9] == 0 ? "-" : sprintf("%.0f", b[9] / a[9])
			printf "| %s | %s/%s | %s | %s | %.3f (%.3f + %.3f) | %.2f | %s | %s |\n", loop,
				a[4], a[5], a[3], a[6], a[9], a[11], a[12], a[15], sq, ratio
		}
		if (version != "") print "sqlalchemy " version > "/dev/stderr"
	}' "$tmp/$f.csv"
done
