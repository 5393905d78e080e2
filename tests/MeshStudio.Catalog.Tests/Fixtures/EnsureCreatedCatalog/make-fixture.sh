#!/usr/bin/env bash
# Makes the catalog the upgrade tests open: checks <commit> out into a temporary worktree, runs
# CatalogFixtureGenerator there with that commit's catalog code, and copies the catalog file and its audit key here.
# Usage: bash tests/MeshStudio.Catalog.Tests/Fixtures/EnsureCreatedCatalog/make-fixture.sh <commit>
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
commit="$(git -C "$here" rev-parse --verify "${1:?usage: make-fixture.sh <commit>}^{commit}")"
tree="$(mktemp -d)"
out="$(mktemp -d)"
cleanup() {
  git -C "$here" worktree remove --force "$tree" >/dev/null 2>&1 || true
  rm -rf "$tree" "$out"
}
trap cleanup EXIT

git -C "$here" worktree add --detach "$tree" "$commit" >/dev/null
cp "$here/CatalogFixtureGenerator.cs" "$tree/tests/MeshStudio.Catalog.Tests/"
MESHSTUDIO_FIXTURE_OUT="$out" dotnet test "$tree/tests/MeshStudio.Catalog.Tests" -c Release -nologo \
  --filter "FullyQualifiedName~CatalogFixtureGenerator"
cp "$out/catalog.db" "$out/catalog.db.audit-key" "$here/"
echo "$commit" >"$here/COMMIT"
echo "Wrote $here/catalog.db from commit $commit"
