#!/usr/bin/env bash
# Runs the probe project (tests/CMakeLists.txt, support/skip_probe.cpp) with CTest and checks what CTest
# reports for each probe: a failure is a failure whatever the test printed or skipped after it.
#   tests/support/check_skip.sh CTEST PROBE_DIR
set -uo pipefail
ctest=$1 dir=$2
out=$("$ctest" --test-dir "$dir" 2>&1)
rc=$?
echo "$out"
bad=0
expect() {  # expect NAME OUTCOME: OUTCOME is what CTest prints after the name (Passed, ***Failed, ***Skipped)
  local line
  line=$(grep -E "Test +#[0-9]+: $1 " <<<"$out")
  [[ $line == *"$2"* ]] || { echo "FAILED: CTest did not report '$1' as $2" >&2; bad=1; }
}
expect fails_then_skips '***Failed'
expect prints_skipped_then_fails '***Failed'
expect skips_required '***Failed'
expect skips '***Skipped'
expect passes 'Passed'
[[ $rc -ne 0 ]] || { echo "FAILED: ctest exited 0 with failed tests" >&2; bad=1; }
exit $bad
