#!/usr/bin/python3
"""Independent recomputation of the morale ceiling (DESIGN §2) on a model.

Implements, from the design text only (no code shared with the library):
  fit (§4.6), c_u = mean over a unit's people of morale x fit (missing morale 1,
  no position: fit 1), s_u = min(quality_u, c_u) / quality_u / c_u / 1.0,
  linear propagation (§4.1) with numpy.linalg.solve, the CSI, impact_u from the
  forward Jacobian, morale_impact_u, message fidelity (§4.3), and each plan
  action's predicted gain (§4.8) by re-propagation.

Usage:
  /usr/bin/python3 tests/reference/check_ceiling.py MODEL [SERVICECHAIN]
Without SERVICECHAIN it prints the figures; with it, it compares them with
`analyze --json` and `plan --json` of every plan, and exits 1 on a difference
above 1e-9.
"""
import json
import subprocess
import sys

import numpy as np


def fit(person, position):
    num = den = 0.0
    for comp, req in position.get("requires", {}).items():
        if not req > 0:
            continue
        w = position.get("weights", {}).get(comp, 1.0)
        have = person.get("competencies", {}).get(comp, 0.0)
        num += w * min(have / req, 1.0)
        den += w
    return num / den if den > 0 else 1.0


def ceilings(model):
    positions = {p["id"]: p for p in model.get("positions", [])}
    sums, counts = {}, {}
    for person in model.get("people", []):
        pos = positions.get(person.get("position"))
        f = fit(person, pos) if pos else 1.0
        u = person["unit"]
        sums[u] = sums.get(u, 0.0) + person.get("morale", 1.0) * f
        counts[u] = counts.get(u, 0) + 1
    return {u: sums[u] / counts[u] for u in sums}


def intrinsic(model, cap=True):
    c = ceilings(model)
    s = []
    for unit in model["units"]:
        q, cu = unit.get("quality"), c.get(unit["id"])
        if q is not None and cu is not None:
            s.append(min(q, cu) if cap else q)
        elif q is not None:
            s.append(q)
        elif cu is not None:
            s.append(cu)
        else:
            s.append(1.0)
    return np.array(s)


def chain(model):
    ids = [u["id"] for u in model["units"]]
    index = {u: i for i, u in enumerate(ids)}
    n = len(ids)
    A = np.zeros((n, n))
    for svc in model.get("services", []):
        if svc["from"] != svc["to"]:
            A[index[svc["to"]], index[svc["from"]]] += svc["weight"]
    W = A.sum(axis=1)
    segs = {s["id"]: s.get("size", 1.0) for s in model.get("segments", [])}
    moments = model.get("moments_of_truth", [])
    with_moments = {m["segment"] for m in moments}
    total = sum(size for sid, size in segs.items() if sid in with_moments)
    g = np.zeros(n)
    for m in moments:
        imp_sum = sum(x.get("importance", 1.0) for x in moments if x["segment"] == m["segment"])
        g[index[m["owner"]]] += 100.0 * segs[m["segment"]] / total * m.get("importance", 1.0) / imp_sum
    return ids, index, A, W, g


def analyse(model, cap=True):
    ids, index, A, W, g = chain(model)
    n = len(ids)
    s = intrinsic(model, cap)
    M = np.eye(n) - A
    q = np.linalg.solve(M, (1 - W) * s)
    csi = float(g @ q)
    # dq/ds = (I - A)^-1 diag(1 - W); impact = g^T dq/ds
    impact = (g @ np.linalg.inv(M)) * (1 - W)
    return s, q, csi, impact


def morale_impact(model, impact, cap=True):
    c = ceilings(model)
    out = []
    for i, unit in enumerate(model["units"]):
        cu, qu = c.get(unit["id"]), unit.get("quality")
        binds = cu is not None and (qu is None or (cap and cu < qu))
        out.append(float(impact[i]) if binds else 0.0)
    return out


def fidelity(model, f=0.9):
    ids, index, A, W, g = chain(model)
    parent = {u["id"]: u.get("parent") for u in model["units"]}

    def layers(u):
        d = 0
        while parent.get(u):
            u = parent[u]
            d += 1
        return d

    owners = {m["owner"] for m in model.get("moments_of_truth", [])}
    dist = {u: 0 for u in owners}
    frontier = list(owners)
    while frontier:
        nxt = []
        for v in frontier:
            for svc in model.get("services", []):
                if svc["to"] == v and svc["from"] not in dist:
                    dist[svc["from"]] = dist[v] + 1
                    nxt.append(svc["from"])
        frontier = nxt
    return {u: (f ** (layers(u) + dist[u]) if u in dist else None) for u in ids}


