#!/usr/bin/env bash
# Fetches Debian's python3-sklearn (architecture all, 2 MB) for its 8 x 8 handwritten digits and unpacks the
# one data file under DEST, never into the system: a private sources list derived from the machine's own
# Debian entries, `apt-get download`, `dpkg -x`. Prints the path of digits.csv.gz.
#   fetch-digits.sh DEST
set -euo pipefail
dest=$1
file=$dest/root/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz
if [[ -f $file ]]; then echo "$file"; exit 0; fi
codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
source "$(dirname "$0")/debian-uris.sh"
private_apt "$dest" "$codename" "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg]" "$codename" \
  "fetch-digits (pass -DNWN_DIGITS_DATA=<digits.csv.gz>)"
apt-get "${APT_OPTS[@]}" -qq update
cd "$dest"
rm -f ./*.deb
apt-get "${APT_OPTS[@]}" -qq download python3-sklearn
rm -rf root && mkdir root
dpkg -x ./python3-sklearn_*.deb root
[[ -f $file ]] || { echo "fetch-digits: no digits.csv.gz in python3-sklearn" >&2; exit 1; }
rm -f ./*.deb
echo "$file"
