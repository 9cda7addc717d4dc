#!/usr/bin/python3
"""Time `servicechain analyze --json` against the same work done in Python.

The Python side is what a competent user would write with Debian's
python3-numpy, python3-scipy and python3-igraph: json.load, a scipy sparse
matrix of the chain, spsolve (natural ordering: see below) for propagation (I - A) q = (1 - W) s and for the
adjoint (I - A)^T lambda = g (impact), igraph for strongly connected components,
articulation points, bridges, customer distances (BFS), and the weakest link
upstream on igraph's condensation. Its results are written as JSON too.

Betweenness: ours is exact up to 5,000 units and sampled (256 sources) above;
igraph has no sampled estimate, so above 5,000 units Python computes none
(the ratio is then conservative: Python does less work), unless
--python-betweenness exact|cutoff:N asks for igraph's exact or cutoff version,
or networkx:K for NetworkX's k-source estimate, the one DESIGN 4.4 follows
(the same work as ours; needs python3-networkx).

Python does not validate the model; ours does (conservative again).

usage: compare_python.py path/to/servicechain MODEL.json [--repeat R] [--python-betweenness none|exact|cutoff:N|networkx:K]
       [--no-betweenness]
       compare_python.py path/to/servicechain --shapes N [--repeat R] [...]
Generate MODEL.json with: servicechain generate --units 100000 --seed 1 -o MODEL.json
--shapes N generates both shapes of DESIGN 6 with N units (seed 1, 5 services
per unit) into a temporary directory and compares each: the local chart of
`generate --units N` and the giant component of `--support-share 0.3`.
Prints times (wall and CPU) and the ratio ours / Python, plus the largest
difference of CSI, delivered quality and impact between the two.
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import time

import igraph
import numpy as np
import scipy.sparse as sp
import scipy.sparse.linalg as spla


def analyze_python(path, betweenness_mode):
    with open(path, "rb") as f:
        model = json.load(f)
    units = model.get("units", [])
    n = len(units)
    index = {u["id"]: i for i, u in enumerate(units)}
    ids = [u["id"] for u in units]

    # Intrinsic quality: the unit's quality, else mean morale (no fit here: the
    # generated benchmark files give every unit a quality), else 1.
    s = np.array([u.get("quality", 1.0) for u in units], dtype=float)

    services = model.get("services", [])
    src = np.fromiter((index[x["from"]] for x in services), dtype=np.int64, count=len(services))
    dst = np.fromiter((index[x["to"]] for x in services), dtype=np.int64, count=len(services))
    w = np.fromiter((x["weight"] for x in services), dtype=float, count=len(services))
    A = sp.csr_matrix((w, (dst, src)), shape=(n, n))  # A[v, u] = w_uv, parallel services summed
    W = np.asarray(A.sum(axis=1)).ravel()
    I = sp.identity(n, format="csc")
    M = (I - A).tocsc()

    # Propagation (linear) and CSI. SuperLU's default column ordering (COLAMD)
    # fills in badly here (over 10 minutes at 10^5 units); the model order is
    # nearly topological, so the natural order factors in milliseconds. On a
    # chart with a few support units that serve and are served by everyone,
    # every ordering SuperLU offers fills in for minutes; moved last (a
    # symmetric permutation), they fill in only their own rows and columns.
    degree = np.bincount(src, minlength=n) + np.bincount(dst, minlength=n)
    heavy = degree > 50 * max(1.0, degree.mean()) if n else np.zeros(0, dtype=bool)
    order = np.concatenate([np.flatnonzero(~heavy), np.flatnonzero(heavy)]) if heavy.any() else None

    def solve(matrix, rhs):
        if order is None:
            return spla.spsolve(matrix, rhs, permc_spec="NATURAL")
        x = np.empty(n)
        x[order] = spla.spsolve(matrix[order][:, order].tocsc(), rhs[order], permc_spec="NATURAL")
        return x

    q = solve(M, (1.0 - W) * s)
    segments = model.get("segments", [])
    seg_index = {c["id"]: k for k, c in enumerate(segments)}
    moments = model.get("moments_of_truth", [])
    seg_imp = np.zeros(len(segments))
    for m in moments:
        seg_imp[seg_index[m["segment"]]] += m.get("importance", 1.0)
    sizes = np.array([c.get("size", 1.0) for c in segments])
    covered = sizes[seg_imp > 0].sum()
    g = np.zeros(n)
    for m in moments:
        k = seg_index[m["segment"]]
        g[index[m["owner"]]] += 100.0 * sizes[k] / covered * m.get("importance", 1.0) / seg_imp[k]
    csi = float(g @ q)
    seg_sat = np.zeros(len(segments))
    for m in moments:
        k = seg_index[m["segment"]]
        seg_sat[k] += m.get("importance", 1.0) * q[index[m["owner"]]] / seg_imp[k]

    # Impact by the adjoint.
    lam = solve(M.T.tocsc(), g)
    impact = (1.0 - W) * lam

    # Graph pieces with igraph (parallel services once).
    edges = sorted(set(zip(src.tolist(), dst.tolist())))
    G = igraph.Graph(n=n, edges=edges, directed=True)
    scc = G.connected_components(mode="strong")
    membership = scc.membership  # (a property that copies the list: read it once)
    cycles = sorted(sorted(ids[v] for v in c) for c in scc if len(c) >= 2)
    U = G.as_undirected(mode="collapse")
    articulation = set(U.articulation_points())
    bridges = sorted(tuple(sorted((ids[U.es[e].source], ids[U.es[e].target]))) for e in U.bridges())

    # Customer distance: BFS from the owners on the reversed graph.
    owners = sorted({index[m["owner"]] for m in moments})
    R = G.copy()
    R.reverse_edges()
    R.add_vertices(1)
    R.add_edges([(n, o) for o in owners])
    dist = R.distances(source=[n], mode="out")[0][:n]
    distance = [None if d == float("inf") else int(d) - 1 for d in dist]

    # Weakest link upstream: min s over ancestors, on the condensation in topological order.
    C = scc.cluster_graph(combine_edges=False)  # the condensation
    C.simplify(multiple=True, loops=True)
    comp_min = np.full(len(scc), np.inf)
    comp_arg = [None] * len(scc)
    for v in range(n):
        c = membership[v]
        if s[v] < comp_min[c] or (s[v] == comp_min[c] and ids[v] < ids[comp_arg[c]]):
            comp_min[c], comp_arg[c] = s[v], v
    for c in C.topological_sorting(mode="out"):
        for p in C.predecessors(c):
            if comp_min[p] < comp_min[c] or (comp_min[p] == comp_min[c] and ids[comp_arg[p]] < ids[comp_arg[c]]):
                comp_min[c], comp_arg[c] = comp_min[p], comp_arg[p]

    # Layers: depth in the unit tree.
    parent = [index[u["parent"]] if u.get("parent") is not None else -1 for u in units]
    layers = [0] * n
    for v in range(n):  # generated trees list parents first; fall back to walking up
        p = parent[v]
        layers[v] = layers[p] + 1 if 0 <= p < v else (0 if p < 0 else -1)
    for v in range(n):
        if layers[v] < 0:
            d, p = 0, v
            while parent[p] >= 0:
                d, p = d + 1, parent[p]
            layers[v] = d

    method = "none"
    bc = [None] * n
    if n <= 5000 or betweenness_mode == "exact":
        raw = G.betweenness(directed=True)
        method = "exact"
    elif betweenness_mode.startswith("cutoff:"):
        raw = G.betweenness(directed=True, cutoff=int(betweenness_mode.split(":")[1]))
        method = betweenness_mode
    elif betweenness_mode.startswith("networkx:"):
        # The same estimate as ours (DESIGN 4.4 follows NetworkX): k sampled
        # sources, normalized and scaled by n/k; NetworkX draws other sources
        # than ours, so only the time is comparable, not the values.
        import networkx as nx
        k = min(n, int(betweenness_mode.split(":")[1]))
        N = nx.DiGraph()
        N.add_nodes_from(range(n))
        N.add_edges_from((int(a), int(b)) for a, b in zip(src, dst) if a != b)
        sampled = nx.betweenness_centrality(N, k=k, normalized=True, seed=1)
        bc = [sampled[v] for v in range(n)]
        method = "sampled"
        raw = None
    else:
        raw = None
    if raw is not None and n >= 3:
        scale = 1.0 / ((n - 1) * (n - 2))
        bc = [b * scale for b in raw]

    out = {
        "model": "linear",
        "csi": csi,
        "units": [
            {
                "id": ids[v],
                "quality": float(s[v]),
                "delivered": float(q[v]),
                "impact": float(impact[v]),
                "weakest_upstream": {"unit": ids[comp_arg[membership[v]]], "quality": float(comp_min[membership[v]])},
                "customer_distance": distance[v],
                "layers": layers[v],
                "betweenness": bc[v],
                "articulation": v in articulation,
            }
            for v in range(n)
        ],
        "moments": [{"id": m["id"], "quality": float(q[index[m["owner"]]])} for m in moments],
        "segments": [{"id": c["id"], "satisfaction": float(seg_sat[k]) if seg_imp[k] > 0 else None} for k, c in enumerate(segments)],
        "cycles": cycles,
        "bridges": [list(b) for b in bridges],
        "betweenness_method": method,
    }
    text = json.dumps(out)  # compact: the C encoder (ours prints indented, more bytes)
    return out, text


def cpu_children():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def cpu_self():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def compare(args, model):
    ours_wall, ours_cpu, ours_text = [], [], None
    for _ in range(args.repeat):
        c0, t0 = cpu_children(), time.perf_counter()
        command = [args.cli, "-q", "analyze", model, "--json"] + (["--no-betweenness"] if args.no_betweenness else [])
        run = subprocess.run(command, capture_output=True, check=True)
        ours_wall.append(time.perf_counter() - t0)
        ours_cpu.append(cpu_children() - c0)
        ours_text = run.stdout

    py_wall, py_cpu, py = [], [], None
    for _ in range(args.repeat):
        c0, t0 = cpu_self(), time.perf_counter()
        py, _text = analyze_python(model, args.python_betweenness)
        py_wall.append(time.perf_counter() - t0)
        py_cpu.append(cpu_self() - c0)

    ours = json.loads(ours_text)
    d_q = max(abs(a["delivered"] - b["delivered"]) for a, b in zip(ours["units"], py["units"]))
    d_i = max(abs(a["impact"] - b["impact"]) for a, b in zip(ours["units"], py["units"]))
    same_cycles = ours["cycles"] == py["cycles"]
    same_bridges = ours["bridges"] == py["bridges"]
    same_art = all(a["articulation"] == b["articulation"] for a, b in zip(ours["units"], py["units"]))
    same_dist = all(a["customer_distance"] == b["customer_distance"] for a, b in zip(ours["units"], py["units"]))
    same_weak = all(a["weakest_upstream"]["unit"] == b["weakest_upstream"]["unit"] for a, b in zip(ours["units"], py["units"]))

    d_b = None  # only exact values can agree: sampled estimates use other sources
    if ours["betweenness_method"] == "exact" and py["betweenness_method"] == "exact":
        d_b = max((abs(a["betweenness"] - b["betweenness"]) for a, b in zip(ours["units"], py["units"])), default=0.0)

    n = len(py["units"])
    size = os.path.getsize(model)
    ow, oc, pw, pc = min(ours_wall), min(ours_cpu), min(py_wall), min(py_cpu)
    print(f"model: {model} ({n} units, {size / 1e6:.1f} MB, largest cycle {max(map(len, ours['cycles']), default=0)} units)")
    print(f"ours   analyze --json: wall {ow:8.3f} s  cpu {oc:8.3f} s  betweenness {ours['betweenness_method']}"
          f" (samples {ours.get('betweenness_samples', 0)}), sweeps {ours['iterations']}/{ours['impact_iterations']}")
    print(f"python same work:      wall {pw:8.3f} s  cpu {pc:8.3f} s  betweenness {py['betweenness_method']}")
    print(f"ratio ours/python:     wall {ow / pw:8.3f}    cpu {oc / pc:8.3f}")
    print(f"agreement: |csi| {abs(ours['csi'] - py['csi']):.2e}  max|delivered| {d_q:.2e}  max|impact| {d_i:.2e}  "
          f"cycles {same_cycles}  bridges {same_bridges}  articulation {same_art}  distance {same_dist}  weakest {same_weak}"
          + (f"  max|betweenness| {d_b:.2e}" if d_b is not None else ""))
    return ow / pw


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("cli")
    ap.add_argument("model", nargs="?")
    ap.add_argument("--shapes", type=int, help="generate both shapes with this many units and compare each")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--python-betweenness", default="none")
    ap.add_argument("--no-betweenness", action="store_true",
                    help="ours with --no-betweenness: the same work as Python's default above 5,000 units")
    args = ap.parse_args()
    if (args.model is None) == (args.shapes is None):
        ap.error("give either MODEL.json or --shapes N")
    if args.model:
        compare(args, args.model)
        return 0
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        ratios = {}
        for shape, extra in (("local", []), ("giant", ["--support-share", "0.3"])):
            path = os.path.join(tmp, f"{shape}-{args.shapes}.json")
            subprocess.run([args.cli, "-q", "generate", "--units", str(args.shapes), "--seed", "1", "-o", path] + extra,
                           check=True)
            print(f"--- {shape} shape")
            ratios[shape] = compare(args, path)
        print("wall ratios ours/python: " + ", ".join(f"{k} {v:.3f}" for k, v in ratios.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
