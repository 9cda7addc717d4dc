"""Shared fixtures: the source tree, the CLI to compare with, the example model."""
import json
import os
import subprocess
from pathlib import Path

import pytest

import servicechain as sc

SOURCE = Path(os.environ.get("SERVICECHAIN_SOURCE_DIR", Path(__file__).resolve().parents[2]))
EXAMPLES = SOURCE / "examples"


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: builds and installs the package with pip (minutes)")


@pytest.fixture(scope="session")
def examples():
    return EXAMPLES


@pytest.fixture(scope="session")
def hotel():
    return sc.Model.from_file(EXAMPLES / "hotel.json")


@pytest.fixture(scope="session")
def cli():
    """cli(*args) → the parsed stdout of `servicechain ARGS --json` (exit 0 expected)."""
    exe = os.environ.get("SERVICECHAIN_CLI")
    if not exe or not os.path.exists(exe):
        pytest.skip("SERVICECHAIN_CLI not set: no CLI to compare with")

    def call(*args):
        out = subprocess.run([exe, *map(str, args), "--json"], capture_output=True, text=True, check=False)
        assert out.returncode == 0, out.stdout + out.stderr
        return json.loads(out.stdout)

    return call
