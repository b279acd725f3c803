#!/usr/bin/env bash
# Installs nwnspice's build and run dependencies from Debian bookworm's own suite.
# Idempotent: does nothing (and touches no network) when everything is present.
set -euo pipefail

PKGS=(
  build-essential cmake pkg-config dpkg-dev xz-utils
  ngspice libngspice0 libngspice0-dev        # 39.3: its source package is reachable (see docs/xspice_kit.md)
  flex bison                                 # to build ngspice's cmpp
  libeigen3-dev libboost-program-options-dev catch2
  libmatio-dev nlohmann-json3-dev zlib1g-dev gnuplot-nox
  libopenmpi-dev openmpi-bin                 # mpirun -np N nwn ensemble|sweep|phase-diagram
  python3-dev pybind11-dev python3-pybind11  # the nwnspice Python package (python/), for /usr/bin/python3
  python3-numpy python3-pytest python3-setuptools
)

missing=()
for p in "${PKGS[@]}"; do
  [[ $(dpkg-query -W -f='${Status}' "$p" 2>/dev/null) == "install ok installed" ]] || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  exit 0
fi

SUDO=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "setup.sh: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  SUDO="sudo"
fi
echo "setup.sh: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# Pin ngspice to bookworm's main suite: a code model must match the headers of the ngspice that loads it.
$SUDO apt-get install -y -qq --no-install-recommends -t bookworm "${missing[@]}"
