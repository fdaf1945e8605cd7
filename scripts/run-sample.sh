#!/usr/bin/env bash
# Builds dialect-archive, ingests the bundled sample collection into a fresh archive
# (.sample-archive/), prints the ingest summary and the archive's statistics, and then serves
# the archive at http://127.0.0.1:8080 until Ctrl-C. With --no-serve it stops after the summary.
set -euo pipefail
cd "$(dirname "$0")/.."
serve=1
for argument in "$@"; do
    case "$argument" in
        --no-serve) serve=0 ;;
        *) echo "usage: bash scripts/run-sample.sh [--no-serve]" >&2; exit 2 ;;
    esac
done
bash scripts/install-dependencies.sh
swift build -c release --product dialect-archive
tool="$(swift build -c release --show-bin-path)/dialect-archive"
rm -rf .sample-archive
"$tool" init --archive .sample-archive --database sqlite
"$tool" ingest recordings transcripts --archive .sample-archive
echo
"$tool" stats --archive .sample-archive
if [ "$serve" -eq 1 ]; then
    echo
    exec "$tool" serve --archive .sample-archive
fi
