#!/usr/bin/env bash
# Kills the server with SIGKILL at random moments while events are ingested and jobs run, restarts it, and checks
# that every acknowledged event is counted exactly once (tests/MeshStudio.Web.Tests/Crash/CrashRecoveryTests.cs).
# Usage: bash scripts/crash-test.sh [iterations, default 200] [seed]
set -euo pipefail
cd "$(dirname "$0")/.."
export MESH_CRASH_ITERATIONS="${1:-200}"
if [ -n "${2:-}" ]; then export MESH_CRASH_SEED="$2"; fi
dotnet build MeshStudio.sln -c Release -v q -nologo
dotnet test tests/MeshStudio.Web.Tests -c Release --no-build --filter "FullyQualifiedName~CrashRecoveryTests" \
  --logger "console;verbosity=detailed" -- RunConfiguration.TestSessionTimeout=36000000
