# SPDX-License-Identifier: Apache-2.0
"""Validation reports: what is wrong, where in the config, and how bad.

An entry names its place as a JSON path (``$.storage.files.3.mode``); the line and column in the
source text are looked up only when a report is rendered, so validating a clean config costs no
position tracking at all.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from typing import NamedTuple

PathElem = str | int
Path = tuple[PathElem, ...]


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Entry(NamedTuple):
    """One problem. ``at_key`` places it on the object key rather than on the value (unused keys).
    ``line``/``col`` are set when the entry was rendered against its source, or directly for syntax
    errors that have an offset but no path."""

    severity: Severity
    path: Path
    message: str
    at_key: bool = False
    line: int | None = None
    col: int | None = None

    def render(self, prefix: str = "$") -> str:
        where = []
        if self.path or self.line is None:
            where.append(format_path(self.path, prefix))
        if self.line is not None:
            where.append(f"line {self.line} col {self.col}")
        return f"{self.severity} at {', '.join(where)}: {self.message}"


def format_path(path: Path, prefix: str = "$") -> str:
    """``("storage", "files", 3, "mode")`` -> ``$.storage.files.3.mode``."""
    return ".".join([prefix, *map(str, path)])


class Report:
    """An ordered list of entries; fatal when any is an error."""

    __slots__ = ("entries",)

    def __init__(self, entries: Iterable[Entry] = ()) -> None:
        self.entries: list[Entry] = list(entries)

    def __repr__(self) -> str:
        return f"Report({self.entries!r})"

    def add(self, severity: Severity, path: Path, message: str, *, at_key: bool = False) -> None:
        self.entries.append(Entry(severity, path, message, at_key))

    def error(self, path: Path, message: str) -> None:
        self.entries.append(Entry(Severity.ERROR, path, message))

    def warning(self, path: Path, message: str, *, at_key: bool = False) -> None:
        self.entries.append(Entry(Severity.WARNING, path, message, at_key))

    def extend(self, entries: Iterable[Entry]) -> None:
        self.entries.extend(entries)

    @property
    def fatal(self) -> bool:
        return any(e.severity is Severity.ERROR for e in self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __bool__(self) -> bool:
        return bool(self.entries)

    def errors(self) -> list[Entry]:
        return [e for e in self.entries if e.severity is Severity.ERROR]

    def warnings(self) -> list[Entry]:
        return [e for e in self.entries if e.severity is Severity.WARNING]

    def located(self, text: str | bytes) -> Report:
        """The same report with line and column filled in from the JSON source ``text``."""
        wanted = [e for e in self.entries if e.line is None]
        if not wanted:
            return self
        from nestos.ignition.spec import jsontext

        values = jsontext.locate_nearest(text, {e.path for e in wanted if not e.at_key})
        keys = jsontext.locate_keys(text, {e.path for e in wanted if e.at_key})
        out = []
        for e in self.entries:
            pos = None if e.line is not None else (keys if e.at_key else values).get(e.path)
            out.append(e._replace(line=pos[0], col=pos[1]) if pos else e)
        return Report(out)

    def render(self, prefix: str = "$") -> str:
        return "\n".join(e.render(prefix) for e in self.entries)
