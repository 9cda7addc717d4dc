#!/usr/bin/env bash
# The README's two commands:
#   scripts/quickstart.sh demo   install what is missing, build, run the demo
#   scripts/quickstart.sh test   install what is missing, build, run every test, then
#                                again under sanitizers (scripts/sanitizers.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-demo}
scripts/setup.sh "$what"
jobs=$(nproc 2>/dev/null || echo 2)
# A compiler cache when the machine has one (setup installs it): a rebuild of
# unchanged sources, as in CI after a local build, then costs seconds.
if command -v ccache >/dev/null; then
  export CMAKE_CXX_COMPILER_LAUNCHER=ccache CMAKE_C_COMPILER_LAUNCHER=ccache
fi
case "$what" in
  demo)
    cmake --preset release >/dev/null
    cmake --build --preset release -j "$jobs"
    build/release/tools/servicechain demo
    ;;
  test)
    preset=release
    [ "${CI:-}" = "true" ] && preset=ci
    cmake --preset "$preset" >/dev/null
    cmake --build --preset "$preset" -j "$jobs"
    ctest --preset "$preset" -j "$jobs"
    scripts/sanitizers.sh  # ASan + UBSan over the suite, TSan over the thread test
    ;;
  *) echo "usage: $0 demo|test" >&2; exit 2 ;;
esac
