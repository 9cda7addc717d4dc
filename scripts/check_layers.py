#!/usr/bin/env python3
"""Fails when a library file includes a header of a higher layer.

The layers of libservicechain, lowest first (docs/architecture.md, "Layers"):

  0 base      detail/, util/, error.hpp, log.hpp, text.hpp
  1 data      model (model.hpp, validate.hpp, generate.hpp, bundled.hpp, src/model/),
              io/, text/ (the message catalogue)
  2 analysis  analysis/
  3 report    report/
  4 run       run.hpp, run/
  5 service   service/

A file may include its own layer and the layers below it, never one above:
model validation must not reach into analysis/, an analysis never into run/.
Both spellings are checked: "servicechain/X/..." and a relative "../X/...".
Front ends (tools/, c_api/, python/) sit above all of them and are not scanned;
a library file that includes one of theirs is reported too.

Usage: check_layers.py [ROOT]      check the tree at ROOT (default: this repository)
       check_layers.py --self-test  prove the check fails on an upward include
"""
import os
import re
import sys
import tempfile

LAYERS = ["base", "data", "analysis", "report", "run", "service"]
RANK = {name: i for i, name in enumerate(LAYERS)}

# Top-level headers of include/servicechain/ (and what they are).
TOP_LEVEL = {
    "error.hpp": "base", "log.hpp": "base", "text.hpp": "base",
    "model.hpp": "data", "validate.hpp": "data", "generate.hpp": "data", "bundled.hpp": "data",
    # kept for old includes: forwards to analysis/survey/generate.hpp
    "generate_internal_survey.hpp": "analysis",
    "run.hpp": "run",
    "servicechain.hpp": "front", "servicechain.h": "front",  # the umbrella and the C API: above everything
}
# First folder below src/ or include/servicechain/.
FOLDERS = {
    "detail": "base", "util": "base",
    "model": "data", "io": "data", "text": "data",
    "analysis": "analysis", "report": "report", "run": "run", "service": "service",
}
FRONT_ENDS = ("tools", "c_api", "python")
INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"', re.M)


def layer_of(rel):
    """Layer of a path relative to the repository root, or None outside the library."""
    parts = rel.split("/")
    if parts[0] in FRONT_ENDS:
        return "front"
    if parts[0] == "include" and len(parts) > 2 and parts[1] == "servicechain":
        parts = parts[2:]
        if len(parts) == 1:
            return TOP_LEVEL.get(parts[0])
        return FOLDERS.get(parts[0])
    if parts[0] == "src" and len(parts) > 2:
        return FOLDERS.get(parts[1])
    return None


def resolve(root, source_rel, spelled):
    """The repository-relative path an #include names, or None (a system or generated header)."""
    if spelled.startswith("servicechain/"):
        return "include/" + spelled
    here = os.path.dirname(source_rel)
    candidate = os.path.normpath(os.path.join(here, spelled))
    if os.path.exists(os.path.join(root, candidate)) or spelled.startswith(".."):
        return candidate.replace(os.sep, "/")
    return None


def violations(root):
    found = []
    for top in ("src", "include/servicechain"):
        for folder, _, files in os.walk(os.path.join(root, top)):
            for name in sorted(files):
                if not name.endswith((".hpp", ".cpp", ".h")):
                    continue
                rel = os.path.relpath(os.path.join(folder, name), root).replace(os.sep, "/")
                source = layer_of(rel)
                if source is None or source == "front":
                    continue
                with open(os.path.join(root, rel), encoding="utf-8") as f:
                    text = f.read()
                for m in INCLUDE.finditer(text):
                    target_rel = resolve(root, rel, m.group(1))
                    if target_rel is None:
                        continue
                    target = layer_of(target_rel)
                    if target is None:
                        continue
                    if target == "front" or RANK[target] > RANK[source]:
                        line = text.count("\n", 0, m.start()) + 1
                        found.append(f"{rel}:{line}: {source} layer includes {m.group(1)} ({target} layer)")
    return found


def self_test():
    """The check must catch an upward include in both spellings, and pass a clean tree."""
    with tempfile.TemporaryDirectory() as root:
        def write(rel, text):
            path = os.path.join(root, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        write("include/servicechain/model.hpp", "#pragma once\n")
        write("include/servicechain/analysis/scc.hpp", '#include "servicechain/model.hpp"\n')
        write("src/analysis/chain/graph.cpp", '#include "servicechain/analysis/scc.hpp"\n#include "../../util/x.hpp"\n')
        write("src/util/x.hpp", "#pragma once\n")
        if violations(root):
            return "a clean tree was reported: " + "; ".join(violations(root))
        write("src/model/validate.cpp", '#include <vector>\n#include "servicechain/analysis/scc.hpp"\n')
        write("src/io/csv.cpp", '#include "../run/request.hpp"\n')
        write("src/run/request.hpp", "#pragma once\n")
        found = violations(root)
        expected = ["src/io/csv.cpp:1: data layer includes ../run/request.hpp (run layer)",
                    "src/model/validate.cpp:2: data layer includes servicechain/analysis/scc.hpp (analysis layer)"]
        if sorted(found) != expected:
            return "expected " + repr(expected) + ", got " + repr(sorted(found))
    return None


def main(argv):
    if argv[1:] == ["--self-test"]:
        problem = self_test()
        print(problem or "self-test passed")
        return 1 if problem else 0
    root = argv[1] if len(argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    found = violations(root)
    for v in found:
        print(v)
    if found:
        print(f"{len(found)} upward include(s): see the layers in docs/architecture.md")
        return 1
    print("no upward includes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
