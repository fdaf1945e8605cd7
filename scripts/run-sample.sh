#!/usr/bin/env bash
# Builds dialect-archive, ingests the bundled sample collection into a fresh archive
# (.sample-archive/) and prints the ingest summary and the archive's statistics.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-dependencies.sh
swift build -c release --product dialect-archive
tool="$(swift build -c release --show-bin-path)/dialect-archive"
rm -rf .sample-archive
"$tool" init --archive .sample-archive
"$tool" ingest recordings transcripts --archive .sample-archive
echo
"$tool" stats --archive .sample-archive
