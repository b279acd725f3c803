#!/usr/bin/env bash
# Renders an nwnspice report page in headless Chromium: takes a screenshot (PAGE.png next to it, or
# $SCREENSHOT) and checks that every image loaded, every local link and image exists, and every section
# given is present.
#   tests/experiments/demo/check_report.sh PAGE.html SECTION_ID...
# Without Chromium it installs Debian's `chromium` when it can (root or sudo, apt-get; set
# NWN_NO_INSTALL=1 to forbid), else prints "SKIPPED: ..." and exits with $NWN_TEST_SKIP_CODE (77, CTest's
# SKIP_RETURN_CODE of tests/CMakeLists.txt: reported as skipped) -- or fails when NWN_REQUIRE lists chromium.
set -euo pipefail
page=$(realpath "$1"); shift
sections=("$@")
dir=$(dirname "$page")
fail() { echo "FAILED: $*" >&2; exit 1; }
[[ -f $page ]] || fail "$page does not exist"

find_browser() {
  for b in chromium chromium-browser google-chrome-stable google-chrome; do
    if command -v "$b" >/dev/null 2>&1; then command -v "$b"; return 0; fi
  done
  return 1
}
browser=$(find_browser || true)
if [[ -z $browser && -z ${NWN_NO_INSTALL:-} ]]; then
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null && sudo="sudo -n"; fi
  if [[ $(id -u) -eq 0 || -n $sudo ]] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian's chromium for the browser check ..." >&2
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium >/dev/null 2>&1 ||
      { $sudo apt-get update >/dev/null 2>&1 && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium >/dev/null 2>&1; } || true
    browser=$(find_browser || true)
  fi
fi
if [[ -z $browser ]]; then
  [[ ,${NWN_REQUIRE:-}, == *,chromium,* ]] &&
    fail "chromium is required (NWN_REQUIRE=$NWN_REQUIRE) but missing: cannot render $page"
  echo "SKIPPED: no Chromium (install Debian's chromium package) to render $page"
  exit "${NWN_TEST_SKIP_CODE:-77}"
fi

# Local references in the page's HTML: every src and href that is not an anchor or a URL must exist.
missing=0
while IFS= read -r ref; do
  [[ -z $ref || $ref == \#* || $ref == *://* || $ref == mailto:* ]] && continue
  file=$(printf '%b' "${ref//%/\\x}")  # undo percent-encoding
  [[ -e $dir/$file ]] || { echo "missing file referenced by the page: $ref" >&2; missing=$((missing + 1)); }
done < <(grep -oE '(src|href)="[^"]*"' "$page" | sed -E 's/^(src|href)="(.*)"$/\2/' | sort -u)
((missing == 0)) || fail "$missing referenced files are missing"

# Chromium as root needs --no-sandbox; a private profile keeps the check from touching anyone's.
profile=$(mktemp -d)
checker=$(mktemp "$dir/.check-XXXXXX.html")
trap 'rm -rf "$profile" "$checker"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --hide-scrollbars
       --user-data-dir="$profile" --allow-file-access-from-files --virtual-time-budget=30000)
cat >"$checker" <<HTML
<!DOCTYPE html><html><body><pre id="result">PENDING</pre>
<iframe id="f" src="$(basename "$page")" style="width:1280px;height:900px"></iframe>
<script>
const f = document.getElementById('f');
f.addEventListener('load', () => {
  const out = [];
  let d = null;
  try { d = f.contentDocument; } catch (e) {}
  if (!d) { document.getElementById('result').textContent = 'ERROR cannot read the page'; return; }
  for (const i of d.images) out.push((i.complete && i.naturalWidth > 0 ? 'IMG-OK ' : 'IMG-BROKEN ') + i.getAttribute('src'));
  for (const s of d.querySelectorAll('section')) out.push('SECTION ' + s.id + ' ' + (s.dataset.status || ''));
  out.push('IMAGES ' + d.images.length);
  out.push('DONE');
  document.getElementById('result').textContent = out.join('\n');
});
</script></body></html>
HTML
dom=$(timeout 120 "$browser" "${flags[@]}" --dump-dom "file://$checker" 2>/dev/null) || fail "chromium --dump-dom failed"
result=$(sed -n '/<pre id="result">/,/<\/pre>/p' <<<"$dom")
grep -q DONE <<<"$result" || fail "the page did not finish loading in Chromium: $result"
broken=$(grep -c '^IMG-BROKEN' <<<"$result" || true)
images=$(grep -oE 'IMAGES [0-9]+' <<<"$result" | cut -d' ' -f2)
if ((broken > 0)); then grep '^IMG-BROKEN' <<<"$result" >&2; fail "$broken of $images images did not load"; fi
for s in "${sections[@]}"; do
  grep -q "^SECTION $s " <<<"$result" || fail "section '$s' is missing from the page"
done

shot=${SCREENSHOT:-${page%.html}.png}
timeout 120 "$browser" "${flags[@]}" --window-size=1280,${SCREENSHOT_HEIGHT:-7000} --screenshot="$shot" "file://$page" >/dev/null 2>&1 ||
  fail "chromium --screenshot failed"
[[ -s $shot ]] || fail "no screenshot written"
echo "OK: $page rendered in $($browser --version 2>/dev/null | head -1): $images images loaded, sections: ${sections[*]:-(none checked)}; screenshot $shot"
grep '^SECTION' <<<"$result" | sed 's/^/  /'
