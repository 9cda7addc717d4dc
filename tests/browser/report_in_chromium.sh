#!/usr/bin/env bash
# Renders the bundled hotel's HTML report in headless Chromium: no console errors,
# every chart laid out with a size, a screenshot for a human to look at.
# Usage: report_in_chromium.sh CLI SOURCE_DIR WORK_DIR. Exit 77 (ctest SKIP) without Chromium.
set -euo pipefail
cli=$1 source_dir=$2 work=$3
source "$(dirname "${BASH_SOURCE[0]}")/chromium_setup.sh"

"$cli" -q report "$source_dir/examples/hotel.json" --as-of 2026-03-01 -o "$work/report.html" \
  --survey "$source_dir/examples/surveys/servqual.csv" "$source_dir/examples/surveys/ipa.csv"
expected_charts=(chain impact servqual-gaps servqual-scores ipa training gantt-service_recovery_2026 gantt-fnb_quality_2026)

# A copy with a probe that writes each chart's laid-out size into a data attribute.
sed 's#</body>#<script>\
for (const f of document.querySelectorAll("figure.chart")) {\
  const s = f.querySelector("svg"); const r = s ? s.getBoundingClientRect() : {width: 0, height: 0};\
  f.setAttribute("data-size", Math.round(r.width) + "x" + Math.round(r.height));\
}\
document.body.setAttribute("data-measured", "yes");\
</script></body>#' "$work/report.html" > "$work/probe.html"
grep -q 'data-measured' "$work/probe.html" || fail "probe not inserted"

timeout 240 "$browser" "${flags[@]}" --enable-logging=stderr --v=0 --virtual-time-budget=5000 \
  --dump-dom "file://$work/probe.html" > "$work/dom.html" 2> "$work/chromium.log" || fail "chromium --dump-dom failed: $(tail -5 "$work/chromium.log")"
grep -q 'data-measured="yes"' "$work/dom.html" || fail "the probe did not run"
if grep -E 'CONSOLE|Uncaught' "$work/chromium.log" | grep -qiE 'error|uncaught'; then
  grep -E 'CONSOLE|Uncaught' "$work/chromium.log"
  fail "console errors"
fi
for chart in "${expected_charts[@]}"; do
  size=$(grep -o "data-chart=\"$chart\"[^>]*data-size=\"[0-9]*x[0-9]*\"" "$work/dom.html" | grep -o '[0-9]*x[0-9]*"$' | tr -d '"' || true)
  [ -n "$size" ] || fail "chart $chart missing or not measured"
  width=${size%x*} height=${size#*x}
  { [ "$width" -ge 100 ] && [ "$height" -ge 50 ]; } || fail "chart $chart laid out at ${size}"
  echo "chart $chart: ${size} px"
done

timeout 240 "$browser" "${flags[@]}" --hide-scrollbars --window-size=1280,4000 --screenshot="$work/report.png" \
  "file://$work/report.html" > /dev/null 2>> "$work/chromium.log" || fail "chromium --screenshot failed"
[ "$(stat -c %s "$work/report.png")" -gt 20000 ] || fail "screenshot too small"
echo "PASS: screenshot $work/report.png"
