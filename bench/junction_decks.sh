# Sourced by the junction benchmarks (bench_subckt_scale.sh, subckt_floor.sh, subckt_tree_visits.sh): one
# deck of N independent junctions and one reading of ngspice's `rusage`, so that every table times the same
# circuit the same way.

# junction_deck TITLE N DEVICE TSTOP LAMBDA0 SOURCE...  -> deck on stdout
#   DEVICE: codemodel (needs $cm, the .cm to pre-load) or the path of a subcircuit library;
#   SOURCE: a value for one source each ("DC 0.2", "SIN(0 0.02 2)"): junction k hangs behind 10 kOhm from
#   source k mod (number of sources). The state of every junction starts at LAMBDA0 (uic).
junction_deck() {
  local title=$1 n=$2 dev=$3 tstop=$4 l0=$5 k
  shift 5
  local sources=("$@")
  echo "$title"
  if [[ $dev == codemodel ]]; then echo ".model jm nwnjunction (cstate=1e-8)"; else echo ".include $dev"; fi
  for k in "${!sources[@]}"; do echo "Vs$k s$k 0 ${sources[$k]}"; done
  for ((k = 0; k < n; k++)); do
    echo "R$k s$((k % ${#sources[@]})) n$k 10k"
    if [[ $dev == codemodel ]]; then
      echo "A$k %gd(n$k 0) %g(l$k) jm"
      echo "C$k l$k 0 1e-8"
    else
      echo "X$k n$k 0 l$k nwnjunction"
    fi
  done
  echo ".options reltol=1e-4 trtol=1"
  echo ".tran 1m $tstop 0 1m uic"
  for ((k = 0; k < n; k++)); do echo ".ic v(l$k)=$l0"; done
  echo ".control"
  [[ $dev == codemodel ]] && echo "pre_codemodel $cm"
  echo "run"
  echo "rusage all"
  echo ".endc"
  echo ".end"
}

# rusage_of DECK -> "iterations load_s analysis_s" (ngspice -b exits 1 after a .control block's run)
rusage_of() {
  { ngspice -b "$1" 2>&1 || true; } | awk '/^Transient iterations =/{it=$4} /^Transient load time/{ld=$5}
    /^Total analysis time/{an=$6} END{if (it == "") exit 1; print it, ld, an}'
}

# time_deck DECK REPEATS -> "iterations load_s analysis_s", medians of REPEATS runs
time_deck() {
  local runs r
  runs=$(for ((r = 0; r < $2; r++)); do rusage_of "$1" || { echo "ngspice failed on $1" >&2; return 1; }; done)
  for col in 1 2 3; do awk -v c=$col '{print $c}' <<<"$runs" | sort -g | awk '{v[NR]=$1} END{print v[int((NR + 1) / 2)]}'; done | paste -sd' '
}
