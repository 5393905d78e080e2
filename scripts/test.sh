#!/usr/bin/env bash
# Runs every test of MeshStudio on a fresh machine: installs the browser the end-to-end tests drive,
# builds, runs unit, engine, catalog, component, API and browser tests, then the catalog tests again on a PostgreSQL
# server it starts from Debian's package (and stops), and ends with one summary line.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres.sh
trap stop_postgres EXIT

install_browser() {
  command -v chromium >/dev/null 2>&1 && return 0
  echo "Installing Debian's chromium for the browser tests…"
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation || {
    $sudo dpkg --configure -a; $sudo apt-get install -f -y -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation
  }
}

install_browser || { echo "chromium could not be installed"; echo "tests: 0 passed, 1 failed"; exit 1; }

results="$(pwd)/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

if ! dotnet build MeshStudio.sln -c Release -nologo -clp:ErrorsOnly; then
  echo "tests: 0 passed, 1 failed"
  exit 1
fi

status=0
format_failed=0
# Style is part of the build's contract: an unformatted file fails the run like a failing test.
if ! dotnet format MeshStudio.sln --verify-no-changes --no-restore -v quiet; then
  echo "dotnet format found files to fix: run 'dotnet format MeshStudio.sln'"
  format_failed=1; status=1
fi

dotnet test MeshStudio.sln -c Release --no-build -nologo --logger "trx" --logger "console;verbosity=minimal" \
  --results-directory "$results" || status=$?

# The catalog on PostgreSQL (ADR 21): the same catalog tests, each catalog a new database of a throwaway server.
postgres_failed=0
if install_postgres && start_postgres; then
  # The catalog's own tests and its use cases' tests (both build their catalog with TestSupport's CatalogTestContext).
  for project in Catalog Application; do
    dotnet test "tests/MeshStudio.$project.Tests" -c Release --no-build -nologo \
      --logger "trx;LogFileName=$project-on-postgresql.trx" --logger "console;verbosity=minimal" \
      --results-directory "$results" || status=$?
  done
else
  echo "PostgreSQL could not be started for the catalog tests"
  postgres_failed=1; status=1
fi
stop_postgres

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$counters")
  f=$(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$counters")
  passed=$((passed + p)); failed=$((failed + f))
done
failed=$((failed + format_failed + postgres_failed))
# A test host that crashed leaves no result file: never report such a run as green.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "tests: ${passed} passed, ${failed} failed"
exit "$status"
