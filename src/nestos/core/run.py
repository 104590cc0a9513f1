# SPDX-License-Identifier: Apache-2.0
"""The one place that runs external programs.

argv lists only (never a shell string), ``os.fspath`` on every argument, stdin from /dev/null unless
input is given, a minimal explicit environment, the command logged as ``+ shlex.join(argv)`` at
debug level, and one :class:`~nestos.core.errors.CommandError` on failure.
"""

from __future__ import annotations

import logging
import os
import shlex
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from nestos.core.errors import CommandError

LOG = logging.getLogger(__name__)

# Passed through from our own environment; everything else must be asked for explicitly.
_INHERITED = ("PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR", "TERM")

Arg = str | os.PathLike[str]


@dataclass(frozen=True)
class Completed:
    """What a finished program left behind."""

    argv: list[str]
    returncode: int
    stdout: str
    stderr: str


def minimal_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment a child gets: a few inherited variables plus ``extra``."""
    env = {k: v for k in _INHERITED if (v := os.environ.get(k)) is not None}
    env.setdefault("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
    env.setdefault("LANG", "C.UTF-8")
    if extra:
        env.update(extra)
    return env


def run(
    argv: Sequence[Arg],
    *,
    check: bool = True,
    input: str | bytes | None = None,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float | None = None,
    capture: bool = True,
) -> Completed:
    """Run ``argv`` and wait for it.

    Output is captured and decoded as UTF-8 (undecodable bytes replaced). With ``check`` (the
    default) a non-zero exit raises :class:`CommandError` carrying the command and its stderr.
    """
    args = [os.fspath(a) for a in argv]
    LOG.debug("+ %s", shlex.join(args))
    data = input.encode() if isinstance(input, str) else input
    try:
        proc = subprocess.run(
            args,
            input=data,
            stdin=None if data is not None else subprocess.DEVNULL,
            stdout=subprocess.PIPE if capture else None,
            stderr=subprocess.PIPE if capture else None,
            env=minimal_env(env),
            cwd=cwd,
            timeout=timeout,
            check=False,
        )
    except FileNotFoundError as e:
        raise CommandError(args, 127, f"{args[0]}: command not found") from e
    except subprocess.TimeoutExpired as e:
        raise CommandError(args, -1, f"timed out after {timeout}s") from e
    out = proc.stdout.decode(errors="replace") if proc.stdout is not None else ""
    err = proc.stderr.decode(errors="replace") if proc.stderr is not None else ""
    if check and proc.returncode != 0:
        raise CommandError(args, proc.returncode, err)
    return Completed(args, proc.returncode, out, err)
