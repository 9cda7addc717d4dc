#!/usr/bin/env python3
"""Python package benchmark (docs/performance.md, "Python package").

  PYTHONPATH=build/ci/python /usr/bin/python3 benchmarks/bench_python.py \
      [--cli build/ci/tools/servicechain] [--units 100000]

Targets: Model.analyze() on the bundled hotel <= 150 us per call (request dict
→ JSON → run() → parsed Analysis); Analysis.to_pandas() of a 100,000-unit
analysis <= 0.5 s. The large model comes from `servicechain generate`.
"""
import argparse
import os
import subprocess
import tempfile
import timeit
from pathlib import Path

import servicechain as sc

ROOT = Path(__file__).resolve().parents[1]


def best_per_call(fn, number):
    return min(timeit.repeat(fn, number=number, repeat=5)) / number


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", default=str(ROOT / "build" / "ci" / "tools" / "servicechain"))
    parser.add_argument("--units", type=int, default=100_000)
    args = parser.parse_args()

    hotel = sc.Model.from_file(ROOT / "examples" / "hotel.json")
    t = best_per_call(hotel.analyze, 2000)
    print(f"hotel analyze():           {t * 1e6:8.1f} us/call (target <= 150)")
    t_run = best_per_call(lambda: sc.run({"command": "analyze"}, hotel), 2000)
    print(f"hotel run(analyze):        {t_run * 1e6:8.1f} us/call")

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "big.json")
        subprocess.run([args.cli, "generate", "--units", str(args.units), "--seed", "1", "-o", path],
                       check=True, capture_output=True)
        big = sc.Model.from_file(path)
    analysis = big.analyze(no_betweenness=True)
    t_pd = min(timeit.repeat(analysis.to_pandas, number=1, repeat=3))
    print(f"{len(analysis.units):,}-unit to_pandas():   {t_pd:8.3f} s (target <= 0.5)")
    t_an = min(timeit.repeat(lambda: big.analyze(no_betweenness=True), number=1, repeat=3))
    print(f"{len(analysis.units):,}-unit analyze():     {t_an:8.3f} s (no betweenness; JSON parse included)")


if __name__ == "__main__":
    main()
