#!/usr/bin/env bash
# The CI demo: `nwn demo --quick` into DIR, then the page checked in headless Chromium (check_report.sh).
#   tests/experiments/demo/check_demo.sh NWN DIR
set -euo pipefail
nwn=$1 dir=$2
rm -rf "$dir"
mkdir -p "$(dirname "$dir")"
start=$(date +%s)
status=0
"$nwn" demo --quick --out "$dir" || status=$?
echo "nwn demo --quick: exit status $status after $(($(date +%s) - start)) s"
[[ -f $dir/index.html ]] || { echo "FAILED: no $dir/index.html" >&2; exit 1; }
check=0
"$(dirname "$0")/check_report.sh" "$dir/index.html" overview activation avalanches chaos cosim reservoir || check=$?
# A failed demo is a failure even when the page check was skipped (its exit status says "skipped").
if ((status != 0)); then exit 1; fi
exit "$check"
