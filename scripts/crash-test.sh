#!/usr/bin/env bash
# Kills the server with SIGKILL at random moments while events are ingested and jobs run, restarts it, retries every
# batch whose answer the kill took (same Idempotency-Key, same body) and checks that every batch is counted exactly
# once across kills and retries (tests/MeshStudio.Web.Tests/Crash/CrashRecoveryTests.cs).
# Usage: bash scripts/crash-test.sh [iterations, default 200] [seed]
set -euo pipefail
cd "$(dirname "$0")/.."
export MESH_CRASH_ITERATIONS="${1:-200}"
if [ -n "${2:-}" ]; then export MESH_CRASH_SEED="$2"; fi
dotnet build MeshStudio.sln -c Release -v q -nologo
dotnet test tests/MeshStudio.Web.Tests -c Release --no-build --filter "FullyQualifiedName~CrashRecoveryTests" \
  --logger "console;verbosity=detailed" -- RunConfiguration.TestSessionTimeout=36000000
