# SPDX-License-Identifier: Apache-2.0
from __future__ import annotations

import pytest

from nestos.core.cli import run_main
from nestos.core.errors import InvalidInputError, NestosError


def _raise(exc: BaseException) -> int:
    raise exc


def test_ok_passes_through() -> None:
    assert run_main("t", lambda: 0) == 0


def test_our_error_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_main("tool", lambda: _raise(NestosError("it broke"))) == 1
    err = capsys.readouterr().err
    assert err == "tool: it broke\n"


def test_invalid_input_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_main("tool", lambda: _raise(InvalidInputError("bad flag"))) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_debug_shows_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_main("tool", lambda: _raise(NestosError("x")), debug=True) == 1
    assert "Traceback" in capsys.readouterr().err


def test_interrupt_exits_130(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_main("tool", lambda: _raise(KeyboardInterrupt())) == 130


def test_unexpected_error_shows_traceback_and_says_bug(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_main("tool", lambda: _raise(ZeroDivisionError("boom"))) == 1
    err = capsys.readouterr().err
    assert "Traceback" in err
    assert "internal error" in err
