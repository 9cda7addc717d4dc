#!/usr/bin/env bash
# The test suite under sanitizers (docs/reliability.md, "Sanitizers"); called by
# `scripts/quickstart.sh test`, so CI runs it after the normal suite.
#  1. AddressSanitizer + UndefinedBehaviorSanitizer (`asan` preset): every test
#     except the headless-Chromium one (label `browser`); the packaging tests are
#     not registered in sanitizer builds.
#  2. ThreadSanitizer (`tsan` preset): the library and the thread test only.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
for preset in asan tsan; do
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
  ctest --preset "$preset" -j "$jobs"
done
