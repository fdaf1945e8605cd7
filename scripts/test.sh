#!/usr/bin/env bash
# Runs the whole test suite, installing the Debian and Python packages it needs when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-dependencies.sh
python3 -c "import bagit, rocrate, selenium, schemathesis, xmlschema, sickle, sruthi" 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check bagit rocrate selenium schemathesis xmlschema sickle sruthi
swift build --build-tests
swift test --skip-build --disable-swift-testing
