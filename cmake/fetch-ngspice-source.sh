#!/usr/bin/env bash
# Fetches the Debian source package of the installed ngspice into DEST without touching the system's
# apt configuration: a private deb-src list derived from the machine's own Debian entries.
#   fetch-ngspice-source.sh DEST VERSION      (VERSION = Debian version, e.g. 39.3+ds-1)
set -euo pipefail
dest=$1 version=$2
mkdir -p "$dest/apt/lists/partial" "$dest/apt/archives/partial"
codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")

# Debian archive URIs the machine already uses, from deb822 .sources files and one-line lists.
uris=()
for f in /etc/apt/sources.list.d/*.sources; do
  [[ -f $f ]] || continue
  awk -v RS= '/(^|\n)Types:[^\n]*deb/ && /(^|\n)Suites:[^\n]*'"$codename"'([ \n]|$)/' "$f" |
    sed -n 's/^URIs:[[:space:]]*//p' | tr ' ' '\n' >>"$dest/apt/uris"
done
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
  [[ -f $f ]] || continue
  awk -v c="$codename" '$1 ~ /^deb(-src)?$/ { i = 2; if ($2 ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
                        if ($(i+1) == c) print $i }' "$f" >>"$dest/apt/uris"
done
mapfile -t uris < <(grep -v security "$dest/apt/uris" 2>/dev/null | sort -u)
rm -f "$dest/apt/uris"
if ((${#uris[@]} == 0)); then
  echo "fetch-ngspice-source: no Debian '$codename' entry in the apt sources; pass -DNGSPICE_SOURCE_DIR=... or -DNGSPICE_SOURCE_TARBALL=..." >&2
  exit 1
fi
: >"$dest/apt/sources.list"
for u in "${uris[@]}"; do echo "deb-src $u $codename main" >>"$dest/apt/sources.list"; done

apt_opts=(-o "Dir::Etc::sourcelist=$dest/apt/sources.list" -o Dir::Etc::SourceParts=/nonexistent
          -o "Dir::State::Lists=$dest/apt/lists" -o "Dir::Cache::archives=$dest/apt/archives"
          -o APT::Sandbox::User=root -o Debug::NoLocking=1)
apt-get "${apt_opts[@]}" -qq update
cd "$dest"
apt-get "${apt_opts[@]}" -qq source --download-only "ngspice=$version"

orig=$(ls ngspice_*.orig.tar.* | grep -v orig-doc | head -n1)
rm -rf src && mkdir src
tar -xf "$orig" -C src --strip-components=1
deb=$(ls ngspice_*.debian.tar.* 2>/dev/null | head -n1 || true)
[[ -n $deb ]] && tar -xf "$deb" -C src
echo "$version" >src/.debian-version
echo "$dest/src"
