#!/usr/bin/env python3
"""Lists the C++ functions longer than a limit (the developer guide: ~100 lines).

    scripts/long_functions.py [--limit N] [--check] [PATH ...]
    scripts/long_functions.py --self-test

PATHs default to src/, tools/ and python/src/ of this repository. A function is
counted from the line of its signature to the line of its closing brace (lambdas
and local classes count with the function that holds them). Prints one line per
function, longest first: `LINES path:line name`. With --check the exit status is
1 when any function is over the limit (files listed in EXEMPT are reported but do
not fail).

A brace counter, not a parser: comments, string and character literals
(raw strings included) are blanked first, then every `{` whose preceding text
looks like a signature `name(...) [const|noexcept|override|-> T|: init(...)]`
at namespace or class scope opens a function.
"""
import argparse
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
DEFAULT_PATHS = ["src", "tools", "python/src"]
# Being rewritten elsewhere; reported, never fails --check.
EXEMPT = {"src/io/model_json_read.cpp"}
KEYWORDS = {"if", "for", "while", "switch", "catch", "return", "sizeof", "decltype", "alignof", "static_assert",
            "requires", "noexcept"}
SCOPES = re.compile(r"\b(namespace|class|struct|union|enum)\b[^()]*$")
NAME = re.compile(r"([~\w:<>=!+\-*/%&|^\[\]]+|operator\s*[^\s(]+)\s*\($")


def blank(text):
    """Comments and literals replaced by spaces (newlines kept, so line numbers hold)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == 'R' and text.startswith('R"', i) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            m = re.match(r'R"([^()\\\s]{0,16})\(', text[i:])
            if not m:
                out.append(c)
                i += 1
                continue
            end = text.find(")" + m.group(1) + '"', i + m.end())
            j = n if end < 0 else end + len(m.group(1)) + 2
            out.append('""' + re.sub(r"[^\n]", " ", text[i + 2:j]))
            i = j
        elif c in "\"'":
            if c == "'" and i > 0 and text[i - 1].isalnum() and i + 1 < n and text[i + 1].isalnum():
                out.append(c)  # a digit separator: 1'000'000
                i += 1
                continue
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(c + " " * (j - i - 2) + c if j - i >= 2 else text[i:j])
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def signature_name(header):
    """The function's name when `header` (text before a `{`) is a function signature, else None."""
    h = re.sub(r"\s+", " ", header).strip()
    if not h or h.startswith("#") or SCOPES.search(h) or h.endswith("=") or h.endswith(","):
        return None
    # a constructor's initializer list: cut at the ` : ` that follows the parameter list
    depth = 0
    close = -1
    for k, ch in enumerate(h):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                close = k
                break
    if close < 0:
        return None
    open_paren = h.index("(")
    before = h[:open_paren + 1]
    m = NAME.search(before)
    if not m:
        return None
    name = m.group(1).lstrip("&*")
    if name.split("::")[-1] in KEYWORDS or "=" in h[:open_paren] and "operator" not in h[:open_paren]:
        return None
    rest = h[close + 1:].strip()
    if rest and not re.match(r"^(const|noexcept|override|final|mutable|volatile|&|&&|->|:|\s|\w|\(|\)|<|>|,|\*|::|\{|\}|\[|\])*$", rest):
        return None
    return name


def functions(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = blank(f.read())
    found = []
    stack = []  # one entry per open brace: ("function", name, start line) or ("scope", ...)
    last = 0  # where the text before the next brace starts
    for m in re.finditer(r"[{};]", text):
        ch = m.group()
        if ch == ";":
            if not stack or stack[-1][0] != "function":
                last = m.end()
            continue
        if ch == "{":
            inside_function = any(kind == "function" for kind, _, _ in stack)
            name = None if inside_function else signature_name(text[last:m.start()])
            if name:
                header = text[last:m.start()]
                offset = len(header) - len(header.lstrip())
                start = text.count("\n", 0, last + offset) + 1
                stack.append(("function", name, start))
            else:
                stack.append(("scope", None, 0))
        else:
            if stack:
                kind, name, start = stack.pop()
                if kind == "function":
                    end = text.count("\n", 0, m.start()) + 1
                    found.append((end - start + 1, start, name))
        if not stack or stack[-1][0] != "function":
            last = m.end()
    return found


def self_test():
    """Counts on a file with the traps a brace counter meets; None when all are right."""
    import tempfile
    body = "\n".join("  x += %d;" % i for i in range(99))
    text = (
        "namespace a {\n"                                   # 1
        "struct S {\n"                                       # 2
        "  int f() const { return 1; }\n"                    # 3: 1 line
        "};\n"                                               # 4
        "int S::g(int x)\n"                                  # 5: 107 lines (5..111)
        "    noexcept {\n"
        "  const char *s = \"}}{\"; char c = '}';\n"
        "  auto r = R\"x(})x\"; /* } */ // {\n"
        + body + "\n"
        "  auto l = [&] { return x; };\n"
        "  if (x) { x = 1'000; }\n"
        "  return l();\n"
        "}\n"
        "}  // namespace a\n")
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "t.cpp")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        found = sorted(functions(path))
    expected = [(1, 3, "f"), (107, 5, "S::g")]
    return None if found == expected else "expected %r, got %r" % (expected, found)


def main(argv):
    if argv[1:] == ["--self-test"]:
        problem = self_test()
        print(problem or "self-test passed")
        return 1 if problem else 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--check", action="store_true")
    parser.add_argument("paths", nargs="*")
    args = parser.parse_args(argv[1:])
    paths = args.paths or [os.path.join(ROOT, p) for p in DEFAULT_PATHS]
    rows = []
    for top in paths:
        walk = [(os.path.dirname(top), None, [os.path.basename(top)])] if os.path.isfile(top) else os.walk(top)
        for folder, _, files in walk:
            for name in files:
                if not name.endswith((".cpp", ".hpp", ".h", ".cc")):
                    continue
                path = os.path.join(folder, name)
                rel = os.path.relpath(path, ROOT).replace(os.sep, "/")
                for lines, line, fn in functions(path):
                    if lines > args.limit:
                        rows.append((lines, rel, line, fn))
    failing = 0
    for lines, rel, line, fn in sorted(rows, key=lambda r: (-r[0], r[1], r[2])):
        exempt = rel in EXEMPT
        failing += not exempt
        print(f"{lines:5d} {rel}:{line} {fn}{'  (exempt)' if exempt else ''}")
    if not rows:
        print(f"no function over {args.limit} lines")
    return 1 if args.check and failing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
