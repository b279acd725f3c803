#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (CTest). Tests that need the NWNsim reference
# data (NWN_REFERENCE_DIR, default ../shared/reference) are reported as skipped when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
ctest --test-dir "${BUILD_DIR:-build}" --output-on-failure -j"$(nproc)" "$@"
