# SPDX-License-Identifier: Apache-2.0
"""``ignition-validate``: output streams and exit codes, in-process and as an installed command."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from nestos.core.run import run
from nestos.ignition.validate_cli import main

VALID = '{"ignition":{"version":"3.3.0"}}'
WARN = '{"ignition":{"version":"3.3.0"},"bogus":1}'
BAD = '{"ignition":{"version":"3.3.0"},"storage":{"files":[{"path":"rel"}]}}'


def _run(tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    cfg = tmp_path / "c.ign"
    cfg.write_text(text)
    rc = main([str(cfg)])
    out, err = capsys.readouterr()
    return rc, out, err


def test_valid_prints_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(tmp_path, VALID, capsys) == (0, "", "")


def test_warnings_exit_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(tmp_path, WARN, capsys) == (0, "warning at $.bogus, line 1 col 33: Unused key bogus\n", "")


def test_errors_exit_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, err = _run(tmp_path, BAD, capsys)
    assert rc == 1
    assert out == "error at $.storage.files.0.path, line 1 col 61: path not absolute\n"
    assert err == ""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "couldn't parse config: not a config (empty)\n"),
        ("{}", "couldn't parse config: invalid config version (couldn't parse)\n"),
        ('{"ignition":{"version":"2.2.0"}}', "couldn't parse config: unsupported config version\n"),
    ],
)
def test_version_problems_go_to_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    assert _run(tmp_path, text, capsys) == (1, "", message)


def test_broken_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, _ = _run(tmp_path, '{"ignition": {"version": "3.3.0"}', capsys)
    assert rc == 1
    assert out == "error at line 0 col 0: unexpected end of JSON input\n"


def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BAD.encode())))
    assert main(["-"]) == 1
    assert "path not absolute" in capsys.readouterr().out


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "nope.ign")]) == 1
    assert capsys.readouterr().err.startswith("couldn't read config: No such file or directory")


@pytest.mark.parametrize("argv", [[], ["a", "b"], ["--bogus", "x"]])
def test_usage_errors_exit_two(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert "Usage:" in capsys.readouterr().err


def test_version_flag(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-version"]) == 0
    assert "ignition-validate" in capsys.readouterr().out


def test_installed_command(tmp_path: Path) -> None:
    exe = Path(sys.executable).parent / "ignition-validate"
    if not exe.exists():
        pytest.skip("console script not installed in this environment")
    cfg = tmp_path / "c.ign"
    cfg.write_text(BAD)
    res = run([exe, cfg], check=False)
    assert res.returncode == 1
    assert res.stdout == "error at $.storage.files.0.path, line 1 col 61: path not absolute\n"
    assert "Traceback" not in res.stderr
