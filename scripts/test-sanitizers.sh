#!/usr/bin/env bash
# Builds nwnspice with AddressSanitizer + UndefinedBehaviorSanitizer (-DNWN_SANITIZE=ON, see
# cmake/Sanitizers.cmake) into ${ASAN_BUILD_DIR:-build-asan} and runs the tests there, all but the
# long golden run of the portable subcircuit in the ngspice CLI (most of its minute inside the uninstrumented
# ngspice; the code of ours it uses, deck writer and raw reader, runs in the fast tests). Fails on
# a failed test and on any sanitizer report, also one from a child process whose exit status a test
# does not look at (a sanitizer abort in a command that is expected to fail would otherwise pass).
# Reuses the ngspice source and ngspice 46 tree of the main build (${BUILD_DIR:-build}) when there.
#   scripts/test-sanitizers.sh [ctest args...]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
scripts/setup.sh
build=${ASAN_BUILD_DIR:-build-asan}
main=${BUILD_DIR:-build}
jobs=$(nproc)

reuse=()
if [[ -f $main/ngspice-source/src/src/xspice/cmpp/main.c ]]; then
  reuse+=("-DNGSPICE_SOURCE_DIR=$(realpath "$main/ngspice-source/src")")
fi
if [[ -x $main/ngspice46/root/usr/bin/ngspice ]]; then
  reuse+=("-DNGSPICE46=$(realpath "$main/ngspice46/root")")
fi
# -Og -g1: with -O2 -g the sanitizers make the build 2.5 times slower (UBSan's checks cost the
# optimiser most); -Og -g1 compiles about as fast as the main build, and line tables are all a
# report needs.
# NDEBUG as in the main build, so the code checked is the code that ships.
# Without MPI: Open MPI's own allocations at exit would bury LeakSanitizer's reports, and the job pool's
# MPI path is the same code as the local one around a transport (tests/jobs runs it in the main build);
# its tests print SKIPPED here.
# Without the Python package: an instrumented extension needs the ASan runtime preloaded into an uninstrumented
# python3, whose own allocations then bury LeakSanitizer's reports; the C++ it calls is the code the other
# tests check here, and the main build runs the package's tests.
# -DNWN_WERROR=ON as in the main build: gcc at -Og with the sanitizers warns about nothing of ours either.
opt=${NWN_SANITIZE_OPT:--Og -g1}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNWN_SANITIZE=ON -DNWN_MPI=OFF -DNWN_PYTHON=OFF -DNWN_WERROR=ON "${reuse[@]}" \
  -DCMAKE_C_FLAGS_RELWITHDEBINFO="$opt -DNDEBUG" -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$opt -DNDEBUG" >/dev/null
cmake --build "$build" -j"$jobs"

logs=$(realpath "$build")/sanitizer-logs
rm -rf "$logs" && mkdir -p "$logs"
supp=$root/tests/sanitizers
# Every process writes its reports to $logs/<tool>.<pid>, so none is lost to a test that swallows
# a child's stderr; an empty directory at the end means clean.
# malloc_context_size=2: an allocation is recorded with its direct caller only. ngspice's own
# leaks (tests/sanitizers/lsan.supp) are suppressed by module, and a suppression matches any frame
# of the recorded stack: with deeper stacks it would also hide a block our code model or one of
# our callbacks allocated under an ngspice frame. To see deeper allocation stacks of a finding,
# rerun its test with ASAN_OPTIONS=...:malloc_context_size=30.
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=0:detect_leaks=1:malloc_context_size=2:check_initialization_order=1:strict_init_order=1:log_path=$logs/asan:suppressions=$supp/asan.supp"
export LSAN_OPTIONS="suppressions=$supp/lsan.supp:print_suppressions=0"
# (UBSan's log_path takes effect through cmake/sanitizer_log_path.c, linked into every program.)
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:log_path=$logs/ubsan:suppressions=$supp/ubsan.supp"
# The system ngspice CLI as `ngspice` on PATH, with the ASan runtime preloaded for the sanitized
# code model it loads (the ngspice 46 wrapper is compiled in as NWN_NGSPICE46_BIN).
export PATH="$(realpath "$build")/sanitizer-bin:$PATH"

# Left out, to keep CI within its time: the golden subcircuit run (minutes of ngspice's own parser), and two
# long numeric loops (96 s and 72 s here) whose code runs under the sanitizers in shorter tests: the running
# Lyapunov estimate and the controller's refusals (edge-control), ridge_cv (the reservoir tests).
status=0
ctest --test-dir "$build" --output-on-failure -j"$jobs" \
  -E 'golden: ?the ngspice CLI with the portable subcircuit|edge-control: the amplitude settles|NLT with the cross-validated reservoir readout' \
  "$@" || status=$?

if compgen -G "$logs/*" >/dev/null; then
  echo "== sanitizer reports (scripts/test-sanitizers.sh) =="
  for f in "$logs"/*; do
    echo "-- $f"
    cat "$f"
  done
  echo "sanitizers: $(ls "$logs" | wc -l) report file(s) in $logs"
  exit 1
fi
if [[ $status -ne 0 ]]; then
  echo "sanitizers: no reports, but tests failed (ctest status $status)"
  exit "$status"
fi
echo "sanitizers: clean"
