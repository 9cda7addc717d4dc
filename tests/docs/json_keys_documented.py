#!/usr/bin/env python3
"""Every key the CLI's --json prints must be named in the command's guide.

    json_keys_documented.py SERVICECHAIN_CLI SOURCE_DIR

Runs each JSON-printing command on the bundled examples and looks for every
key of its output (at any depth) in docs/<guide>.md, written as "key" or
`key`. Standard library only. Exit 1 listing what is missing.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

cli, source = sys.argv[1], sys.argv[2]
ex = os.path.join(source, "examples")
hotel = os.path.join(ex, "hotel.json")
surveys = os.path.join(ex, "surveys")
log = os.path.join(ex, "logs", "events.csv")

with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as bad:
    # An invalid model, so that the error objects of validate appear too.
    bad.write('{"format": "servicechain/1", "units": [{"id": "a", "level": "x"}]}')

COMMANDS = [
    ("validation.md", ["validate", hotel]),
    ("validation.md", ["validate", bad.name]),
    ("chain.md", ["analyze", hotel]),
    ("chain.md", ["analyze", hotel, "--group-depth", "1"]),
    ("survey.md", ["survey", "servqual", os.path.join(surveys, "servqual.csv"), "--by", "segment"]),
    ("survey.md", ["survey", "gap1", os.path.join(surveys, "servqual.csv"),
                   "--managers", os.path.join(surveys, "servqual-managers.csv"), "--model", hotel]),
    ("survey.md", ["survey", "ipa", os.path.join(surveys, "ipa.csv")]),
    ("survey.md", ["survey", "nps", os.path.join(surveys, "nps.csv"), "--column", "recommend"]),
    ("survey.md", ["survey", "csat", os.path.join(surveys, "nps.csv"), "--column", "csat"]),
    ("survey.md", ["survey", "ces", os.path.join(surveys, "nps.csv"), "--column", "ces"]),
    ("people.md", ["people", hotel]),
    ("people.md", ["maturity", hotel]),
    ("people.md", ["people", hotel, "--across-units", "--max-moves", "4"]),
    ("roadmap.md", ["roadmap", hotel]),
    ("policies.md", ["check", hotel, "--survey", os.path.join(surveys, "servqual.csv")]),
    ("plans.md", ["plan", hotel, "--plan", "service_recovery_2026", "--as-of", "2026-03-01"]),
    ("simulation.md", ["simulate", hotel, "--runs", "10", "--seed", "1", "--threads", "1"]),
    ("simulation.md", ["simulate", hotel, "--runs", "10", "--seed", "1", "--threads", "1",
                       "--plan", "service_recovery_2026"]),
    ("mining.md", ["mine", "handover", log]),
    ("mining.md", ["mine", "together", log]),
    ("survey.md", ["survey", "internal", os.path.join(surveys, "internal.csv"), "--model", hotel]),
    ("trends.md", ["trend", "nps", "--wave", os.path.join(ex, "waves", "2026-q1-nps.csv"),
                   "--wave", os.path.join(ex, "waves", "2026-q2-nps.csv"), "--column", "recommend"]),
    ("trends.md", ["trend", "internal", "--model", hotel, "--wave", os.path.join(ex, "waves", "2026-q1-internal.csv"),
                   "--wave", os.path.join(ex, "waves", "2026-q2-internal.csv")]),
    ("trends.md", ["diff", hotel, os.path.join(ex, "waves", "hotel-2026-q2.json")]),
]


def all_keys(value, found):
    if isinstance(value, dict):
        for key, inner in value.items():
            found.add(key)
            all_keys(inner, found)
    elif isinstance(value, list):
        for inner in value:
            all_keys(inner, found)
    return found


problems = []
for guide, args in COMMANDS:
    run = subprocess.run([cli, "--quiet", *args, "--json"], capture_output=True, text=True)
    if not run.stdout.strip():
        problems.append(f"servicechain {' '.join(args)} --json printed nothing (exit {run.returncode}): {run.stderr.strip()}")
        continue
    with open(os.path.join(source, "docs", guide), encoding="utf-8") as f:
        text = f.read()
    keys = all_keys(json.loads(run.stdout), set())
    # User data ("x-...") and ids used as keys (levels, stages) are named in the guide too.
    missing = sorted(k for k in keys if not k.startswith("x-")
                     and not re.search(r'["`]' + re.escape(k) + r'["`]', text))
    if missing:
        problems.append(f"docs/{guide} does not name {missing} of `servicechain {args[0]} --json`")
os.unlink(bad.name)
print("\n".join(problems) if problems else f"{len(COMMANDS)} commands: every JSON key is documented")
sys.exit(1 if problems else 0)
