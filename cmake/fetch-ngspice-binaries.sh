#!/usr/bin/env bash
# Fetches the binary packages of a newer ngspice (default bookworm-backports' 46, which has KLU and
# OSDI) and unpacks them under DEST, never into the system: a private sources list derived from the
# machine's own Debian entries, `apt-get download`, `dpkg -x`. Prints the unpacked root.
#   fetch-ngspice-binaries.sh DEST [VERSION [SUITE]]
# Gives DEST/root/usr/bin/ngspice and DEST/root/usr/lib/<triplet>/libngspice.so.0 (cmake/Ngspice46.cmake
# writes the private spinit they need).
set -euo pipefail
dest=$1 version=${2:-46+ds-1~bpo12+1}
codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
suite=${3:-$codename-backports}
if [[ -x $dest/root/usr/bin/ngspice && -f $dest/.version && $(cat "$dest/.version") == "$version" ]]; then
  echo "$dest/root"; exit 0
fi

source "$(dirname "$0")/debian-uris.sh"
private_apt "$dest" "$codename" "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg]" "$suite" \
  "fetch-ngspice-binaries (pass -DNGSPICE46=<unpacked tree>)"
apt-get "${APT_OPTS[@]}" -qq update
cd "$dest"
rm -f ./*.deb
apt-get "${APT_OPTS[@]}" -qq download "ngspice=$version" "libngspice0=$version"
rm -rf root && mkdir root
for d in ./*.deb; do dpkg -x "$d" root; done

[[ -x root/usr/bin/ngspice ]] && ls root/usr/lib/*/libngspice.so.0 >/dev/null ||
  { echo "fetch-ngspice-binaries: unexpected package layout" >&2; exit 1; }
echo "$version" >.version
echo "$dest/root"
