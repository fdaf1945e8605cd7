#!/usr/bin/env bash
# PostgreSQL against SQLite on the same generated archive: builds search-benchmark's archive
# of N segments (1,000,000 by default; reused when the work folder has it), indexes it in a
# throwaway PostgreSQL 15 cluster (Unix socket only, stopped at the end whatever happens), and
# prints postgres-benchmark's tables: index build rate and size, whether every answer is
# equal, p50/p95/p99 of each query type on both, and the count of a common and a rare term.
#
#   scripts/postgres-benchmark.sh [--segments N] [--work DIR] [--rounds R] [--reuse] [--relevance-rounds R]
#
# --reuse keeps the PostgreSQL index a run before left in the work folder (no build figures).
# --relevance-rounds times the queries in relevance order too (1 round by default, 0 for none).
set -euo pipefail
cd "$(dirname "$0")/.."
segments=1000000
work=/tmp/postgres-benchmark
rounds=3
reuse=""
relevance_rounds=1
while [ $# -gt 0 ]; do
    case "$1" in
    --segments) segments=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --reuse) reuse=--reuse; shift ;;
    --relevance-rounds) relevance_rounds=$2; shift 2 ;;
    *) echo "usage: scripts/postgres-benchmark.sh [--segments N] [--work DIR] [--rounds R] [--reuse] [--relevance-rounds R]" >&2; exit 2 ;;
    esac
done
bash scripts/install-dependencies.sh
swift build -c release --product search-benchmark >&2
swift build -c release --product postgres-benchmark >&2
bin=$(swift build -c release --show-bin-path)
mkdir -p "$work"
archive="$work/archive-$segments"
queries="$work/queries-$segments.tsv"
if [ ! -f "$queries" ]; then
    rm -rf "$archive"
    "$bin/search-benchmark" --segments "$segments" --archive "$archive" --write-queries "$queries" >&2
fi
cluster="$work/postgres-$segments"
trap 'bash scripts/postgres-cluster.sh stop "$cluster"' EXIT
database=$(bash scripts/postgres-cluster.sh start "$cluster")
"$bin/postgres-benchmark" --archive "$archive" --queries "$queries" --database "$database" --rounds "$rounds" --relevance-rounds "$relevance_rounds" $reuse
