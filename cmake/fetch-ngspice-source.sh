#!/usr/bin/env bash
# Fetches the Debian source package of the installed ngspice into DEST without touching the system's
# apt configuration: a private deb-src list derived from the machine's own Debian entries.
#   fetch-ngspice-source.sh DEST VERSION      (VERSION = Debian version, e.g. 39.3+ds-1)
set -euo pipefail
dest=$1 version=$2
mkdir -p "$dest/apt/lists/partial" "$dest/apt/archives/partial"
codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")

source "$(dirname "$0")/debian-uris.sh"
mapfile -t uris < <(debian_uris "$codename")
if ((${#uris[@]} == 0)); then
  echo "fetch-ngspice-source: no Debian '$codename' entry in the apt sources; pass -DNGSPICE_SOURCE_DIR=... or -DNGSPICE_SOURCE_TARBALL=..." >&2
  exit 1
fi
: >"$dest/apt/sources.list"
for u in "${uris[@]}"; do echo "deb-src $u $codename main" >>"$dest/apt/sources.list"; done

private_apt_opts "$dest"
apt-get "${APT_OPTS[@]}" -qq update
cd "$dest"
apt-get "${APT_OPTS[@]}" -qq source --download-only "ngspice=$version"

orig=$(ls ngspice_*.orig.tar.* | grep -v orig-doc | head -n1)
rm -rf src && mkdir src
tar -xf "$orig" -C src --strip-components=1
deb=$(ls ngspice_*.debian.tar.* 2>/dev/null | head -n1 || true)
[[ -n $deb ]] && tar -xf "$deb" -C src
echo "$version" >src/.debian-version
echo "$dest/src"
