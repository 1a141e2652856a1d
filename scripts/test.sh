#!/usr/bin/env bash
# Runs the whole test suite: installs what is missing, builds with warnings as
# errors, and runs every test through ctest. Tests that need ../shared skip
# cleanly when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset ci >/dev/null
cmake --build --preset ci -j"$(nproc)"
ctest --preset ci -j"$(nproc)" "$@"
