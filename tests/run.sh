#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine (PostgreSQL, fonts, Chromium, dotnet tools, npm packages)
# and runs every test in the solution: unit and integration tests, then browser tests.
# Set READINESS_TEST_DB to a connection string to use an existing database instead of a private cluster.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

"$ROOT/deploy/local/prerequisites.sh" --browser

dotnet build Readiness.sln -c Release -nologo -v quiet -clp:ErrorsOnly

echo "Checking deploy/ with yamllint..."
yamllint -s -c deploy/.yamllint.yaml deploy

# The migration Job's bundle: built here, and run against an empty database by MigrationsBundleTests.
bundle_dir=$(mktemp -d)
trap 'rm -rf "$bundle_dir"' EXIT
echo "Building the EF Core migrations bundle..."
dotnet ef migrations bundle --project migrations/Readiness.Migrations --startup-project migrations/Readiness.Migrations \
  --configuration Release --no-build -o "$bundle_dir/efbundle" >/dev/null
export READINESS_EFBUNDLE="$bundle_dir/efbundle"

output=$(mktemp)
set +e
dotnet test Readiness.sln -c Release --no-build -nologo --logger "console;verbosity=normal" 2>&1 | tee "$output" | grep -vE "^\s+Passed "
status=${PIPESTATUS[0]}
set -e

total() { grep -oE "$1: +[0-9]+" "$output" | awk '{ sum += $2 } END { print sum + 0 }'; }
echo "$(total Passed) passed, $(total Failed) failed, $(total Skipped) skipped"
rm -f "$output"
exit "$status"
