# SPDX-License-Identifier: Apache-2.0
"""From config text to a typed, validated :class:`~.types.Config` and a report, as the real
``config.Parse`` does it: read the version, refuse unknown ones, decode for that version, validate.

Fast path: the text is parsed by ``json.loads``; positions are computed only for configs that have
something to report.
"""

from __future__ import annotations

import json
from typing import Any, NamedTuple

from nestos.ignition.spec.decode import Decoder, json_type
from nestos.ignition.spec.model import replace
from nestos.ignition.spec.report import Entry, Report, Severity
from nestos.ignition.spec.types import Config
from nestos.ignition.spec.versions import Spec, VersionProblem, parse_version


class ParseResult(NamedTuple):
    """``config`` is set when the text was a config of a known version and decoded without type
    errors (it may still have validation errors: see ``report.fatal``). ``problem`` is set when no
    report could be made at all (empty input, unparsable or unsupported version)."""

    config: Config | None
    report: Report
    problem: VersionProblem | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None and not self.report.fatal and self.config is not None


class _GoRejects(ValueError):
    """Raised for input Python's json accepts and Go's refuses (NaN, Infinity)."""


def _reject_constant(name: str) -> Any:
    raise _GoRejects(name)


def load_json(text: str, source: str | bytes | None = None) -> tuple[Any, Report]:
    """``json.loads`` with Go's verdict: a report with one positioned error when Go refuses the text.
    ``source`` is the original input, when it was bytes: positions count its bytes, as Go does."""
    try:
        return json.loads(text, parse_constant=_reject_constant), Report()
    except (ValueError, RecursionError):
        from nestos.ignition.spec import jsontext

        problem = jsontext.find_syntax_error(text if source is None else source)
        if problem is None:
            # Valid for Go (nesting up to 10,000 levels) but too deep for json's default limit.
            return _load_deep(text), Report()
        line, col = jsontext.line_col(text if source is None else source, problem.offset)
        return None, Report([Entry(Severity.ERROR, (), problem.message, line=line, col=col)])


def _load_deep(text: str) -> Any:
    """``json.loads`` with room for Go's 10,000 levels of nesting: a thread with a big stack."""
    import sys
    import threading

    result: list[Any] = []
    limit = sys.getrecursionlimit()
    stack = threading.stack_size(512 * 1024 * 1024)
    try:
        sys.setrecursionlimit(max(limit, 25_000))
        worker = threading.Thread(target=lambda: result.append(json.loads(text)))
        worker.start()
        worker.join()
    finally:
        threading.stack_size(stack)
        sys.setrecursionlimit(limit)
    return result[0]


def read_version(data: Any) -> tuple[Spec | VersionProblem | None, Report]:
    """The spec version of a decoded document, or a report of why it has none."""
    report = Report()
    if data is None:  # Go decodes `null` into an empty struct
        data = {}
    if not isinstance(data, dict):
        report.error((), f"config must be a JSON object, found {json_type(data)}")
        return None, report
    key, ign = _get_folded(data, "ignition")
    if ign is not None and not isinstance(ign, dict):
        report.error((key,), f"expected an object, found {json_type(ign)}")
        return None, report
    vkey, version = _get_folded(ign or {}, "version")
    if version is not None and not isinstance(version, str):
        report.error((key, vkey), f"expected a string, found {json_type(version)}")
        return None, report
    return parse_version(version or ""), report


def _get_folded(obj: dict[str, Any], name: str) -> tuple[str, Any]:
    """A member by exact key, else by case-insensitive key (the last one wins, as in Go)."""
    if name in obj:
        return name, obj[name]
    found: tuple[str, Any] = (name, None)
    for k, v in obj.items():
        if k.lower() == name:
            found = (k, v)
    return found


def parse(raw: str | bytes, *, locate: bool = True) -> ParseResult:
    """Parse and validate config text. With ``locate``, report entries get line and column."""
    # Go reads invalid UTF-8 in strings as U+FFFD, and counts columns in the original bytes.
    text = raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else raw
    if not text:
        return ParseResult(None, Report(), VersionProblem.EMPTY)
    data, report = load_json(text, raw)
    if report:
        return ParseResult(None, report)
    version, report = read_version(data)
    if report:
        return ParseResult(None, report.located(raw) if locate else report)
    if isinstance(version, VersionProblem):
        return ParseResult(None, Report(), version)
    assert version is not None
    return _parse_spec(data, version, raw if locate else None)


def parse_data(data: Any, spec: Spec) -> ParseResult:
    """Decode and validate an already-loaded document (no positions)."""
    return _parse_spec(data, spec, None)


def _parse_spec(data: Any, spec: Spec, text: str | bytes | None) -> ParseResult:
    from nestos.ignition.spec.validate import validate

    decoded = Report()
    config = Decoder(spec, decoded).decode(Config, data, ())
    if config.ignition.version != spec:
        # "03.0.0" and "3.0.0-" name 3.0.0 too; keep the canonical spelling.
        config = replace(config, ignition=replace(config.ignition, version=str(spec)))
    if decoded.fatal:
        # As the real tool: a config with type errors is not validated further.
        report = decoded
        result_config = None
    else:
        report = validate(config)
        report.extend(decoded)
        result_config = config
    if text is not None:
        report = report.located(text)
    return ParseResult(result_config, report)
