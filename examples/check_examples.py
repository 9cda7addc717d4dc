#!/usr/bin/env python3
"""Consistency checks of the bundled data files against DESIGN §2.

Independent of make_examples.py: it only reads the committed files.
Exit status 0 when everything holds; prints a short summary.
"""
import csv
import json
import math
import os
import re
import sys
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ERRORS = []


def err(msg):
    ERRORS.append(msg)


def load(rel):
    with open(os.path.join(ROOT, rel), encoding="utf-8") as f:
        return json.load(f, object_pairs_hook=no_dup_keys)


def no_dup_keys(pairs):
    d = {}
    for k, v in pairs:
        if k in d:
            err("duplicate key %r" % k)
        d[k] = v
    return d


KEYS = {
    "top": {"format", "organization", "units", "competencies", "positions", "people", "segments",
            "services", "moments_of_truth", "policies", "curriculum", "plans", "assessment"},
    "organization": {"id", "name"},
    "unit": {"id", "name", "parent", "level", "quality"},
    "competency": {"id", "name"},
    "position": {"id", "title", "unit", "level", "requires", "weights"},
    "person": {"id", "name", "unit", "position", "manager", "morale", "competencies",
               "customer_contacts_per_year", "training_hours"},
    "segment": {"id", "name", "size"},
    "service": {"from", "to", "name", "weight", "rating"},
    "moment": {"id", "name", "segment", "owner", "stage", "importance", "volume", "channel"},
    "policy": {"id", "statement", "standards"},
    "standard": {"id", "metric", "scope", "op", "target"},
    "module": {"id", "title", "level", "raises", "hours", "cost"},
    "plan": {"id", "name", "start", "budget", "actions"},
    "action": {"id", "title", "type", "stage", "target", "effect", "cost", "duration_days", "after", "owner", "due"},
    "assessment": {"processes", "responses"},
    "response": {"respondent", "level", "scores"},
    "process": {"id", "name", "items"},
    "item": {"id", "text"},
}
LEVELS = {"directive", "managerial", "operative"}
METRICS = {"unit.quality", "unit.delivered_quality", "unit.customer_distance", "unit.layers",
           "moment.quality", "segment.satisfaction", "org.csi", "person.customer_contacts_per_year",
           "person.training_hours", "person.fit", "manager.span_of_control"}
OPS = {"<", "<=", ">", ">=", "=="}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def keys(obj, kind, path):
    if not isinstance(obj, dict):
        err("%s: not an object" % path)
        return
    for k in obj:
        if k not in KEYS[kind] and not k.startswith("x-"):
            err("%s: unknown key %r" % (path, k))


