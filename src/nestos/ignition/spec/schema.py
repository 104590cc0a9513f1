# SPDX-License-Identifier: Apache-2.0
"""The field table of the models in :mod:`.types`, looked up by class.

Parsing, serialising, merging, translating and validating are all driven by this table, so a field
is declared in exactly one place (its model class) with its JSON key, kind and first spec version.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from nestos.ignition.spec.model import FieldSpec as FieldSpec
from nestos.ignition.spec.model import Kind, fields
from nestos.ignition.spec.versions import Spec


class TypeSpec(NamedTuple):
    cls: type
    fields: tuple[FieldSpec, ...]
    by_json: dict[str, FieldSpec]
    by_folded: dict[str, FieldSpec]


_SPECS: dict[type, TypeSpec] = {}


def type_spec(cls: type) -> TypeSpec:
    """The ordered fields of a model class (Go field order), with lookups by JSON key."""
    ts = _SPECS.get(cls)
    if ts is None:
        fs = fields(cls)
        ts = _SPECS[cls] = TypeSpec(
            cls=cls,
            fields=fs,
            by_json={s.json: s for s in fs},
            # Go's encoding/json falls back to a case-insensitive key match.
            by_folded={s.json.lower(): s for s in fs},
        )
    return ts


def field_since(spec: FieldSpec, *, ref: bool) -> Spec:
    """First version that has this field, in a config/CA reference or elsewhere."""
    if ref and spec.ref_since is not None:
        return spec.ref_since
    return spec.since


def is_empty(spec: FieldSpec, value: Any) -> bool:
    """Go's (coreos/go-json) ``omitempty`` test: a nil pointer, "", 0, an empty list, or a struct
    whose fields are all empty. A pointer to a zero value (``mode: 0``, ``overwrite: false``) is not
    empty."""
    if spec.kind is Kind.OBJ:
        return all(is_empty(s, getattr(value, s.attr)) for s in fields(value))
    return bool(value == spec.default and type(value) is type(spec.default))
