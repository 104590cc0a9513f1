# SPDX-License-Identifier: Apache-2.0
"""The linters are tests, so one pytest run is the whole gate (ruff, ruff format, mypy strict)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from nestos.core.run import run

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TARGETS = ["src", "tests", "bench"]


def _tool(name: str, *args: str) -> None:
    result = run([BIN / name, *args], cwd=ROOT, timeout=600, check=False)
    if result.returncode != 0:
        pytest.fail(f"{name} found problems:\n{result.stdout}{result.stderr}")


def test_ruff_lint() -> None:
    _tool("ruff", "check", "--no-cache", *TARGETS)


def test_ruff_format() -> None:
    _tool("ruff", "format", "--check", "--no-cache", *TARGETS)


@pytest.mark.slow
def test_mypy_strict() -> None:
    _tool("mypy")


def test_nothing_else_imports_subprocess() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "src").rglob("*.py")
        if p.name != "run.py" and ("import subprocess" in p.read_text() or "from subprocess" in p.read_text())
    ]
    assert offenders == []
