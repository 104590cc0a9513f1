# SPDX-License-Identifier: Apache-2.0
"""Decode JSON values (as ``json.loads`` returns them) into the typed models, for one spec version.

Follows Go's ``encoding/json`` as Ignition uses it: ``null`` is the same as absent, an exact key match
wins and a case-insensitive one is accepted too, the last of duplicate keys wins. Keys that are not
fields of this spec version are reported as unused (a warning), and a case-insensitive match is both
used and reported, as the real validator does. A value of the wrong type is an error at its path;
the field then keeps its default so that decoding (and reporting) goes on.
"""

from __future__ import annotations

from typing import Any, TypeVar

from nestos.ignition.spec.report import Path, Report
from nestos.ignition.spec.schema import FieldSpec, field_since, type_spec
from nestos.ignition.spec.types import Kind
from nestos.ignition.spec.versions import Spec

T = TypeVar("T")

_INT64 = (-(2**63), 2**63 - 1)


def json_type(value: Any) -> str:
    """The JSON name of a decoded value's type, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


class Decoder:
    """Decodes one config document for ``spec``, adding problems to ``report``."""

    def __init__(self, spec: Spec, report: Report) -> None:
        self.spec = spec
        self.report = report
        self._keys: dict[tuple[type, bool], tuple[dict[str, FieldSpec], dict[str, FieldSpec]]] = {}

    def _fields(self, cls: type, ref: bool) -> tuple[dict[str, FieldSpec], dict[str, FieldSpec]]:
        """The fields of ``cls`` this spec version has, by exact and by lower-cased JSON key."""
        keys = self._keys.get((cls, ref))
        if keys is None:
            present = [fs for fs in type_spec(cls).fields if field_since(fs, ref=ref) <= self.spec]
            keys = self._keys[(cls, ref)] = (
                {fs.json: fs for fs in present},
                # Go's encoding/json falls back to a case-insensitive key match.
                {fs.json.lower(): fs for fs in present},
            )
        return keys

    def decode(self, cls: type[T], raw: Any, path: Path, *, ref: bool = False) -> T:
        if raw is None:
            return cls()
        if not isinstance(raw, dict):
            self._type_error(path, "object", raw)
            return cls()
        exact, folded = self._fields(cls, ref)
        kwargs: dict[str, Any] = {}
        for key, value in raw.items():
            fs = exact.get(key)
            if fs is None:
                fs = folded.get(key.lower())
                # A case-insensitive match is used, and still reported as unused, like the real tool.
                self.report.warning((*path, key), f"Unused key {key}", at_key=True)
            if fs is not None and value is not None:
                kwargs[fs.attr] = self._value(fs, value, (*path, key))
        return cls(**kwargs)

    def _value(self, fs: FieldSpec, value: Any, path: Path) -> Any:
        kind = fs.kind
        if kind is Kind.STR:
            return value if isinstance(value, str) else self._type_error(path, "string", value, fs.default)
        if kind is Kind.BOOL:
            return value if isinstance(value, bool) else self._type_error(path, "boolean", value, fs.default)
        if kind is Kind.INT:
            return self._int(value, path, fs.default)
        if kind is Kind.OBJ:
            assert fs.cls is not None
            return self.decode(fs.cls, value, path, ref=fs.ref)
        if not isinstance(value, list):
            return self._type_error(path, "array", value, fs.default)
        if kind is Kind.STRS:
            items = []
            for i, item in enumerate(value):
                if isinstance(item, str):
                    items.append(item)
                elif item is None:
                    items.append("")
                else:
                    self._type_error((*path, i), "string", item)
            return tuple(items)
        assert fs.cls is not None
        cls = fs.cls
        return tuple(self.decode(cls, item, (*path, i), ref=fs.ref) for i, item in enumerate(value))

    def _int(self, value: Any, path: Path, default: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return self._type_error(path, "integer", value, default)
        if isinstance(value, float) or not _INT64[0] <= value <= _INT64[1]:
            self.report.error(path, f"expected an integer, found number {value!r} (not a 64-bit integer)")
            return default
        return value

    def _type_error(self, path: Path, want: str, value: Any, default: Any = None) -> Any:
        self.report.error(path, f"expected {_article(want)}, found {json_type(value)}")
        return default


def _article(word: str) -> str:
    return ("an " if word[0] in "aeiou" else "a ") + word
