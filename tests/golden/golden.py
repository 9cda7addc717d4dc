#!/usr/bin/env python3
"""Golden outputs of every command with machine output (tests/golden/cases.json).

    golden.py record CLI SOURCE_DIR          write out/NAME from the CLI's output
    golden.py cli CLI SOURCE_DIR             the CLI prints the same bytes as out/NAME
    golden.py capi CLI LIBRARY SOURCE_DIR    the C API (libservicechain_c) returns the
                                             same bytes as the CLI, for each case, also
                                             with inline data where the case says so

The goldens were taken from the CLI before the request/response contract moved
into the library (issue #17): they prove the move changed no byte. They were
recorded again after the morale ceiling (DESIGN §2: the hotel's CSI 73.15 ->
68.16), the new curriculum modules and the Latin American Spanish of the
bundled content changed outputs on purpose (analyze, check, people, plan,
simulate, report, maturity-es). Recorded again after issue 23 (reliability):
the CSI's weights are now scaled by the largest one before summing (no overflow
at sizes of 1e308), which moves the hotel's numbers by at most 4e-14 (CSI
points) in the last digits (analyze, check, diff, people, plan, simulate), and
every report carries the CSS rule of the not-converged notice; the
`*-not-converged` cases (the nearly closed loop under a capped solver) are new.
The two HTML reports (report, report-es) were recorded again when the report
became the manager's document (issue #21: summary, sections, localized
numbers; every JSON golden unchanged). The cases report-trends and report-trends-es
(issue #21: the trends section, `--wave KIND:DATE=FILE`) are new; report, report-es
and report-not-converged were recorded again for two wordings of the summary ("1
participant", the plan's name without a second "plan"); report-es again when the
Spanish hotel's policy said "momento de la verdad" (the seeds' term) instead of
"momento de verdad"; maturity-es, roadmap-es and the Spanish reports when the
bundled maturity model's Spanish process "leadership" became "Líder de líderes"
(the glossary's term) instead of "Liderazgo de los líderes". Standard library only (Debian's Python).
"""
import ctypes
import json
import os
import subprocess
import sys


def load_cases(source):
    with open(os.path.join(source, "tests", "golden", "cases.json"), encoding="utf-8") as f:
        return json.load(f)["cases"]


def run_cli(cli, source, case):
    done = subprocess.run([cli] + case["cli"], cwd=source, capture_output=True, timeout=300)
    if done.returncode != 0:
        raise RuntimeError(f"{case['name']}: exit {done.returncode}: {done.stderr.decode(errors='replace')}")
    return done.stdout


def golden_path(source, case):
    return os.path.join(source, "tests", "golden", "out", case["name"])


def first_difference(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i
    return min(len(a), len(b))


def report(name, expected, actual, what):
    i = first_difference(expected, actual)
    print(f"FAIL {name}: {what} differ at byte {i} (lengths {len(expected)} and {len(actual)}):\n"
          f"  expected ...{expected[max(0, i - 60):i + 60]!r}\n  actual   ...{actual[max(0, i - 60):i + 60]!r}")


def record(cli, source):
    os.makedirs(os.path.join(source, "tests", "golden", "out"), exist_ok=True)
    for case in load_cases(source):
        with open(golden_path(source, case), "wb") as f:
            f.write(run_cli(cli, source, case))
    return 0


def compare_cli(cli, source):
    failures = 0
    for case in load_cases(source):
        with open(golden_path(source, case), "rb") as f:
            expected = f.read()
        actual = run_cli(cli, source, case)
        if actual != expected:
            report(case["name"], expected, actual, "golden and CLI")
            failures += 1
    return failures


class CApi:
    def __init__(self, path):
        lib = ctypes.CDLL(path)
        lib.sc_model_from_json.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(ctypes.c_void_p)]
        lib.sc_model_from_json.restype = ctypes.c_void_p
        lib.sc_model_free.argtypes = [ctypes.c_void_p]
        lib.sc_run.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p)]
        lib.sc_run.restype = ctypes.c_void_p
        lib.sc_string_free.argtypes = [ctypes.c_void_p]
        self.lib = lib

    def take(self, pointer):
        try:
            return ctypes.string_at(pointer)
        finally:
            self.lib.sc_string_free(pointer)

    def model(self, text):
        error = ctypes.c_void_p()
        handle = self.lib.sc_model_from_json(text, len(text), ctypes.byref(error))
        if not handle:
            raise RuntimeError(self.take(error).decode(errors="replace"))
        return handle

    def run(self, handle, request):
        error = ctypes.c_void_p()
        result = self.lib.sc_run(handle, json.dumps(request).encode(), ctypes.byref(error))
        if not result:
            raise RuntimeError(self.take(error).decode(errors="replace") if error.value else "out of memory")
        return self.take(result)


def inlined(value, source, key=None):
    """The request with every {"path": p} replaced by the text of p: a plain string
    for the positional data ("data", "file", "log"), {"data": text} for options;
    {"date": d, "path": p} becomes {"date": d, "data": text}, and likewise with a "kind"."""
    if isinstance(value, dict):
        if set(value) == {"path"}:
            with open(os.path.join(source, value["path"]), encoding="utf-8") as f:
                text = f.read()
            return text if key in ("data", "file", "log") else {"data": text}
        if "path" in value and set(value) - {"path"} <= {"date", "kind"}:  # a dated input (trend's and the report's waves)
            with open(os.path.join(source, value["path"]), encoding="utf-8") as f:
                return {**{k: v for k, v in value.items() if k != "path"}, "data": f.read()}
        return {k: inlined(v, source, k) for k, v in value.items()}
    if isinstance(value, list):
        return [inlined(v, source, key) for v in value]
    return value


def compare_capi(cli, library, source):
    os.chdir(source)  # {"path": ...} values are relative to the source directory
    api = CApi(library)
    failures = 0
    for case in load_cases(source):
        expected = run_cli(cli, source, case)
        handle = None
        if case["model"]:
            with open(case["model"], "rb") as f:
                handle = api.model(f.read())
        try:
            requests = [("request", case["request"])]
            if case.get("inline"):
                requests.append(("inline request", inlined(case["request"], source)))
            for what, request in requests:
                try:
                    actual = api.run(handle, request)
                except RuntimeError as e:
                    print(f"FAIL {case['name']}: {what}: {e}")
                    failures += 1
                    continue
                if actual != expected:
                    report(case["name"], expected, actual, f"CLI and C API ({what})")
                    failures += 1
        finally:
            if handle:
                api.lib.sc_model_free(handle)
    return failures


def main(argv):
    if len(argv) == 4 and argv[1] == "record":
        return record(argv[2], argv[3])
    if len(argv) == 4 and argv[1] == "cli":
        failures = compare_cli(argv[2], argv[3])
    elif len(argv) == 5 and argv[1] == "capi":
        failures = compare_capi(argv[2], argv[3], argv[4])
    else:
        sys.exit(__doc__)
    print(f"{len(load_cases(argv[-1]))} cases, {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
