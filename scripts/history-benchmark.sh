#!/usr/bin/env bash
# What provenance costs at ingest: builds this tree and the last build before provenance (the
# parent of the commit that made the audit trail a hash chain) in release mode, and runs
# history-benchmark with both, alternating.
#
#   scripts/history-benchmark.sh [--sessions 1000] [--recordings 1000] [--runs 3] [--reingests 10] [--work DIR]
#
# The baseline is built once in a temporary git worktree into .build-baseline/ and reused while
# it is of the same commit; HISTORY_BASELINE=COMMIT measures against another build.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

baseline_commit=$(git rev-parse --verify "${HISTORY_BASELINE:-8c0e38ac51c88cf4205e90e2a194d7d5f4b24fcc^}^{commit}")
baseline_build="$root/.build-baseline"

if [[ -x "$baseline_build/release/dialect-archive" && "$(cat "$baseline_build/commit" 2>/dev/null)" == "$baseline_commit" ]]; then
    echo "reusing the baseline build of $baseline_commit in .build-baseline/" >&2
else
    worktree=$(mktemp -d /tmp/dialect-archive-baseline.XXXXXX)
    # The worktree goes whatever happens; the baseline's build products stay in .build-baseline/.
    trap 'git -C "$root" worktree remove --force "$worktree" 2>/dev/null || rm -rf "$worktree"; git -C "$root" worktree prune' EXIT
    git worktree add --detach "$worktree" "$baseline_commit" >&2
    rm -f "$baseline_build/commit"
    echo "building the baseline ($baseline_commit) in release mode" >&2
    (cd "$worktree" && swift build -c release --build-path "$baseline_build" --product dialect-archive >&2)
    echo "$baseline_commit" > "$baseline_build/commit"
fi

echo "building this tree ($(git rev-parse --short HEAD)$(git diff --quiet HEAD -- Sources Package.swift || echo ', with uncommitted changes')) in release mode" >&2
swift build -c release --build-path .build-release --product dialect-archive >&2
swift build -c release --build-path .build-release --product history-benchmark >&2
current_bin=$(swift build -c release --build-path .build-release --show-bin-path)

"$current_bin/history-benchmark" --current "$current_bin/dialect-archive" \
    --baseline "$baseline_build/release/dialect-archive" "$@"
