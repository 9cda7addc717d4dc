#!/usr/bin/env python3
"""Generate the example waves of the hotel (docs/trends.md): two quarters.

Run from anywhere:  python3 examples/waves/make_waves.py
It (re)writes examples/waves/:

  2026-q1-nps.csv, 2026-q2-nps.csv            (recommend 0-10, csat 1-5, ces 1-7, date)
  2026-q1-servqual.csv, 2026-q2-servqual.csv  (E1..E22, P1..P22, weights; no date column)
  2026-q1-internal.csv, 2026-q2-internal.csv  (internal customer survey, date column)
  hotel-2026-q2.json                          (the hotel a quarter later: qualities and
                                               assessment changed, structure unchanged)
  hotel-es-2026-q2.json                       (the same for the Spanish hotel, examples/hotel-es.json:
                                               for the Spanish report's trends)

Quarter 1 is the bundled survey of examples/surveys/ (nps.csv and servqual.csv
with a date added; internal.csv as `servicechain generate --from
examples/hotel.json --seed 7 --internal-survey FILE --internal-date 2026-03-31`
writes it) and examples/hotel.json. Quarter 2 is quarter 1 after a training
and maintenance programme: a deterministic perturbation (fixed-seed
random.Random), so the files never drift.
"""
import csv
import io
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.dirname(HERE)
Q1, Q2 = "2026-03-31", "2026-06-30"


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def write_csv(name, rows):
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="") as f:
        f.write(out.getvalue())


def nps_waves(rng):
    rows = read_csv(os.path.join(EXAMPLES, "surveys", "nps.csv"))
    header, body = rows[0], rows[1:]
    q1 = [header + ["date"]] + [r + [Q1] for r in body]
    q2 = [header + ["date"]]
    for i, r in enumerate(body):
        recommend, sat, ces = int(r[2]), int(r[3]), int(r[4])
        if rng.random() < 0.5:
            recommend = min(10, recommend + 2)
        if rng.random() < 0.4:
            sat = min(5, sat + 1)
        if rng.random() < 0.3:
            ces = min(7, ces + 1)
        q2.append(["Q2-%03d" % (i + 1), r[1], str(recommend), str(sat), str(ces), Q2])
    write_csv("2026-q1-nps.csv", q1)
    write_csv("2026-q2-nps.csv", q2)


def servqual_waves(rng):
    rows = read_csv(os.path.join(EXAMPLES, "surveys", "servqual.csv"))
    header, body = rows[0], rows[1:]
    write_csv("2026-q1-servqual.csv", rows)
    improved = {"P%d" % i for i in range(5, 14)}  # reliability and responsiveness
    q2 = [header]
    for i, r in enumerate(body):
        row = list(r)
        row[0] = "Q2-%03d" % (i + 1)
        for c, name in enumerate(header):
            if name in improved and row[c] != "" and rng.random() < 0.5:
                row[c] = str(min(7, int(row[c]) + 1))
        q2.append(row)
    write_csv("2026-q2-servqual.csv", q2)


def internal_waves(rng):
    rows = read_csv(os.path.join(EXAMPLES, "surveys", "internal.csv"))
    header, body = rows[0], rows[1:]
    write_csv("2026-q1-internal.csv", rows)
    col = {name: i for i, name in enumerate(header)}
    q2 = [header]
    for r in body:
        row = list(r)
        if row[col["supplier_unit"]] in ("hr", "maintenance", "purchasing") and rng.random() < 0.6:
            row[col["rating"]] = str(min(5, int(row[col["rating"]]) + 1))
        if row[col["enps"]] != "" and row[col["respondent_unit"]] in ("housekeeping", "kitchen") and rng.random() < 0.6:
            row[col["enps"]] = str(min(10, int(row[col["enps"]]) + 3))
        row[col["date"]] = Q2
        q2.append(row)
    write_csv("2026-q2-internal.csv", q2)


def model_q2(rng, source="hotel.json", target="hotel-2026-q2.json"):
    with open(os.path.join(EXAMPLES, source), encoding="utf-8") as f:
        model = json.load(f)
    raised = {"maintenance": 0.74, "purchasing": 0.72, "hr": 0.78}
    for unit in model["units"]:
        if unit["id"] in raised:
            unit["quality"] = raised[unit["id"]]
    # The quarter's work also lifted those teams' morale: their quality is capped
    # by it (the morale ceiling), so better processes alone would not show.
    for person in model["people"]:
        if person["unit"] in raised:
            person["morale"] = round(min(1.0, person.get("morale", 1.0) + 0.1), 2)
    for response in model["assessment"]["responses"]:
        for item, score in response["scores"].items():
            if item[:2] in ("tr", "al", "ld") and rng.random() < 0.5:
                response["scores"][item] = min(5, score + 1)
    with open(os.path.join(HERE, target), "w", encoding="utf-8") as f:
        json.dump(model, f, ensure_ascii=False, indent=2)
        f.write("\n")


def main():
    rng = random.Random(2026)
    nps_waves(rng)
    servqual_waves(rng)
    internal_waves(rng)
    # The Spanish hotel a quarter later: the same changes (the same random draws).
    state = rng.getstate()
    model_q2(rng)
    rng.setstate(state)
    model_q2(rng, "hotel-es.json", "hotel-es-2026-q2.json")


if __name__ == "__main__":
    main()
