#!/usr/bin/env bash
# Installs what is missing, builds, and runs the demo: `nwn demo`, which reproduces the paper's results in
# about 2.5 minutes on 2 cores and writes a report to open in a browser (demo-out/index.html).
#   scripts/demo.sh [DIR | --out DIR] [--quick | --full] [other nwn demo options]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh >/dev/null
build=${BUILD_DIR:-build}
args=("$@")
if [[ $# -gt 0 && $1 != -* ]]; then args=(--out "$1" "${@:2}"); fi  # scripts/demo.sh DIR, as before
[[ " ${args[*]} " == *" --out "* ]] || args+=(--out demo-out)
exec "$build/bin/nwn" demo "${args[@]}"
