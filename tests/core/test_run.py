# SPDX-License-Identifier: Apache-2.0
from __future__ import annotations

import logging
from pathlib import Path

import pytest

from nestos.core.errors import CommandError, ExitCode, InvalidInputError, NestosError
from nestos.core.run import minimal_env, run


def test_run_captures_output_and_logs_command(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="nestos.core.run"):
        res = run(["sh", "-c", 'printf "%s" "$1"; printf err >&2', "sh", "hello world"])
    assert res.stdout == "hello world"
    assert res.stderr == "err"
    assert res.returncode == 0
    assert "+ sh -c" in caplog.text
    assert "'hello world'" in caplog.text


def test_run_failure_message_is_pasteable() -> None:
    with pytest.raises(CommandError) as info:
        run(["sh", "-c", "echo boom >&2; exit 3", "my arg"])
    err = info.value
    assert err.returncode == 3
    assert str(err) == "sh -c 'echo boom >&2; exit 3' 'my arg': exited with status 3: boom"
    assert err.exit_code is ExitCode.FAILURE


def test_run_check_false_returns_status() -> None:
    assert run(["false"], check=False).returncode == 1


def test_run_stdin_is_devnull_unless_input_given() -> None:
    assert run(["cat"]).stdout == ""
    assert run(["cat"], input="data").stdout == "data"


def test_run_missing_program() -> None:
    with pytest.raises(CommandError, match="command not found") as info:
        run(["/nonexistent/program"])
    assert info.value.returncode == 127


def test_run_accepts_paths(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    assert run(["cat", tmp_path / "f"]).stdout == "x"


def test_run_timeout() -> None:
    with pytest.raises(CommandError, match="timed out"):
        run(["sleep", "5"], timeout=0.2)


def test_minimal_env_is_explicit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SECRET_TOKEN", "x")
    env = minimal_env({"EXTRA": "1"})
    assert "SECRET_TOKEN" not in env
    assert env["EXTRA"] == "1"
    assert "PATH" in env
    assert run(["sh", "-c", "echo ${SECRET_TOKEN:-unset}"]).stdout.strip() == "unset"


def test_error_exit_codes() -> None:
    assert NestosError("x").exit_code == 1
    assert InvalidInputError("x").exit_code == 2
    assert int(ExitCode.INTERRUPTED) == 130
