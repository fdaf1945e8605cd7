#!/usr/bin/env bash
# Runs the whole test suite, installing the Debian packages it needs when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-dependencies.sh
swift build --build-tests
swift test --skip-build
