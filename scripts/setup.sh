#!/usr/bin/env bash
# Installs the Debian packages servicechain builds with. Installs only what is missing.
# `scripts/setup.sh test` also installs what the tests use (Chromium renders the HTML report;
# Python runs the ctypes example and the docs check, standard library only; valgrind
# runs the CLI's memcheck test; pybind11, pytest, pip, setuptools, wheel, venv and pandas
# build, test and pip-install the Python package, docs/python.md).
# `scripts/setup.sh bench` installs what benchmarks/compare_python.py imports;
# `scripts/setup.sh fuzz` clang 14 and its runtimes (libFuzzer, ASan, UBSan) for the `fuzz` preset.
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config
  libboost-graph-dev libboost-serialization-dev
  libspdlog-dev libfmt-dev catch2 libcli11-dev
  libsimdjson-dev nlohmann-json3-dev libbenchmark-dev
  libgraphviz-dev doxygen ccache
)
test_packages=(chromium python3 valgrind
  pybind11-dev python3-pybind11 python3-dev python3-pytest python3-pip python3-setuptools python3-wheel
  python3-venv python3-pandas)
bench_packages=(python3-numpy python3-scipy python3-igraph python3-networkx)
[ "${1:-}" = "test" ] && packages+=("${test_packages[@]}")
fuzz_packages=(clang-14 libclang-rt-14-dev)
[ "${1:-}" = "bench" ] && packages+=("${bench_packages[@]}")
[ "${1:-}" = "fuzz" ] && packages+=("${fuzz_packages[@]}")
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "setup: installing ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
