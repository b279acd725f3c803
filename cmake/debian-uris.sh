# Sourced by the fetch scripts: prints the Debian archive URIs the machine's own apt sources use for
# the suite `$1` (deb822 .sources files and one-line lists), security mirrors left out, one per line.
debian_uris() {
  local codename=$1 f
  {
    for f in /etc/apt/sources.list.d/*.sources; do
      [[ -f $f ]] || continue
      awk -v RS= '/(^|\n)Types:[^\n]*deb/ && /(^|\n)Suites:[^\n]*'"$codename"'([ \n]|$)/' "$f" |
        sed -n 's/^URIs:[[:space:]]*//p' | tr ' ' '\n'
    done
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
      [[ -f $f ]] || continue
      awk -v c="$codename" '$1 ~ /^deb(-src)?$/ { i = 2; if ($2 ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
                            if ($(i+1) == c) print $i }' "$f"
    done
  } | grep -v security | sort -u
}

# A private apt setup under DEST: DEST/apt/sources.list with one line `TYPE URI SUITE main` per Debian
# URI of the machine's CODENAME entries, and APT_OPTS that keep every list, cache and lock under DEST
# (the system's apt state is not touched). Fails with a message naming WHO when there is no entry.
#   private_apt DEST CODENAME TYPE SUITE WHO
private_apt() {
  local dest=$1 codename=$2 type=$3 suite=$4 who=$5 u
  local uris=()
  mapfile -t uris < <(debian_uris "$codename")
  if ((${#uris[@]} == 0)); then
    echo "$who: no Debian '$codename' entry in the apt sources" >&2
    return 1
  fi
  mkdir -p "$dest/apt/lists/partial" "$dest/apt/archives/partial"
  : >"$dest/apt/sources.list"
  for u in "${uris[@]}"; do echo "$type $u $suite main" >>"$dest/apt/sources.list"; done
  private_apt_opts "$dest"
}

private_apt_opts() {
  local dest=$1
  APT_OPTS=(-o "Dir::Etc::sourcelist=$dest/apt/sources.list" -o Dir::Etc::SourceParts=/nonexistent
            -o "Dir::State::Lists=$dest/apt/lists" -o "Dir::Cache::archives=$dest/apt/archives"
            -o APT::Sandbox::User=root -o Debug::NoLocking=1)
}