def num(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def rng(x, lo, hi, path, lo_open=False):
    if not num(x) or x < lo or x > hi or (lo_open and x == lo):
        err("%s = %r out of range" % (path, x))


def sccs(nodes, succ):
    """Tarjan; returns list of components (lists)."""
    index, low, on, stack, out = {}, {}, set(), [], []
    counter = [0]
    sys.setrecursionlimit(10000)

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in succ[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            out.append(comp)
    for v in nodes:
        if v not in index:
            visit(v)
    return out


def acyclic_parent(ids, parent_of, what):
    for i in ids:
        seen = set()
        x = i
        while x is not None:
            if x in seen:
                err("%s: cycle through %r" % (what, i))
                break
            seen.add(x)
            x = parent_of.get(x)


def fit(person, pos):
    req = {c: v for c, v in pos["requires"].items() if v > 0}
    if not req:
        return 1.0
    w = pos.get("weights", {})
    have = person.get("competencies", {})
    num_ = sum(w.get(c, 1) * min(have.get(c, 0) / r, 1) for c, r in req.items())
    return num_ / sum(w.get(c, 1) for c in req)


def best_assignment(people, slots, posd):
    """Exact max total fit; among optima the fewest moves (bitmask DP)."""
    n = len(people)
    val = [[round(fit(p, posd[s]) * 1e9) for s in slots] for p in people]
    cur = [slots.index(p["position"]) for p in people]  # not used except moves
    best = {0: (0, 0)}
    for mask in range(1 << n):
        if mask not in best:
            continue
        k = bin(mask).count("1")
        if k == n:
            continue
        f0, m0 = best[mask]
        for i in range(n):
            if mask & (1 << i):
                continue
            moved = 0 if slots[k] == people[i]["position"] else 1
            cand = (f0 + val[i][k], m0 - moved)
            nm = mask | (1 << i)
            if nm not in best or cand > best[nm]:
                best[nm] = cand
    f, m = best[(1 << n) - 1]
    return f / 1e9, -m


def check_model(m, name):
    keys(m, "top", name)
    if m.get("format") != "servicechain/1":
        err("%s: format" % name)
    keys(m["organization"], "organization", name + "/organization")
    units = m["units"]
    uid = [u["id"] for u in units]
    U = {u["id"]: u for u in units}
    seg = {s["id"]: s for s in m["segments"]}
    comp = {c["id"] for c in m["competencies"]}
    pos = {p["id"]: p for p in m["positions"]}
    ppl = {p["id"]: p for p in m["people"]}
    for kind, lst in (("unit", uid), ("segment", list(seg)), ("competency", [c["id"] for c in m["competencies"]]),
                      ("position", [p["id"] for p in m["positions"]]), ("person", [p["id"] for p in m["people"]]),
                      ("moment", [x["id"] for x in m["moments_of_truth"]]),
                      ("policy", [x["id"] for x in m["policies"]]),
                      ("standard", [s["id"] for x in m["policies"] for s in x["standards"]]),
                      ("plan", [x["id"] for x in m["plans"]]),
                      ("action", [a["id"] for x in m["plans"] for a in x["actions"]])):
        if len(lst) != len(set(lst)):
            err("%s: duplicate %s ids" % (name, kind))
        if any(not isinstance(i, str) or not i for i in lst):
            err("%s: empty %s id" % (name, kind))
    if set(uid) & set(seg):
        err("%s: unit/segment id clash %s" % (name, set(uid) & set(seg)))
    # units
    for i, u in enumerate(units):
        p = "%s/units/%d" % (name, i)
        keys(u, "unit", p)
        if u["level"] not in LEVELS:
            err(p + " level")
        if u.get("parent") is not None and u["parent"] not in U:
            err(p + " parent")
        if "quality" in u:
            rng(u["quality"], 0, 1, p + "/quality")
    acyclic_parent(uid, {u["id"]: u.get("parent") for u in units}, name + " unit tree")
    for i, c in enumerate(m["competencies"]):
        keys(c, "competency", "%s/competencies/%d" % (name, i))
    # positions
    for i, p in enumerate(m["positions"]):
        path = "%s/positions/%d" % (name, i)
        keys(p, "position", path)
        if p["unit"] not in U:
            err(path + " unit")
        if p["level"] not in LEVELS:
            err(path + " level")
        for c, v in p["requires"].items():
            if c not in comp:
                err(path + " requires " + c)
            rng(v, 0, 5, path + "/requires/" + c)
        for c, v in p.get("weights", {}).items():
            if c not in comp:
                err(path + " weights " + c)
            if not num(v) or v <= 0:
                err(path + " weight <= 0")
    # people
    roots = []
    for i, p in enumerate(m["people"]):
        path = "%s/people/%d" % (name, i)
        keys(p, "person", path)
        if p["unit"] not in U:
            err(path + " unit")
        if "position" in p:
            if p["position"] not in pos:
                err(path + " position")
            elif pos[p["position"]]["unit"] != p["unit"]:
                err(path + " position of another unit (warning in DESIGN, avoided here)")
        if p.get("manager") is None:
            roots.append(p["id"])
        elif p["manager"] not in ppl:
            err(path + " manager")
        rng(p["morale"], 0.4, 1, path + "/morale")
        for c, v in p["competencies"].items():
            if c not in comp:
                err(path + " competency " + c)
            rng(v, 0, 5, path + "/competencies/" + c)
        rng(p["customer_contacts_per_year"], 0, 1e9, path + "/contacts")
        rng(p["training_hours"], 0, 1e4, path + "/training_hours")
    if len(roots) != 1:
        err("%s: people roots %s" % (name, roots))
    acyclic_parent(list(ppl), {p["id"]: p.get("manager") for p in m["people"]}, name + " manager tree")
    # every unit has one head; the head's manager sits in the parent unit
    for u in units:
        members = [p for p in m["people"] if p["unit"] == u["id"]]
        heads = [p for p in members if p.get("manager") is None or ppl[p["manager"]]["unit"] != u["id"]]
        if len(heads) != 1:
            err("%s: unit %s has heads %s" % (name, u["id"], [h["id"] for h in heads]))
            continue
        h = heads[0]
        want = u.get("parent")
        got = ppl[h["manager"]]["unit"] if h.get("manager") else None
        if want != got:
            err("%s: head of %s reports into %s, parent is %s" % (name, u["id"], got, want))
    # segments
    for i, s in enumerate(m["segments"]):
        keys(s, "segment", "%s/segments/%d" % (name, i))
        rng(s["size"], 0, 1e12, "%s/segments/%d/size" % (name, i))
    # services
    insum = defaultdict(float)
    succ = defaultdict(list)
    for i, s in enumerate(m["services"]):
        path = "%s/services/%d" % (name, i)
        keys(s, "service", path)
        if s["from"] not in U or s["to"] not in U:
            err(path + " dangling")
        if s["from"] == s["to"]:
            err(path + " self-loop")
        rng(s["weight"], 0, 1, path + "/weight", lo_open=True)
        if "rating" in s:
            rng(s["rating"], 0, 1, path + "/rating")
        insum[s["to"]] += s["weight"]
        succ[s["from"]].append(s["to"])
    pairs = [(s["from"], s["to"]) for s in m["services"]]
    if len(pairs) != len(set(pairs)):
        err(name + ": parallel services (allowed, but not intended here)")
    for u, w in insum.items():
        if w > 0.9 + 1e-9:
            err("%s: inputs of %s sum to %g > 0.9" % (name, u, w))
    comps_ = [sorted(c) for c in sccs(uid, succ) if len(c) > 1]
    for c in comps_:
        cs = set(c)
        inside = {v: sum(s["weight"] for s in m["services"] if s["to"] == v and s["from"] in cs) for v in c}
        if all(abs(w - 1) <= 1e-9 for w in inside.values()):
            err("%s: closed loop %s" % (name, c))
    # moments
    owners = set()
    bystage = defaultdict(list)
    for i, x in enumerate(m["moments_of_truth"]):
        path = "%s/moments_of_truth/%d" % (name, i)
        keys(x, "moment", path)
        if x["segment"] not in seg:
            err(path + " segment")
        if x["owner"] not in U:
            err(path + " owner")
        elif U[x["owner"]]["level"] != "operative":
            err(path + " owner not front line")
        if not isinstance(x["stage"], int):
            err(path + " stage")
        rng(x["importance"], 0, 1e9, path + "/importance", lo_open=True)
        rng(x["volume"], 0, 1e12, path + "/volume")
        owners.add(x["owner"])
        bystage[x["segment"]].append(x["stage"])
    for s, st in bystage.items():
        if sorted(st) != list(range(1, len(st) + 1)):
            err("%s: stages of %s: %s" % (name, s, st))
    for s in seg:
        if s not in bystage:
            err("%s: segment %s has no moments" % (name, s))
    # customer distance (BFS forward to an owner)
    dist = {}
    for u in uid:
        seen, frontier, d = {u}, [u], 0
        found = None
        while frontier:
            if any(v in owners for v in frontier):
                found = d
                break
            nxt = []
            for v in frontier:
                for w in succ[v]:
                    if w not in seen:
                        seen.add(w)
                        nxt.append(w)
            frontier, d = nxt, d + 1
        dist[u] = found
    # policies
    moments = {x["id"] for x in m["moments_of_truth"]}
    for i, pol in enumerate(m["policies"]):
        path = "%s/policies/%d" % (name, i)
        keys(pol, "policy", path)
        for j, s in enumerate(pol["standards"]):
            sp = "%s/standards/%d" % (path, j)
            keys(s, "standard", sp)
            if s["metric"] not in METRICS:
                err(sp + " metric")
            if s["op"] not in OPS:
                err(sp + " op")
            if not num(s["target"]):
                err(sp + " target")
            sc = s["scope"]
            if len(sc) > 1:
                err(sp + " scope has several keys")
            for k, v in sc.items():
                ok = {"level": v in LEVELS, "unit": v in U, "segment": v in seg, "moment": v in moments}.get(k)
                if not ok:
                    err(sp + " scope %s=%s" % (k, v))
    # curriculum (optional)
    for i, mod in enumerate(m.get("curriculum", [])):
        keys(mod, "module", "%s/curriculum/%d" % (name, i))
    # plans
    for i, plan in enumerate(m["plans"]):
        path = "%s/plans/%d" % (name, i)
        keys(plan, "plan", path)
        if not DATE.match(plan["start"]):
            err(path + " start")
        rng(plan["budget"], 0, 1e12, path + "/budget")
        ids = {a["id"] for a in plan["actions"]}
        after = {}
        for j, a in enumerate(plan["actions"]):
            ap = "%s/actions/%d" % (path, j)
            keys(a, "action", ap)
            if a.get("type", "improvement") not in {"immediate", "corrective", "preventive", "improvement"}:
                err(ap + " type")
            if a.get("stage", "plan") not in {"plan", "do", "check", "act", "done"}:
                err(ap + " stage")
            (tk, tv), = a["target"].items()
            if not ((tk == "unit" and tv in U) or (tk == "person" and tv in ppl)):
                err(ap + " target")
            e = a["effect"]
            if set(e) == {"quality"}:
                if tk != "unit":
                    err(ap + " quality effect on a person")
                rng(e["quality"], 0, 1, ap + "/effect/quality")
            elif set(e) == {"morale"}:
                rng(e["morale"], 0, 1, ap + "/effect/morale")
            elif set(e) == {"competency", "delta"}:
                if e["competency"] not in comp:
                    err(ap + " effect competency")
                rng(e["delta"], 0, 5, ap + "/effect/delta")
            else:
                err(ap + " effect shape")
            rng(a["cost"], 0, 1e12, ap + "/cost")
            rng(a["duration_days"], 0, 1e6, ap + "/duration_days")
            for b in a.get("after", []):
                if b not in ids:
                    err(ap + " after " + b)
            after[a["id"]] = a.get("after", [])
            if a["owner"] not in ppl:
                err(ap + " owner")
            if not DATE.match(a["due"]) or a["due"] < plan["start"]:
                err(ap + " due")
        # acyclic after
        state = {}

        def dfs(v):
            state[v] = 1
            for w in after.get(v, []):
                if state.get(w) == 1:
                    err(path + " after-cycle at " + v)
                elif w not in state:
                    dfs(w)
            state[v] = 2
        for v in after:
            if v not in state:
                dfs(v)
    # assessment
    keys(m["assessment"], "assessment", name + "/assessment")
    if "processes" in m["assessment"]:
        err(name + ": assessment should use the bundled default processes")
    mat = load("data/maturity.en.json")
    items = {it["id"] for p in mat["processes"] for it in p["items"]}
    for i, r in enumerate(m["assessment"]["responses"]):
        rp = "%s/assessment/responses/%d" % (name, i)
        keys(r, "response", rp)
        if r["level"] not in LEVELS:
            err(rp + " level")
        if set(r["scores"]) != items:
            err(rp + " items differ from the default model")
        for k, v in r["scores"].items():
            if not isinstance(v, int) or not 1 <= v <= 5:
                err(rp + " score " + k)
    return dict(U=U, uid=uid, pos=pos, ppl=ppl, seg=seg, succ=succ, insum=insum, sccs=comps_,
                dist=dist, owners=owners, comp=comp)


def strip_names(x, path=""):
    """Replace translatable strings so two language versions compare equal."""
    if isinstance(x, dict):
        return {k: ("<t>" if k in ("name", "title", "statement", "text", "note") and isinstance(v, str)
                    and not path.endswith("people") else strip_names(v, path + "/" + k))
                for k, v in x.items()}
    if isinstance(x, list):
        return [strip_names(v, path) for v in x]
    return x


def analytics(m, info):
    """Intrinsic s, linear propagation, CSI, fits and alignment (summary)."""
    U, ppl, pos = info["U"], info["ppl"], info["pos"]
    s = {}
    for u in info["uid"]:
        if "quality" in U[u]:
            s[u] = U[u]["quality"]
        else:
            mem = [p for p in m["people"] if p["unit"] == u]
            s[u] = (sum(p.get("morale", 1) * (fit(p, pos[p["position"]]) if "position" in p else 1) for p in mem)
                    / len(mem)) if mem else 1.0
    inc = defaultdict(list)
    for sv in m["services"]:
        inc[sv["to"]].append((sv["from"], sv["weight"]))
    q = dict(s)
    for _ in range(2000):   # Jacobi, plenty for max in-weight 0.9
        q = {v: (1 - info["insum"].get(v, 0)) * s[v] + sum(w * q[u] for u, w in inc[v]) for v in info["uid"]}
    seg_sat = {}
    for sid in info["seg"]:
        ms = [x for x in m["moments_of_truth"] if x["segment"] == sid]
        seg_sat[sid] = sum(x["importance"] * q[x["owner"]] for x in ms) / sum(x["importance"] for x in ms)
    tot = sum(info["seg"][c]["size"] for c in seg_sat)
    csi = 100 * sum(info["seg"][c]["size"] * v for c, v in seg_sat.items()) / tot
    align = []
    for u in info["uid"]:
        mem = [p for p in m["people"] if p["unit"] == u and "position" in p]
        if len(mem) < 2:
            continue
        slots = [p["position"] for p in mem]
        if len(set(slots)) < 2:
            continue
        cur = sum(fit(p, pos[p["position"]]) for p in mem)
        opt, moves = best_assignment(mem, slots, pos)
        align.append((u, round(cur, 4), round(opt, 4), moves))
    fits = {p["id"]: fit(p, pos[p["position"]]) for p in m["people"] if "position" in p}
    needs = sum(1 for p in m["people"] if "position" in p
                for c, r in pos[p["position"]]["requires"].items() if r > p["competencies"].get(c, 0))
    return s, q, seg_sat, csi, align, fits, needs


def read_csv(rel):
    with open(os.path.join(ROOT, rel), encoding="utf-8", newline="") as f:
        raw = f.read()
    rows = list(csv.reader(raw.splitlines(keepends=True)))
    return rows[0], rows[1:]


def check_csvs(m):
    units = {u["id"]: u for u in m["units"]}
    segs = {s["id"] for s in m["segments"]}
    mom = {x["id"]: x for x in m["moments_of_truth"]}
    out = {}
    h, rows = read_csv("examples/surveys/servqual.csv")
    want = (["respondent", "segment", "moment"] + ["E%d" % i for i in range(1, 23)] + ["P%d" % i for i in range(1, 23)]
            + ["W_tangibles", "W_reliability", "W_responsiveness", "W_assurance", "W_empathy"])
    if h != want:
        err("servqual header")
    wsum = defaultdict(int)
    for r in rows:
        if len(r) != len(h):
            err("servqual row width %s" % r[0])
        if r[1] not in segs:
            err("servqual segment %s" % r[1])
        if r[2] and (r[2] not in mom or mom[r[2]]["segment"] != r[1]):
            err("servqual moment %s" % r[2])
        for v in r[3:47]:
            if v and not (v.isdigit() and 1 <= int(v) <= 7):
                err("servqual value %r" % v)
        ws = r[47:]
        if all(ws):
            wsum[sum(int(x) for x in ws)] += 1
        else:
            wsum["blank/incomplete"] += 1
    out["servqual"] = (len(rows), dict(wsum), sum(1 for r in rows for v in r[3:47] if not v))
    h, rows = read_csv("examples/surveys/servqual-managers.csv")
    if h != ["respondent", "unit"] + ["M%d" % i for i in range(1, 23)]:
        err("managers header")
    for r in rows:
        if r[1] not in units:
            err("managers unit %s" % r[1])
        for v in r[2:]:
            if v and not (v.isdigit() and 1 <= int(v) <= 7):
                err("managers value %r" % v)
    out["servqual-managers"] = (len(rows), sorted({units[r[1]]["level"] for r in rows}))
    h, rows = read_csv("examples/surveys/ipa.csv")
    attrs = [c[2:] for c in h[1::2]]
    if h[0] != "respondent" or h[1::2] != ["I_" + a for a in attrs] or h[2::2] != ["P_" + a for a in attrs]:
        err("ipa header")
    for r in rows:
        for v in r[1:]:
            if not (v.isdigit() and 1 <= int(v) <= 5):
                err("ipa value %r" % v)
    out["ipa"] = (len(rows), attrs)
    h, rows = read_csv("examples/surveys/nps.csv")
    if h != ["respondent", "segment", "recommend", "csat", "ces"]:
        err("nps header")
    for r in rows:
        if r[1] not in segs or not (0 <= int(r[2]) <= 10 and 1 <= int(r[3]) <= 5 and 1 <= int(r[4]) <= 7):
            err("nps row %s" % r)
    rec = [int(r[2]) for r in rows]
    out["nps"] = (len(rows), round(100 * (sum(x >= 9 for x in rec) - sum(x <= 6 for x in rec)) / len(rec), 1))
    h, rows = read_csv("examples/logs/events.csv")
    if h != ["case:concept:name", "concept:name", "org:resource", "time:timestamp"]:
        err("events header")
    ts = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
    for r in rows:
        if not ts.match(r[3]):
            err("events timestamp %s" % r[3])
    rh, rrows = read_csv("examples/logs/resource-units.csv")
    if rh != ["resource", "unit"]:
        err("resource-units header")
    mapped = {r[0]: r[1] for r in rrows}
    for r, u in mapped.items():
        if u not in units:
            err("resource-units unit %s" % u)
    used = {r[2] for r in rows}
    if used - set(mapped):
        err("unmapped resources %s" % (used - set(mapped)))
    cases = defaultdict(list)
    for r in rows:
        cases[r[0]].append(r)
    # grouped by case?
    seen, last = set(), None
    for r in rows:
        if r[0] != last:
            if r[0] in seen:
                err("events not grouped by case")
            seen.add(r[0])
            last = r[0]
    hand = defaultdict(int)
    for c, evs in cases.items():
        seq = [e[2] for _i, e in sorted(enumerate(evs), key=lambda t: (t[1][3], t[0]))]
        for a, b in zip(seq, seq[1:]):
            hand[(a, b)] += 1
    out["events"] = (len(cases), len(rows), len(used), sum(v for (a, b), v in hand.items() if a == b))
    return out


def main():
    en = load("examples/hotel.json")
    es = load("examples/hotel-es.json")
    info = check_model(en, "hotel.json")
    check_model(es, "hotel-es.json")
    if strip_names(en) != strip_names(es):
        err("hotel.json and hotel-es.json differ in more than names")
    if [p["name"] for p in en["people"]] != [p["name"] for p in es["people"]]:
        err("people names differ between languages")
    # default data
    cur = {lang: load("data/curriculum.%s.json" % lang) for lang in ("en", "es")}
    mat = {lang: load("data/maturity.%s.json" % lang) for lang in ("en", "es")}
    for lang in ("en", "es"):
        for i, mod in enumerate(cur[lang]):
            p = "curriculum.%s/%d" % (lang, i)
            keys(mod, "module", p)
            if mod["level"] not in LEVELS:
                err(p + " level")
            for c, v in mod["raises"].items():
                if c not in info["comp"]:
                    err(p + " raises " + c)
                rng(v, 1, 5, p + "/raises")
            rng(mod["hours"], 4, 24, p + "/hours")
            rng(mod["cost"], 100, 1500, p + "/cost")
        if set(mat[lang]) != {"processes"}:
            err("maturity keys")
        for pr in mat[lang]["processes"]:
            keys(pr, "process", "maturity." + lang)
            if not 2 <= len(pr["items"]) <= 4:
                err("maturity %s items" % pr["id"])
            for it in pr["items"]:
                keys(it, "item", "maturity." + lang)
        ids = [it["id"] for pr in mat[lang]["processes"] for it in pr["items"]]
        if len(ids) != len(set(ids)):
            err("maturity item ids not unique")
    if strip_names(cur["en"]) != strip_names(cur["es"]):
        err("curricula differ in more than titles")
    if strip_names(mat["en"]) != strip_names(mat["es"]):
        err("maturity models differ in more than texts")
    csvs = check_csvs(en)

    s, q, seg_sat, csi, align, fits, needs = analytics(en, info)
    print("units %d (explicit quality %d), competencies %d, positions %d, people %d, segments %d"
          % (len(en["units"]), sum("quality" in u for u in en["units"]), len(en["competencies"]),
             len(en["positions"]), len(en["people"]), len(en["segments"])))
    print("services %d (rated %d), moments %d, policies %d / standards %d, plans %d / actions %d, responses %d"
          % (len(en["services"]), sum("rating" in x for x in en["services"]), len(en["moments_of_truth"]),
             len(en["policies"]), sum(len(p["standards"]) for p in en["policies"]), len(en["plans"]),
             sum(len(p["actions"]) for p in en["plans"]), len(en["assessment"]["responses"])))
    print("max input weight sum %.2f; SCCs %s" % (max(info["insum"].values()), info["sccs"]))
    print("no path to a customer: %s" % [u for u, d in info["dist"].items() if d is None])
    print("intrinsic s:", {u: round(v, 3) for u, v in s.items()})
    print("delivered q:", {u: round(v, 3) for u, v in q.items()})
    print("segment satisfaction:", {k: round(v, 4) for k, v in seg_sat.items()}, "CSI %.2f" % csi)
    print("alignment (unit, current, optimal, moves):", align)
    print("people with fit < 0.6:", sorted(k for k, v in fits.items() if v < 0.6),
          "; training gaps (person x competency):", needs)
    print("curriculum modules %d, maturity processes %d / items %d"
          % (len(cur["en"]), len(mat["en"]["processes"]), sum(len(p["items"]) for p in mat["en"]["processes"])))
    print("csv:", csvs)
    if ERRORS:
        print("\n%d PROBLEM(S):" % len(ERRORS))
        for e in ERRORS:
            print("  " + e)
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
