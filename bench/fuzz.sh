#!/usr/bin/env bash
# libFuzzer over nwn's parsers (fuzz/): builds the harnesses with clang in their own build tree, makes
# seed corpora from the project's own writers, the test fixtures, ngspice-written raw files and the
# NWNsim reference data when present, runs each target for SECONDS, one at a time, and prints a
# markdown table. Exit status 1 when any target crashed (ASan/UBSan report, uncaught exception, broken
# invariant, hang or out-of-memory); the inputs are kept in <build>/fuzz-artifacts/<target>/.
#   bench/fuzz.sh [SECONDS_PER_TARGET] [TARGETS...]     defaults: 60, every target
# Targets: raw_reader mat_import network_json timeseries_csv stimulus dialect sweep_params
# Environment: FUZZ_BUILD_DIR (default build-fuzz), NGSPICE_SOURCE_DIR (else build/ngspice-source/src
# when present, else the configure step fetches it), FUZZ_RSS_MB (default 2048), JOBS (build, default 2),
# FUZZ_RUNS (stop a target after this many executions, SECONDS still bounding it).
# The corpus grows across runs in <build>/fuzz-corpus/<target>; delete it to start from the seeds.
set -euo pipefail
cd "$(dirname "$0")/.."
src=$PWD
secs=${1:-60}
(($# > 0)) && shift
all=(raw_reader mat_import network_json timeseries_csv stimulus dialect sweep_params)
targets=("$@")
((${#targets[@]} == 0)) && targets=("${all[@]}")
for t in "${targets[@]}"; do
  [[ " ${all[*]} " == *" $t "* ]] || { echo "fuzz.sh: unknown target '$t' (${all[*]})" >&2; exit 2; }
done
build=${FUZZ_BUILD_DIR:-$src/build-fuzz}
[[ $build = /* ]] || build=$src/$build
rss=${FUZZ_RSS_MB:-2048}

# ---- toolchain: the project's dependencies, then clang and its libFuzzer runtime (bookworm: the
# runtime is libclang-rt-14-dev, only a Recommends of clang-14, which --no-install-recommends skips).
scripts/setup.sh
missing=()
for p in clang libclang-rt-14-dev; do
  [[ $(dpkg-query -W -f='${Status}' "$p" 2>/dev/null) == "install ok installed" ]] || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [[ $(id -u) -ne 0 ]] && sudo=sudo
  echo "fuzz.sh: installing ${missing[*]}" >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# ---- build: only the harnesses and their libraries (no CLI, no code model, no tests)
if [[ ! -f $build/CMakeCache.txt ]]; then
  ngsrc=${NGSPICE_SOURCE_DIR:-}
  [[ -z $ngsrc && -f $src/build/ngspice-source/src/src/xspice/cmpp/main.c ]] && ngsrc=$src/build/ngspice-source/src
  cmake -S "$src" -B "$build" -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DNWN_FUZZ=ON -DNWN_BUILD_TESTS=OFF -DNGSPICE46=OFF ${ngsrc:+-DNGSPICE_SOURCE_DIR=$ngsrc} >/dev/null
fi
build_targets=(fuzz_seeds)
for t in "${targets[@]}"; do build_targets+=("fuzz_$t"); done
cmake --build "$build" -j "${JOBS:-2}" --target "${build_targets[@]}" >"$build/fuzz-build.log" 2>&1 ||
  { tail -30 "$build/fuzz-build.log" >&2; exit 1; }

# ---- seeds, remade every run
seeds=$build/fuzz-seeds
rm -rf "$seeds"
"$build/fuzz/fuzz_seeds" "$seeds"
for t in "${all[@]}"; do
  mkdir -p "$seeds/$t"
  [[ -d fuzz/seeds/$t ]] && cp fuzz/seeds/"$t"/* "$seeds/$t/"
done
# what the tests and examples feed the parsers
cp examples/*.json "$seeds/network_json/"
for f in examples/*_sc.lib examples/cosim_flavours.inc tests/cosim/meas_rc.cir; do
  [[ -f $f ]] && for d in 0 1 2; do
    { printf "\\$(printf %03o $((3 + d)))"; cat "$f"; } >"$seeds/dialect/$(basename "$f").$d"
  done
done
# ngspice's own raw files, binary and ASCII, real and complex (as tests/io makes them)
if command -v ngspice >/dev/null; then
  work=$(mktemp -d)
  for kind in binary ascii; do
    {
      echo "RC low-pass"
      echo "V1 in 0 DC 0 AC 1 PULSE(0 1 0 1n 1n 1 2)"
      echo "R1 in out 1k"
      echo "C1 out 0 1u"
      [[ $kind == ascii ]] && echo ".options filetype=ascii"
      echo ".ac dec 2 10 1k"
      echo ".tran 100u 1m"
      echo ".end"
    } >"$work/rc_$kind.cir"
    (cd "$work" && ngspice -b -r "rc_$kind.raw" "rc_$kind.cir" >/dev/null 2>&1) &&
      cp "$work/rc_$kind.raw" "$seeds/raw_reader/ngspice_$kind.raw"
  done
  rm -rf "$work"
fi
# NWNsim's reference data (read in place, never copied into the repository)
ref=${NWN_REFERENCE_DIR:-$src/../shared/reference}/nwnsim
if [[ -d $ref ]]; then
  for f in "$ref"/*.mat; do [[ -f $f && $(stat -c %s "$f") -le 262144 ]] && cp "$f" "$seeds/mat_import/"; done
  for f in "$ref"/*.csv; do
    [[ -f $f ]] && { printf '\0'; head -c 4000 "$f"; } >"$seeds/timeseries_csv/ref_$(basename "$f")"
  done
fi

# ---- run, one target at a time (-max_len keeps mutations on the scale of a seed)
declare -A max_len=([raw_reader]=16384 [mat_import]=32768 [network_json]=16384 [timeseries_csv]=4096
                    [stimulus]=1024 [dialect]=8192 [sweep_params]=512)
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
status=0
rows=()
for t in "${targets[@]}"; do
  corpus=$build/fuzz-corpus/$t
  art=$build/fuzz-artifacts/$t
  mkdir -p "$corpus" "$art"
  before=$(find "$art" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | wc -l)
  log=$art/last-run.log
  start=$(date +%s.%N)
  rc=0
  (cd "$art" && "$build/fuzz/fuzz_$t" -max_total_time="$secs" ${FUZZ_RUNS:+-runs=$FUZZ_RUNS} -timeout=10 -rss_limit_mb="$rss" \
     -max_len="${max_len[$t]}" -print_final_stats=1 \
     -artifact_prefix="$art/" "$corpus" "$seeds/$t") >"$log" 2>&1 || rc=$?
  wall=$(echo "$(date +%s.%N) - $start" | bc -l)
  # scratch directories of harness processes that died without cleaning up (fuzz/fuzz_support.h)
  for d in "${NWN_FUZZ_TMP:-/dev/shm}"/nwn-fuzz-*; do
    [[ -d $d ]] && ! kill -0 "${d##*-}" 2>/dev/null && rm -rf "$d"
  done
  execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)
  [[ -z $execs ]] && execs=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#' || true)
  execs=${execs:-0}
  after=$(find "$art" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | wc -l)
  crashes=$((after - before))
  ((rc != 0 && crashes == 0)) && crashes=1  # died without writing an input (e.g. killed)
  ((crashes)) && { status=1; echo "fuzz.sh: $t crashed; see $log and $art" >&2; }
  rows+=("$(printf '| %s | %d | %d | %.0f | %.0f |' "$t" "$execs" "$crashes" "$wall" "$(echo "$execs / $wall" | bc -l)")")
done

echo "libFuzzer (clang $(clang --version | grep -o 'version [0-9.]*' | cut -d' ' -f2), -fsanitize=fuzzer,address,undefined), $(date +%F)"
echo
echo "| target | executions | crashes | seconds | exec/s |"
echo "|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
exit $status
