#!/usr/bin/python3
"""Independent check of `servicechain analyze --json` (DESIGN §4.1–§4.4).

Generates random models (seeded), runs the CLI on each with both propagation
models and recomputes every reported value from the definitions with other
means: dense linear algebra (numpy) for propagation, CSI and impact (impact from
the forward Jacobian (I - A)^-1, not from an adjoint sweep), NetworkX for
strongly connected components, articulation points, bridges and betweenness,
brute force (ancestor sets, per-unit BFS) for the weakest link upstream and the
customer distance. Not run by ctest (it needs python3-numpy and
python3-networkx); docs/chain.md records how it was run and the result.

usage: check_analyze.py path/to/servicechain [--models N] [--seed S] [--keep DIR]
"""
import argparse
import json
import math
import os
import random
import subprocess
import sys
import tempfile

import networkx as nx
import numpy as np

TOL = 1e-6


def random_model(rng, n):
    """n units; services with input weights summing to at most 0.95 (never a
    closed loop); cycles, parallel services, ratings, people and units of
    unknown quality (mean morale of their people, or 1) included."""
    ids = ["u%d" % i for i in range(n)]
    rng.shuffle(ids)  # the model order is not the id order
    units, people = [], []
    for i, uid in enumerate(ids):
        unit = {"id": uid, "level": rng.choice(["directive", "managerial", "operative"])}
        unit["parent"] = ids[rng.randrange(i)] if i > 0 else None
        kind = rng.random()
        if kind < 0.75:
            unit["quality"] = round(rng.uniform(0.05, 1.0), 4)
        if 0.6 <= kind < 0.9:  # people: ceiling mean morale × fit (fit 1 without a position), §2
            for k in range(rng.randint(1, 3)):
                people.append({"id": "%s_p%d" % (uid, k), "unit": uid, "morale": round(rng.uniform(0.2, 1.0), 3)})
        units.append(unit)
    # a manager tree over the people
    for k, p in enumerate(people):
        p["manager"] = people[rng.randrange(k)]["id"] if k > 0 and rng.random() < 0.9 else None
    services = []
    for v in ids:
        k = rng.randint(0, 4)
        if k == 0:
            continue
        cap = rng.uniform(0.0, 0.95)
        raw = [rng.uniform(0.05, 1.0) for _ in range(k)]
        for r in raw:
            u = rng.choice(ids)
            if u == v:
                continue
            s = {"from": u, "to": v, "weight": max(1e-4, r / sum(raw) * cap)}
            if rng.random() < 0.4:
                s["rating"] = round(rng.uniform(0, 1), 3)
            services.append(s)
    segments = [{"id": "seg%d" % c, "size": round(rng.uniform(0.5, 5), 2)} for c in range(rng.randint(1, 3))]
    segments.append({"id": "lonely", "size": 2})  # no moments: left out of the CSI
    moments = []
    for m in range(max(1, n // 5)):
        moments.append({"id": "m%d" % m, "segment": rng.choice(segments[:-1])["id"], "owner": rng.choice(ids),
                        "stage": m, "importance": round(rng.uniform(0.2, 3), 2)})
    return {"format": "servicechain/1", "units": units, "people": people, "segments": segments,
            "services": services, "moments_of_truth": moments}


def ceilings(model):
    """c_u of §2: mean morale (× fit 1: these people hold no position)."""
    people = {}
    for p in model["people"]:
        people.setdefault(p["unit"], []).append(p.get("morale", 1.0))
    return {u: sum(v) / len(v) for u, v in people.items()}


def intrinsic(model):
    """s_u = min(quality_u, c_u), quality_u, c_u, else 1 (§2)."""
    c = ceilings(model)
    s = []
    for u in model["units"]:
        if "quality" in u and u["id"] in c:
            s.append(min(u["quality"], c[u["id"]]))
        elif "quality" in u:
            s.append(u["quality"])
        elif u["id"] in c:
            s.append(c[u["id"]])
        else:
            s.append(1.0)
    return np.array(s)


def reference(model, kind):
    units = [u["id"] for u in model["units"]]
    index = {u: i for i, u in enumerate(units)}
    n = len(units)
    s = intrinsic(model)
    A = np.zeros((n, n))  # A[v, u] = w_uv, parallel services summed
    for x in model["services"]:
        A[index[x["to"]], index[x["from"]]] += x["weight"]
    W = A.sum(axis=1)
    own = 1 - W
    M = np.eye(n) - A
    inv = np.linalg.inv(M)
    if kind == "linear":
        q = np.linalg.solve(M, own * s)
    else:
        y = inv @ (own * np.log(s))
        q = np.exp(y)
    # CSI and its gradient g
    seg_imp, seg_size = {}, {c["id"]: c.get("size", 1) for c in model["segments"]}
    for m in model["moments_of_truth"]:
        seg_imp[m["segment"]] = seg_imp.get(m["segment"], 0) + m.get("importance", 1)
    covered = sum(seg_size[c] for c in seg_imp)
    g = np.zeros(n)
    for m in model["moments_of_truth"]:
        c = m["segment"]
        g[index[m["owner"]]] += 100 * seg_size[c] / covered * m.get("importance", 1) / seg_imp[c]
    csi = float(g @ q)
    segments = {}
    for c in seg_size:
        if c in seg_imp:
            segments[c] = sum(m.get("importance", 1) * q[index[m["owner"]]]
                              for m in model["moments_of_truth"] if m["segment"] == c) / seg_imp[c]
        else:
            segments[c] = None
    # impact from the forward Jacobian: dq/ds = (I - A)^-1 diag(1 - W) (linear),
    # dq_v/ds_u = q_v·[(I - A)^-1]_vu·(1 - W_u)/s_u (geometric)
    if kind == "linear":
        impact = (g @ inv) * own
    else:
        impact = ((g * q) @ inv) * own / s
    # graph measures
    G = nx.DiGraph()
    G.add_nodes_from(range(n))
    G.add_edges_from((index[x["from"]], index[x["to"]]) for x in model["services"])
    weakest = []
    for v in range(n):
        cands = list(nx.ancestors(G, v)) + [v]
        best = min(cands, key=lambda u: (s[u], units[u].encode()))
        weakest.append((units[best], s[best]))
    owners = {index[m["owner"]] for m in model["moments_of_truth"]}
    dist = nx.multi_source_dijkstra_path_length(G.reverse(copy=True), owners) if owners else {}
    parent = {u["id"]: u.get("parent") for u in model["units"]}

    def depth(u):
        d = 0
        while parent[u] is not None:
            u, d = parent[u], d + 1
        return d

    rating = {}
    for x in model["services"]:
        if "rating" in x:
            a = rating.setdefault(x["from"], [0.0, 0.0])
            a[0] += x["weight"] * x["rating"]
            a[1] += x["weight"]
    between = nx.betweenness_centrality(G, normalized=True)
    U = nx.Graph(G)
    articulation = set(nx.articulation_points(U))
    bridges = sorted(sorted([units[a], units[b]], key=str.encode) for a, b in nx.bridges(U))
    bridges.sort(key=lambda p: (p[0].encode(), p[1].encode()))
    cycles = [sorted((units[u] for u in c), key=str.encode) for c in nx.strongly_connected_components(G) if len(c) > 1]
    cycles.sort(key=lambda c: c[0].encode())
    reports = {}
    for p in model["people"]:
        if p.get("manager"):
            reports[p["manager"]] = reports.get(p["manager"], 0) + 1
    headcount = {}
    for p in model["people"]:
        headcount[p["unit"]] = headcount.get(p["unit"], 0) + 1
    per_unit = []
    for i, uid in enumerate(units):
        r = rating.get(uid)
        ir = r[0] / r[1] if r else None
        hc = headcount.get(uid, 0)
        c = ceilings(model).get(uid)
        given = model["units"][i].get("quality")
        binds = c is not None and (given is None or c < given)
        per_unit.append({
            "id": uid, "quality": s[i], "morale_ceiling": c,
            "capped": c is not None and given is not None and c < given,
            "morale_impact": impact[i] if binds else 0.0,
            "delivered": q[i], "impact": impact[i],
            "impact_per_person": impact[i] / hc if hc else None,
            "weakest_upstream": {"unit": weakest[i][0], "quality": weakest[i][1]},
            "customer_distance": dist.get(i), "layers": depth(uid), "betweenness": between[i],
            "articulation": i in articulation, "internal_rating": ir,
            "rating_gap": ir - q[i] if ir is not None else None,
            "message_fidelity": 0.9 ** (depth(uid) + dist[i]) if i in dist else None,
            "headcount": hc,
        })
    managers = [p["id"] for p in model["people"] if p["id"] in reports]
    return {
        "model": kind, "csi": csi, "units": per_unit,
        "moments": [{"id": m["id"], "quality": q[index[m["owner"]]]} for m in model["moments_of_truth"]],
        "segments": [{"id": c["id"], "satisfaction": segments[c["id"]]} for c in model["segments"]],
        "cycles": cycles, "bridges": bridges, "betweenness_method": "exact",
        "span": {"managers": [{"id": m, "direct_reports": reports[m]} for m in managers],
                 "min": min(reports.values()) if reports else None, "max": max(reports.values()) if reports else None,
                 "mean": sum(reports.values()) / len(reports) if reports else None},
    }


def compare(path, expected, actual, problems):
    if isinstance(expected, dict):
        for key, value in expected.items():
            if key not in actual:
                problems.append("%s: missing key %s" % (path, key))
            else:
                compare(path + "/" + key, value, actual[key], problems)
    elif isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            problems.append("%s: expected %r, got %r" % (path, expected, actual))
            return
        for i, (e, a) in enumerate(zip(expected, actual)):
            compare("%s/%d" % (path, i), e, a, problems)
    elif expected is None or isinstance(expected, (str, bool)) or isinstance(expected, np.bool_):
        if expected != actual:
            problems.append("%s: expected %r, got %r" % (path, expected, actual))
    else:
        if actual is None or isinstance(actual, (str, bool)) or abs(float(expected) - actual) > TOL:
            problems.append("%s: expected %r, got %r" % (path, float(expected), actual))
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("cli")
    parser.add_argument("--models", type=int, default=60)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", help="directory to keep the generated models in")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    folder = args.keep or tempfile.mkdtemp(prefix="sc_check_analyze_")
    os.makedirs(folder, exist_ok=True)
    failures, checked, values, largest = 0, 0, 0, 0.0
    for k in range(args.models):
        n = rng.choice([3, 5, 8, 13, 21, 40, 80, 150, 300])
        model = random_model(rng, n)
        path = os.path.join(folder, "model%03d.json" % k)
        with open(path, "w") as f:
            json.dump(model, f)
        for kind in ("linear", "geometric"):
            run = subprocess.run([args.cli, "-q", "analyze", path, "--json", "--model", kind],
                                 capture_output=True, text=True)
            if run.returncode != 0:
                print("FAIL %s %s: exit %d: %s" % (path, kind, run.returncode, run.stderr.strip()))
                failures += 1
                continue
            actual = json.loads(run.stdout)
            expected = reference(model, kind)
            span = expected.pop("span")
            problems = compare("", expected, actual, [])
            compare("/span_of_control", span, actual["span_of_control"], problems)
            for e, a in zip(expected["units"], actual["units"]):
                for key in ("delivered", "impact"):
                    largest = max(largest, abs(float(e[key]) - a[key]))
            values += 1
            checked += 1
            if problems:
                failures += 1
                print("FAIL %s %s (%d units): %d differences, e.g." % (path, kind, n, len(problems)))
                for p in problems[:5]:
                    print("   ", p)
    print("checked %d analyses of %d random models (seed %d): %d failed; largest |difference| in delivered/impact %.3g"
          % (checked, args.models, args.seed, failures, largest))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
