"""`pip install .` from a clean copy of the tree into a fresh venv, offline (slow).

ctest sets SERVICECHAIN_BUILD_DIR to its build directory, so setup.py only
builds and copies the module there; without it the module is built from
scratch (minutes)."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SOURCE

pytestmark = pytest.mark.slow


def _clean_copy(dest: Path) -> Path:
    """The files a clone would have (tracked, plus new ones not ignored), no build/."""
    if shutil.which("git") and (SOURCE / ".git").exists():
        files = subprocess.run(["git", "-C", str(SOURCE), "ls-files", "-co", "--exclude-standard", "-z"],
                               capture_output=True, check=True).stdout.decode().split("\0")
        for name in filter(None, files):
            src = SOURCE / name
            if src.is_file():
                (dest / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, dest / name)
    else:
        shutil.copytree(SOURCE, dest, ignore=shutil.ignore_patterns("build", ".git", "__pycache__"),
                        dirs_exist_ok=True)
    return dest


def test_pip_install_into_venv_offline(tmp_path, cli, examples):
    tree = _clean_copy(tmp_path / "src")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # import the installed copy only
    pip = subprocess.run([str(venv / "bin" / "pip"), "install", "--no-index", "--no-deps", str(tree)],
                         capture_output=True, text=True, env=env, check=False)
    assert pip.returncode == 0, pip.stdout[-3000:] + pip.stderr[-3000:]
    code = ("import servicechain as sc, sys; m = sc.Model.from_file(sys.argv[1]); "
            "print(repr(m.analyze().csi)); print(sc.__file__)")
    out = subprocess.run([str(venv / "bin" / "python"), "-c", code, str(tree / "examples" / "hotel.json")],
                         capture_output=True, text=True, env=env, cwd=tmp_path, check=True).stdout.split("\n")
    assert float(out[0]) == cli("analyze", examples / "hotel.json")["csi"]
    assert str(venv) in out[1], out[1]