def apply_actions(model, actions):
    """A copy with the actions' effects (§4.8): effects on one value add up, then
    clamp once; people first, then quality + Δ before the ceiling (a unit without
    quality starts from its ceiling after the people effects, or 1)."""
    m = json.loads(json.dumps(model))
    morale, levels, quality = {}, {}, {}
    for a in actions:
        e, t = a["effect"], a["target"]
        if "quality" in e:
            quality[t["unit"]] = quality.get(t["unit"], 0.0) + e["quality"]
            continue
        for p in m["people"]:
            if ("person" in t and p["id"] == t["person"]) or ("unit" in t and p["unit"] == t["unit"]):
                if "morale" in e:
                    morale[p["id"]] = morale.get(p["id"], 0.0) + e["morale"]
                else:
                    key = (p["id"], e["competency"])
                    levels[key] = levels.get(key, 0.0) + e["delta"]
    for p in m["people"]:
        if p["id"] in morale:
            p["morale"] = min(1.0, p.get("morale", 1.0) + morale[p["id"]])
    for (pid, comp), d in levels.items():
        for p in m["people"]:
            if p["id"] == pid:
                comps = p.setdefault("competencies", {})
                comps[comp] = min(5.0, comps.get(comp, 0.0) + d)
    c = ceilings(m)
    for u in m["units"]:
        if u["id"] in quality:
            start = u["quality"] if "quality" in u else c.get(u["id"], 1.0)
            u["quality"] = min(1.0, start + quality[u["id"]])
    return m


def apply_action(model, action):
    return apply_actions(model, [action])


def select(model, plan, cap=True):
    """Brute force of §4.8's selection: committed + forced, then the subset of
    plan-stage candidates closed under `after` with the largest joint CSI within
    the budget; ties (1e-9): lower cost, then the smaller sorted id list."""
    acts = {a["id"]: a for a in plan["actions"]}
    stage = {a["id"]: a.get("stage", "plan") for a in plan["actions"]}
    forced = {i for i in acts if stage[i] in ("do", "check", "act")}
    todo = list(forced)
    while todo:
        for p in acts[todo.pop()].get("after", []):
            if stage.get(p) not in (None, "done") and p not in forced:
                forced.add(p)
                todo.append(p)
    cand = [i for i in acts if stage[i] == "plan" and i not in forced]
    cost = lambda ids: sum(acts[i].get("cost", 0.0) for i in sorted(ids))
    best = []
    for mask in range(1 << len(cand)):
        chosen = forced | {cand[k] for k in range(len(cand)) if mask >> k & 1}
        if any(p in acts and stage[p] != "done" and p not in chosen for i in chosen for p in acts[i].get("after", [])):
            continue
        if cost(chosen) > plan.get("budget", 0.0) + 1e-9 * max(1.0, plan.get("budget", 0.0)):
            continue
        best.append((analyse(apply_actions(model, [acts[i] for i in chosen]), cap)[2], cost(chosen), sorted(chosen)))
    top = max(b[0] for b in best)
    return min((b for b in best if b[0] >= top - 1e-9), key=lambda b: (b[1], b[2]))


def main():
    model = json.load(open(sys.argv[1]))
    s, q, csi, impact = analyse(model)
    c = ceilings(model)
    mi = morale_impact(model, impact)
    fid = fidelity(model)
    gains = {}
    for plan in model.get("plans", []):
        for a in plan["actions"]:
            if a.get("stage", "plan") != "done":
                gains[(plan["id"], a["id"])] = analyse(apply_action(model, a))[2] - csi
    if len(sys.argv) < 3:
        print("CSI", csi)
        for i, u in enumerate(model["units"]):
            print(u["id"], "s", s[i], "c", c.get(u["id"]), "q", q[i], "impact", impact[i], "morale_impact", mi[i],
                  "fidelity", fid[u["id"]])
        for k, v in gains.items():
            print(k, v)
        for plan in model.get("plans", []):
            print(plan["id"], "selection (csi_after, cost, ids):", select(model, plan))
        return 0
    cli = sys.argv[2]
    failures = 0

    def close(a, b, what):
        nonlocal failures
        if (a is None) != (b is None) or (a is not None and abs(a - b) > 1e-9):
            print("DIFF", what, a, b)
            failures += 1

    out = json.loads(subprocess.run([cli, "-q", "analyze", sys.argv[1], "--json"], check=True,
                                    capture_output=True, text=True).stdout)
    close(out["csi"], csi, "csi")
    for i, u in enumerate(out["units"]):
        close(u["quality"], float(s[i]), u["id"] + " quality")
        close(u["morale_ceiling"], c.get(u["id"]), u["id"] + " morale_ceiling")
        close(u["delivered"], float(q[i]), u["id"] + " delivered")
        close(u["impact"], float(impact[i]), u["id"] + " impact")
        close(u["morale_impact"], mi[i], u["id"] + " morale_impact")
        close(u["message_fidelity"], fid[u["id"]], u["id"] + " message_fidelity")
        qu, cu = model["units"][i].get("quality"), c.get(u["id"])
        if u["capped"] != (qu is not None and cu is not None and cu < qu):
            print("DIFF capped", u["id"])
            failures += 1
    for plan in model.get("plans", []):
        out = json.loads(subprocess.run([cli, "-q", "plan", sys.argv[1], "--plan", plan["id"], "--json",
                                         "--as-of", "2026-01-01"], check=True, capture_output=True, text=True).stdout)
        csi_after, cost, ids = select(model, plan)
        close(out["csi_after"], csi_after, plan["id"] + " csi_after")
        close(out["cost"], cost, plan["id"] + " cost")
        if out["selected"] != ids:
            print("DIFF selected", plan["id"], out["selected"], ids)
            failures += 1
        for g in out["gains"]:
            close(g["gain"], gains[(plan["id"], g["id"])], plan["id"] + "/" + g["id"] + " gain")
            if (g["gain"] == 0) != (g["reason"] is not None):
                print("DIFF reason", g)
                failures += 1
    print("morale ceiling check:", failures, "differences")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
