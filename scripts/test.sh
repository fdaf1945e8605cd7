#!/usr/bin/env bash
# Runs the whole test suite, installing the Debian and Python packages it needs when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-dependencies.sh
python3 -c "import bagit, rocrate, selenium, schemathesis, xmlschema, sickle, sruthi" 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check bagit rocrate selenium schemathesis xmlschema sickle sruthi
swift build --build-tests
# The PostgreSQL tests run against a throwaway cluster, stopped at the end whatever happens.
cluster=$(mktemp -d /tmp/dialect-archive-postgres.XXXXXX)
# Some tests run the command line as `nobody`, who must reach the cluster's socket too.
chmod 755 "$cluster"
log=$(mktemp)
trap 'rm -f "$log"; bash scripts/postgres-cluster.sh stop "$cluster"; rm -rf "$cluster"' EXIT
DIALECT_ARCHIVE_TEST_POSTGRES=$(bash scripts/postgres-cluster.sh start "$cluster" --no-fsync)
export DIALECT_ARCHIVE_TEST_POSTGRES
# A test that stops making progress must not hold the run for good: when nothing has been
# printed for 15 minutes, say which test was running and stop the suite with a failure.
run_tests() {
    swift test --skip-build --disable-swift-testing "$@" > >(tee "$log") 2>&1 &
    local tests=$!
    while kill -0 "$tests" 2>/dev/null; do
        sleep 20
        if [ $(( $(date +%s) - $(stat -c %Y "$log") )) -gt 900 ]; then
            echo "scripts/test.sh: no test output for 15 minutes; stopped while running: $(grep " started at " "$log" | tail -1)" >&2
            pkill -KILL -f "dialect-archivePackageTests.xctest" || true
            kill "$tests" 2>/dev/null || true
            wait "$tests" || true
            exit 1
        fi
    done
    wait "$tests"
}
# Every archive test runs twice: first with its archives on SQLite, then with each archive on
# a fresh PostgreSQL database. The second run leaves out what does not depend on where an
# archive's records are: the transcript readers, and the tests that already compare the two
# databases side by side.
failed=0
echo "scripts/test.sh: the whole suite, archives on SQLite"
run_tests || failed=1
echo "scripts/test.sh: every archive test again, archives on PostgreSQL"
DIALECT_ARCHIVE_TEST_DATABASE=postgres run_tests --skip 'TranscriptsTests\.|OnBothDatabasesTests|Postgres|StoreBackendTests|DatabaseMigrationTests|ConcurrentIngestTests|CrashSafetyTests|WebServersSharingADatabaseTests|SearchCacheAcrossProcessesTests' || failed=1
exit "$failed"
