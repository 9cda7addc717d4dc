#!/usr/bin/env bash
# The report of a 20,000-unit, 200,000-person generated organization in headless
# Chromium at 1366 px: the collapsed chain is drawn, the page is no wider than the
# window (document.scrollWidth <= innerWidth), the groups' labels are rendered at
# a readable size, no console errors; a screenshot for a human to look at.
# Usage: report_at_scale_in_chromium.sh CLI WORK_DIR [UNITS]. Exit 77 (ctest SKIP) without Chromium.
set -euo pipefail
cli=$1 work=$2 units=${3:-20000}
source "$(dirname "${BASH_SOURCE[0]}")/chromium_setup.sh"
flags+=(--window-size=1366,2000)

"$cli" -q generate --units "$units" --seed 1 --people-per-unit 10 -o "$work/org.json"
"$cli" -q report "$work/org.json" -o "$work/report.html"
grep -q 'data-chart="chain-groups"><svg' "$work/report.html" || fail "no collapsed chain drawn"
grep -q '<section id="impact-groups"' "$work/report.html" || fail "no impact by group"

# A copy with a probe: page and window widths, the drawing's size, its smallest label.
sed 's#</body>#<script>\
const svg = document.querySelector("figure[data-chart=chain-groups] svg");\
const r = svg.getBoundingClientRect();\
let smallest = 1e9;\
for (const t of svg.querySelectorAll("g.node text")) smallest = Math.min(smallest, t.getBoundingClientRect().height);\
document.body.setAttribute("data-probe", [document.documentElement.scrollWidth, window.innerWidth, Math.round(r.width), Math.round(r.height), Math.round(smallest)].join(" "));\
</script></body>#' "$work/report.html" > "$work/probe.html"

timeout 240 "$browser" "${flags[@]}" --enable-logging=stderr --v=0 --virtual-time-budget=5000 \
  --dump-dom "file://$work/probe.html" > "$work/dom.html" 2> "$work/chromium.log" || fail "chromium --dump-dom failed: $(tail -5 "$work/chromium.log")"
probe=$(grep -o 'data-probe="[0-9 ]*"' "$work/dom.html" | grep -o '[0-9 ]*[0-9]' || true)
[ -n "$probe" ] || fail "the probe did not run"
read -r scroll_width inner_width width height label <<< "$probe"
echo "page ${scroll_width} px in a ${inner_width} px window; collapsed chain ${width}x${height} px; smallest group label ${label} px high"
if grep -E 'CONSOLE|Uncaught' "$work/chromium.log" | grep -qiE 'error|uncaught'; then
  grep -E 'CONSOLE|Uncaught' "$work/chromium.log"
  fail "console errors"
fi
[ "$inner_width" -ge 1300 ] || fail "the window is ${inner_width} px, not 1366"
[ "$scroll_width" -le "$inner_width" ] || fail "the page is wider than the window: ${scroll_width} > ${inner_width} px"
{ [ "$width" -ge 300 ] && [ "$width" -le "$inner_width" ] && [ "$height" -ge 200 ]; } || fail "collapsed chain laid out at ${width}x${height}"
[ "$label" -ge 10 ] || fail "group labels ${label} px high: too small to read"

timeout 240 "$browser" "${flags[@]}" --hide-scrollbars --screenshot="$work/report.png" \
  "file://$work/report.html" > /dev/null 2>> "$work/chromium.log" || fail "chromium --screenshot failed"
[ "$(stat -c %s "$work/report.png")" -gt 20000 ] || fail "screenshot too small"
echo "PASS: screenshot $work/report.png"
