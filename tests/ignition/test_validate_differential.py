# SPDX-License-Identifier: Apache-2.0
"""Our ``ignition-validate`` against the real one (Debian's Ignition 2.14, spec 3.0.0 to 3.3.0).

Every case of :func:`tests.ignition.configgen.corpus` is validated by both tools, for every spec
version both support. The verdict (exit code, and the ``couldn't parse config`` reason) and the set of
``(severity, JSON path)`` pairs of the report must be the same; stricter tests compare the line and
column of the entries both tools place, and the messages and their order. Ours runs in-process
through ``main()``.

Comparison rules, for deliberate differences in the output format:

- JSON type errors: Go prints one path-less ``error at line L col C: json: cannot unmarshal ...`` for
  the first type error only; we report every type error at its JSON path. For these cases only the
  verdict is compared, and that we report at least one error.
- Go's ``context tree does not match content tree`` warning (its position lookup failing, e.g. on a
  ``null`` object) is an artefact of its implementation and ignored.

Positions are compared as printed, Go's ``line 0 col 0`` (no position, for some JSON syntax errors)
included: lines count ``\n``, columns count bytes from 1, as in Go.

Anything else is listed in ``KNOWN_DIFFERENCES`` with the reason, and expected to fail (strictly, so
an entry that starts passing must be removed).
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from nestos.core.run import run
from tests.ignition.configcorpus import STABLE_VERSIONS, base_config, corpus
from tests.ignition.configgen import big_config

GO_VALIDATE = Path("/usr/bin/ignition-validate")

# Case name -> why our verdict differs on purpose. Keep it short: a difference not listed here is a bug
# in ours until shown otherwise.
KNOWN_DIFFERENCES = {
    # Ignition 2.14 knows 3.4.0-experimental as its experimental spec and no 3.4.0; we implement the
    # later releases, where 3.4.0 is stable and the experimental spec is 3.7.0-experimental.
    "version-3.4.0-experimental": "Ignition 2.14's experimental spec is not ours",
    "version-3.4.0": "3.4.0 is newer than Ignition 2.14",
}

_LINE = re.compile(
    r"^(?P<severity>error|warning|info) at "
    r"(?:(?P<path>\$.*?)(?:, |(?=: ))|(?=line ))"
    r"(?:line (?P<line>-?\d+) col (?P<col>-?\d+))?: (?P<message>.*)$"
)
_PROBLEM = "couldn't parse config: "
_CONTEXT_TREE = "context tree does not match content tree"


@dataclass(frozen=True)
class Line:
    """One report line. ``severity`` is ``"unparsed"`` for output that is not a report line."""

    severity: str
    path: str | None
    line: int | None
    col: int | None
    message: str


@dataclass(frozen=True)
class Outcome:
    """What a validator run left behind, parsed."""

    rc: int
    lines: tuple[Line, ...]
    problem: str | None
    stdout: str
    stderr: str

    @classmethod
    def parse(cls, rc: int, stdout: str, stderr: str) -> Outcome:
        lines = tuple(_parse_line(s) for s in stdout.splitlines() if s.strip())
        problems = [s.removeprefix(_PROBLEM) for s in stderr.splitlines() if s.startswith(_PROBLEM)]
        return cls(rc, lines, problems[0] if problems else None, stdout, stderr)

    @property
    def unmarshal(self) -> bool:
        return any("cannot unmarshal" in ln.message for ln in self.lines)

    @property
    def entries(self) -> list[Line]:
        return [ln for ln in self.lines if not ln.message.startswith(_CONTEXT_TREE)]

    def verdict(self) -> dict[str, object]:
        """What must be equal, as a dict so that pytest shows a readable diff."""
        return {
            "rc": self.rc,
            "problem": self.problem,
            "entries": sorted({(ln.severity, ln.path or "") for ln in self.entries}),
        }

    def positions(self) -> set[tuple[str, str, int, int]]:
        return {
            (ln.severity, ln.path or "", ln.line, ln.col)
            for ln in self.entries
            if ln.line is not None and ln.col is not None
        }

    def show(self) -> str:
        return f"rc={self.rc}\n{self.stdout}{self.stderr}"


def _parse_line(text: str) -> Line:
    m = _LINE.match(text)
    if m is None:
        return Line("unparsed", None, None, None, text)
    line, col = m.group("line"), m.group("col")
    return Line(
        m.group("severity"),
        m.group("path"),
        int(line) if line is not None else None,
        int(col) if col is not None else None,
        m.group("message"),
    )


def _go_tool_usable() -> bool:
    if not GO_VALIDATE.is_file():
        return False
    probe = run([GO_VALIDATE, "-version"], check=False, timeout=30)
    return probe.returncode == 0 and "Ignition" in probe.stdout + probe.stderr


@pytest.fixture(scope="module")
def go() -> None:
    """Skip unless Debian's Ignition validator is installed (by absolute path: our console script of
    the same name may come first on PATH)."""
    if not _go_tool_usable():
        pytest.skip(f"{GO_VALIDATE} (Debian package ignition) is not installed")


@functools.cache
def run_go(text: str) -> Outcome:
    done = run([GO_VALIDATE, "-"], input=text.encode(), check=False, timeout=60)
    return Outcome.parse(done.returncode, done.stdout, done.stderr)


def run_ours(text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Outcome:
    from nestos.ignition.validate_cli import main

    config = tmp_path / "config.ign"
    config.write_bytes(text.encode())
    capsys.readouterr()
    rc = main([str(config)])
    out, err = capsys.readouterr()
    if "Traceback" in err:
        pytest.fail(f"our ignition-validate crashed:\n{err}", pytrace=False)
    return Outcome.parse(rc, out, err)


def _cases() -> list[object]:
    params: list[object] = []
    for version in STABLE_VERSIONS:
        for name, text in corpus(version):
            marks = []
            if name in KNOWN_DIFFERENCES:
                marks.append(pytest.mark.xfail(reason=KNOWN_DIFFERENCES[name], strict=True))
            params.append(pytest.param(name, text, id=f"{version}-{name}", marks=marks))
    return params


CASES = _cases()


@pytest.mark.usefixtures("go")
@pytest.mark.parametrize(("name", "text"), CASES)
def test_same_verdict_and_paths(
    name: str, text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    theirs = run_go(text)
    ours = run_ours(text, tmp_path, capsys)
    context = f"case {name}\n--- ignition-validate 2.14:\n{theirs.show()}\n--- ours:\n{ours.show()}"
    if theirs.unmarshal:
        # Go stops at the first type error and prints it without a path; we report them all.
        assert (ours.rc, ours.problem) == (theirs.rc, theirs.problem), context
        assert any(ln.severity == "error" for ln in ours.lines), context
        return
    assert ours.verdict() == theirs.verdict(), context


@pytest.mark.usefixtures("go")
@pytest.mark.parametrize(("name", "text"), CASES)
def test_same_positions(name: str, text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Stricter: the entries both tools report (same severity and path) are at the same line and
    column. Compares only what both placed, so verdict differences show up in the test above."""
    if name in KNOWN_DIFFERENCES:
        pytest.skip(KNOWN_DIFFERENCES[name])
    theirs = run_go(text)
    if theirs.unmarshal:
        pytest.skip("Go reports type errors without a path")
    ours = run_ours(text, tmp_path, capsys)
    theirs_at, ours_at = theirs.positions(), ours.positions()
    both = {p[:2] for p in theirs_at} & {p[:2] for p in ours_at}
    if not both:
        pytest.skip("no positioned entry in common")
    assert sorted(p for p in ours_at if p[:2] in both) == sorted(p for p in theirs_at if p[:2] in both), (
        f"case {name}\n--- ignition-validate 2.14:\n{theirs.show()}\n--- ours:\n{ours.show()}"
    )


