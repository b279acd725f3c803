#!/usr/bin/env bash
# Fetches the Debian source package of the installed ngspice into DEST without touching the system's
# apt configuration: a private deb-src list derived from the machine's own Debian entries.
#   fetch-ngspice-source.sh DEST VERSION      (VERSION = Debian version, e.g. 39.3+ds-1)
set -euo pipefail
dest=$1 version=$2
codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")

source "$(dirname "$0")/debian-uris.sh"
private_apt "$dest" "$codename" deb-src "$codename" \
  "fetch-ngspice-source (pass -DNGSPICE_SOURCE_DIR=... or -DNGSPICE_SOURCE_TARBALL=...)"
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
