#!/usr/bin/env bash
# The hotel's report in English and Spanish, as a manager sees it at 1366 px in
# headless Chromium: no horizontal overflow of the page, every section present
# (by id), no SVG label outside its drawing, labels at least 10 px, no console
# error. The reports are of the hotel's second quarter with the waves of both
# quarters (examples/waves), so the trends section is there too. Screenshots
# (the whole page and one per section) stay in WORK_DIR; with UPDATE_DOCS=DIR the
# section screenshots are also copied there (docs/images: report-ID.png in English,
# report-ID.es.png in Spanish).
# Usage: report_sections_in_chromium.sh CLI SOURCE_DIR WORK_DIR. Exit 77 (ctest SKIP) without Chromium.
set -euo pipefail
cli=$1 source_dir=$2 work=$3
source "$(dirname "${BASH_SOURCE[0]}")/chromium_setup.sh"
width=1366
sections=(executive-summary summary chain impact moments internal compliance alignment culture servqual ipa training plans trends simulation)

# The probe measures the page after layout and writes what it found into attributes of <body>.
probe=$(cat <<'JS'
<script>
(function () {
  const problems = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > window.innerWidth + 1) problems.push("page overflows: " + doc.scrollWidth + " > " + window.innerWidth);
  for (const svg of document.querySelectorAll("svg")) {
    const shown = svg.getBoundingClientRect();
    if (shown.right > doc.clientWidth + 1) problems.push("svg wider than the page: " + (svg.closest("figure") || svg).getAttribute("data-chart"));
    for (const t of svg.querySelectorAll("text")) {
      if (!t.textContent.trim()) continue;
      // On screen (CSS px): the label's box must lie inside its drawing's box, and its
      // font size, through every transform and the drawing's scaling, be at least 10 px.
      const r = t.getBoundingClientRect(), name = (svg.closest("figure") || svg).getAttribute("data-chart");
      if (r.left < shown.left - 1 || r.right > shown.right + 1 || r.top < shown.top - 1 || r.bottom > shown.bottom + 1)
        problems.push("label clipped: \"" + t.textContent + "\" in " + name);
      const m = t.getScreenCTM();
      const px = parseFloat(getComputedStyle(t).fontSize) * Math.sqrt(m.b * m.b + m.d * m.d);
      if (px < 9.95) problems.push("label of " + px.toFixed(1) + " px: \"" + t.textContent + "\" in " + name);
    }
  }
  const found = [...document.querySelectorAll("section[id]")].map(s => s.id + ":" + Math.round(s.getBoundingClientRect().top + window.scrollY) + ":" + Math.ceil(s.getBoundingClientRect().height));
  document.body.setAttribute("data-sections", found.join(" "));
  document.body.setAttribute("data-problems", problems.slice(0, 20).join(" | ").replace(/"/g, "`"));
  document.body.setAttribute("data-problem-count", String(problems.length));
})();
</script></body>
JS
)

check_report() {
  local lang=$1 model=$2 html="$work/report-$1.html"
  shift 2
  "$cli" -q --lang "$lang" report "$model" -o "$html" --survey "$source_dir/examples/surveys/servqual.csv" "$source_dir/examples/surveys/ipa.csv" "$@"
  python3 - "$html" "$work/probe-$lang.html" "$probe" <<'PY'
import sys
html, out, probe = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(html, encoding="utf-8").read()
assert "</body>" in text
open(out, "w", encoding="utf-8").write(text.replace("</body>", probe, 1))
PY
  timeout 240 "$browser" "${flags[@]}" --enable-logging=stderr --v=0 --window-size=$width,900 --virtual-time-budget=5000 \
    --dump-dom "file://$work/probe-$lang.html" > "$work/dom-$lang.html" 2> "$work/chromium-$lang.log" || fail "chromium --dump-dom failed ($lang)"
  grep -q 'data-problem-count=' "$work/dom-$lang.html" || fail "the probe did not run ($lang)"
  if grep -E 'CONSOLE|Uncaught' "$work/chromium-$lang.log" | grep -qiE 'error|uncaught'; then
    grep -E 'CONSOLE|Uncaught' "$work/chromium-$lang.log"
    fail "console errors ($lang)"
  fi
  local problems count
  count=$(grep -o 'data-problem-count="[0-9]*"' "$work/dom-$lang.html" | grep -o '[0-9]*')
  problems=$(grep -o 'data-problems="[^"]*"' "$work/dom-$lang.html" || true)
  [ "$count" = 0 ] || fail "$lang: $count layout problems: $problems"
  local found
  found=$(grep -o 'data-sections="[^"]*"' "$work/dom-$lang.html" | sed 's/data-sections="//; s/"$//')
  for s in "${sections[@]}"; do
    [[ " $found" == *" $s:"* ]] || fail "$lang: section #$s missing (found: $found)"
  done
  echo "$lang: ${#sections[@]} sections present, no overflow, no clipped or small label"
  timeout 240 "$browser" "${flags[@]}" --hide-scrollbars --window-size=$width,6000 --screenshot="$work/report-$lang.png" \
    "file://$html" > /dev/null 2>> "$work/chromium-$lang.log" || fail "chromium --screenshot failed ($lang)"
  # One screenshot per section: the page with only that section shown, the window as tall as it.
  for entry in $found; do
    local id=${entry%%:*} rest=${entry#*:} height
    height=${rest#*:}
    [ "$height" -gt 0 ] || continue
    [ "$height" -le 2400 ] || height=2400
    sed "s#</style>#section:not(\#$id),header{display:none}body{padding-top:.2em}</style>#" "$html" > "$work/only-$id-$lang.html"
    timeout 120 "$browser" "${flags[@]}" --hide-scrollbars --window-size=1100,$((height + 120)) \
      --screenshot="$work/report-$id-$lang.png" "file://$work/only-$id-$lang.html" > /dev/null 2>> "$work/chromium-$lang.log" ||
      fail "chromium --screenshot of #$id failed ($lang)"
    if [ -n "${UPDATE_DOCS:-}" ]; then
      # For docs/report.md: the top of the section (at most 1000 px), rendered at 0.8 to keep the file small.
      local doc="$UPDATE_DOCS/report-$id.png"
      [ "$lang" = en ] || doc="$UPDATE_DOCS/report-$id.$lang.png"
      [ "$height" -le 1000 ] || height=1000
      timeout 120 "$browser" "${flags[@]}" --hide-scrollbars --force-device-scale-factor=0.8 --window-size=1100,$((height + 60)) \
        --screenshot="$doc" "file://$work/only-$id-$lang.html" > /dev/null 2>> "$work/chromium-$lang.log" ||
        fail "chromium --screenshot of #$id for the docs failed"
    fi
  done
}

# The hotel's second quarter, with the waves of both quarters. The internal survey
# names the English hotel's services; the Spanish hotel shows the model's own ratings.
waves=$source_dir/examples/waves
survey_waves=(--wave "servqual:2026-03-31=$waves/2026-q1-servqual.csv" --wave "servqual:2026-06-30=$waves/2026-q2-servqual.csv"
              --wave "nps:$waves/2026-q1-nps.csv" --wave "nps:$waves/2026-q2-nps.csv" --wave-column nps=recommend
              --wave "csat:$waves/2026-q1-nps.csv" --wave "csat:$waves/2026-q2-nps.csv")
check_report en "$waves/hotel-2026-q2.json" --internal-survey "$waves/2026-q2-internal.csv" "${survey_waves[@]}" \
  --wave "internal:$waves/2026-q1-internal.csv" --wave "internal:$waves/2026-q2-internal.csv" \
  --wave "maturity:2026-03-31=$source_dir/examples/hotel.json" --wave "maturity:2026-06-30=$waves/hotel-2026-q2.json"
check_report es "$waves/hotel-es-2026-q2.json" "${survey_waves[@]}" \
  --wave "maturity:2026-03-31=$source_dir/examples/hotel-es.json" --wave "maturity:2026-06-30=$waves/hotel-es-2026-q2.json"
echo "PASS: screenshots in $work"