# Ignition 2.14 honoured special mode bits from its 3.4.0-experimental; newer releases only from 3.6.0,
# and say so. The rest of the message is the same.
_SPECIAL_BITS_214 = "setuid/setgid/sticky bits are not supported in spec versions older than 3.4.0"
_SPECIAL_BITS = "setuid/setgid/sticky bits are not supported in spec versions older than 3.6.0"


def _messages(outcome: Outcome) -> tuple[list[tuple[str, str, str]], set[tuple[str, str, str]]]:
    """The report as (severity, path, message): ordered, and the unused-key warnings apart (Go
    prints those of one object in random map order)."""
    ordered, unused = [], set()
    for ln in outcome.entries:
        entry = (ln.severity, ln.path or "", ln.message.replace(_SPECIAL_BITS_214, _SPECIAL_BITS))
        if ln.message.startswith("Unused key "):
            unused.add(entry)
        else:
            ordered.append(entry)
    return ordered, unused


@pytest.mark.usefixtures("go")
@pytest.mark.parametrize(("name", "text"), CASES)
def test_same_messages_in_same_order(
    name: str, text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Strictest: the same messages, in the same order (type errors aside, see above)."""
    if name in KNOWN_DIFFERENCES:
        pytest.skip(KNOWN_DIFFERENCES[name])
    theirs = run_go(text)
    if theirs.unmarshal:
        pytest.skip("Go reports type errors without a path")
    ours = run_ours(text, tmp_path, capsys)
    assert _messages(ours) == _messages(theirs), (
        f"case {name}\n--- ignition-validate 2.14:\n{theirs.show()}\n--- ours:\n{ours.show()}"
    )


@pytest.mark.usefixtures("go")
@pytest.mark.parametrize("version", STABLE_VERSIONS)
def test_corpus_base_is_valid(version: str) -> None:
    """The corpus mutates a config the real tool accepts without a word."""
    theirs = run_go(json.dumps(base_config(version)))
    assert (theirs.rc, theirs.stdout, theirs.stderr) == (0, "", "")


@pytest.mark.usefixtures("go")
@pytest.mark.parametrize("version", STABLE_VERSIONS)
def test_big_config_is_valid(version: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The benchmark's input is ~320 KB and valid for both tools, without warnings."""
    text = json.dumps(big_config(version))
    assert 300_000 <= len(text) <= 350_000
    theirs = run_go(text)
    assert (theirs.rc, theirs.stdout, theirs.stderr) == (0, "", "")
    ours = run_ours(text, tmp_path, capsys)
    assert (ours.rc, ours.stdout, ours.stderr) == (0, "", "")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "error at $.storage.files.0.path, line 82 col 17: path not absolute",
            Line("error", "$.storage.files.0.path", 82, 17, "path not absolute"),
        ),
        (
            "error at line 0 col 0: unexpected end of JSON input",
            Line("error", None, 0, 0, "unexpected end of JSON input"),
        ),
        ("warning at $.a: Unused key a", Line("warning", "$.a", None, None, "Unused key a")),
        (
            "Traceback (most recent call last):",
            Line("unparsed", None, None, None, "Traceback (most recent call last):"),
        ),
    ],
)
def test_report_line_parser(text: str, expected: Line) -> None:
    assert _parse_line(text) == expected
