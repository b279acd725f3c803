#!/usr/bin/env bash
# Installs the dependencies (if missing) and builds nwnspice into ${BUILD_DIR:-build}, with
# compiler warnings as errors (-DNWN_WERROR=ON, cmake/Warnings.cmake).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
build=${BUILD_DIR:-build}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=${BUILD_TYPE:-RelWithDebInfo} -DNWN_WERROR=ON >/dev/null
cmake --build "$build" -j"$(nproc)"
