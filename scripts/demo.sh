#!/usr/bin/env bash
# Installs what is missing, builds, and runs the demo: `nwn demo` when the CLI has it, else the
# single-junction hysteresis example in the plain ngspice CLI.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh >/dev/null
build=${BUILD_DIR:-build}
commands=$("$build/bin/nwn" --help 2>/dev/null || true)
if grep -q '^  demo ' <<<"$commands"; then
  exec "$build/bin/nwn" demo --out "${1:-demo-out}"
fi
printf 'codemodel %s\nsource examples/junction_iv.cir\n' "$build/lib/nwnspice.cm" | ngspice -p 2>&1 |
  grep -v -e 'is a scalar - interpolation' -e '^ngspice [0-9]* ->'
