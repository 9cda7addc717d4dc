#!/usr/bin/env python3
"""The servicechain Python package on the example hotel (docs/python.md).

Run from the source tree after `pip install .` (docs/python.md), or with
PYTHONPATH=build/ci/python:  python3 examples/python/analyze_hotel.py [examples]
"""
import sys
from pathlib import Path

import servicechain as sc

examples = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1]

model = sc.Model.from_file(examples / "hotel.json")
analysis = model.analyze()
print(f"CSI {analysis.csi:.1f} ({analysis.model} propagation, {len(analysis.units)} units)")
weakest = min(analysis.units, key=lambda u: u["delivered"])
print(f"weakest delivered quality: {weakest['id']} {weakest['delivered']:.3f}")

nps = sc.survey.nps(examples / "surveys" / "nps.csv", column="recommend")
print(f"NPS {nps['nps']:.1f} (n={nps['n']})")
sim = model.simulate(runs=1000, seed=1)
print(f"simulated CSI: mean {sim['csi']['mean']:.1f}, 90% of runs in [{sim['csi']['p5']:.1f}, {sim['csi']['p95']:.1f}]")

try:
    import pandas as pd
except ImportError:
    pd = None
if pd is not None:
    units = analysis.to_pandas()["units"]
    print(units[["quality", "delivered", "impact"]].sort_values("impact", ascending=False).head(3).round(3))
    # DataFrames go in as inline CSV: the same numbers as the file.
    frame = pd.read_csv(examples / "surveys" / "servqual.csv")
    gaps = sc.survey.servqual(frame)
    print("SERVQUAL unweighted gap", round(gaps["unweighted"], 3))

broken = model.to_dict()
broken["units"][0]["quality"] = 7                # outside 0..1
broken["services"][0]["to"] = "no_such_unit"     # a dangling reference
try:
    sc.Model.from_dict(broken)
except sc.ValidationError as e:
    print(f"invalid model: {len(e.errors)} problem(s), first: {e.errors[0]['message']}")
print("done")
