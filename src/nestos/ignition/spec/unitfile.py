# SPDX-License-Identifier: Apache-2.0
"""A systemd unit file reader with the verdicts of the one Ignition uses (go-systemd's lexer).

Ignition checks that unit and drop-in contents parse, and whether an enabled unit has an
``[Install]`` section. This reader accepts and rejects the same texts with the same messages, and
returns the (section, name, value) options it found.
"""

from __future__ import annotations

from typing import NamedTuple

LINE_MAX = 2048


class UnitSyntaxError(ValueError):
    """The contents are not a unit file; the message is the real tool's."""


class UnitOption(NamedTuple):
    section: str
    name: str
    value: str


def parse_unit(text: str) -> list[UnitOption]:
    """Parse unit-file text into options, or raise :class:`UnitSyntaxError`."""
    return _Lexer(text.encode()).run()


class _Lexer:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0
        self.options: list[UnitOption] = []

    def run(self) -> list[UnitOption]:
        section: str | None = None
        while True:
            c = self._read()
            if c is None:
                return self.options
            if c == b"[":
                section = self._section_name()
            elif c in b"#;":
                self._to_eol()
            elif section is None or c.isspace():
                # Before the first section anything but a section or comment is skipped.
                continue
            else:
                self.pos -= 1
                self._option(section)

    def _read(self) -> bytes | None:
        if self.pos >= len(self.data):
            return None
        c = self.data[self.pos : self.pos + 1]
        self.pos += 1
        return c

    def _to_eol(self) -> bytes:
        end = self.data.find(b"\n", self.pos)
        if end < 0:
            line, self.pos = self.data[self.pos :], len(self.data)
        else:
            line, self.pos = self.data[self.pos : end], end + 1
        return line.removesuffix(b"\r")

    def _section_name(self) -> str:
        end = self.data.find(b"]", self.pos)
        if end < 0:
            raise UnitSyntaxError("unable to find end of section")
        name = self.data[self.pos : end].decode(errors="replace")
        self.pos = end + 1
        garbage = self._to_eol().strip()
        if garbage:
            # go-systemd prints the previous section's name here (empty the first time).
            raise UnitSyntaxError(f"found garbage after section name : {_go_quote(garbage)}")
        return name

    def _option(self, section: str) -> None:
        start = self.pos
        while True:
            c = self._read()
            if c is None:
                raise UnitSyntaxError("EOF")
            if c in b"\r\n":
                raise UnitSyntaxError("unexpected newline encountered while parsing option name")
            if c == b"=":
                break
        name = self.data[start : self.pos - 1].decode(errors="replace").strip()
        parts: list[bytes] = []
        while True:
            at_eof = self.data.find(b"\n", self.pos) < 0
            line = self._to_eol()
            if len(line) > LINE_MAX:
                raise UnitSyntaxError(f"line too long (max {LINE_MAX} bytes)")
            if not line.strip():
                break
            parts.append(line)
            if not line.endswith(b"\\") or at_eof:
                break
            parts.append(b"\n")
        value = b"".join(parts).decode(errors="replace").strip()
        self.options.append(UnitOption(section, name, value))


def _go_quote(data: bytes) -> str:
    """Go's ``%q`` of a byte string, for the printable ASCII cases that matter here."""
    text = data.decode(errors="replace")
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t") + '"'
