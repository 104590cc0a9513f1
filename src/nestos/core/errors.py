# SPDX-License-Identifier: Apache-2.0
"""The error hierarchy and the exit codes every nestos tool returns.

Library code raises these; only a CLI's ``main()`` turns them into one line on stderr and an exit
code (see :mod:`nestos.core.cli`). A handful of classes, each mapped to one documented exit code.
"""

from __future__ import annotations

import enum


class ExitCode(enum.IntEnum):
    """Documented exit codes, shared by all tools."""

    OK = 0
    FAILURE = 1
    INVALID = 2
    INTERRUPTED = 130


class NestosError(Exception):
    """Base of every error nestos raises on purpose. Exits with 1."""

    exit_code: ExitCode = ExitCode.FAILURE


class InvalidInputError(NestosError):
    """The user gave us something we cannot accept: a bad config, flag or argument. Exits with 2."""

    exit_code = ExitCode.INVALID


class CommandError(NestosError):
    """An external program failed. The message can be pasted into a shell to reproduce it."""

    def __init__(self, argv: list[str], returncode: int, stderr: str = "") -> None:
        import shlex

        self.argv = argv
        self.returncode = returncode
        self.stderr = stderr
        detail = stderr.strip()
        message = f"{shlex.join(argv)}: exited with status {returncode}"
        if detail:
            message += f": {detail}"
        super().__init__(message)


class FetchError(NestosError):
    """A resource could not be fetched or did not verify."""


class LockedError(NestosError):
    """Another transaction holds the lock we need."""
