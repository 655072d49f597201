#!/usr/bin/env bash
# `npm run lint:package`: publint and arethetypeswrong over the package as it would be published. Quiet when both
# pass; their full report on failure, or always with DUIS_TEST_VERBOSE=1. Packs without lifecycle scripts: npm test
# has just built dist/, and prepack would build it again.
set -uo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$(
  npx publint --strict 2>&1 &&
    tarball=$(npm pack --ignore-scripts --silent --pack-destination "$tmp" | tail -n 1) &&
    npx attw "$tmp/$tarball" --exclude-entrypoints ./schemas/duis-6.15.1.xsd ./schemas/duis-6.21.xsd --format table-flipped 2>&1
)
status=$?
if [ "$status" -ne 0 ] || [ -n "${DUIS_TEST_VERBOSE:-}" ]; then printf '%s\n' "$out"; fi
exit "$status"
