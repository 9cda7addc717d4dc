# Sourced by the browser tests: finds Chromium (exit 77, ctest SKIP, without it),
# empties $work, and sets $browser, $flags (headless, a private profile removed
# on exit) and fail().
browser=${CHROMIUM:-}
for candidate in chromium chromium-browser; do
  [ -n "$browser" ] && break
  browser=$(command -v "$candidate" || true)
done
if [ -z "$browser" ]; then
  echo "SKIP: Chromium not installed (scripts/setup.sh test installs it)"
  exit 77
fi
rm -rf "$work" && mkdir -p "$work"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --disable-dev-shm-usage --user-data-dir="$profile")
fail() { echo "FAIL: $*"; exit 1; }
