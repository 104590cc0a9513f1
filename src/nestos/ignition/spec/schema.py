# SPDX-License-Identifier: Apache-2.0
"""The field table derived once from the models in :mod:`.types`.

Parsing, serialising, merging and translating are all driven by this table, so a field is declared
in exactly one place (its dataclass) with its JSON key, kind and first spec version.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from nestos.ignition.spec.types import Kind
from nestos.ignition.spec.versions import Spec


@dataclass(frozen=True, slots=True)
class FieldSpec:
    attr: str
    json: str
    kind: Kind
    since: Spec
    cls: type | None
    omitempty: bool
    default: Any
    ref_since: Spec | None  # for Resource fields whose version differs in config/CA references
    ref: bool  # the nested Resource(s) are config or CA references


@dataclass(frozen=True, slots=True)
class TypeSpec:
    cls: type
    fields: tuple[FieldSpec, ...]
    by_json: dict[str, FieldSpec]
    by_folded: dict[str, FieldSpec]


_SPECS: dict[type, TypeSpec] = {}


def type_spec(cls: type) -> TypeSpec:
    """The ordered fields of a model class (Go field order), computed once per class."""
    ts = _SPECS.get(cls)
    if ts is None:
        ts = _SPECS[cls] = _build(cls)
    return ts


def _build(cls: type) -> TypeSpec:
    specs = []
    for f in dataclasses.fields(cls):
        m = f.metadata
        if "json" not in m:
            continue
        if f.default is not dataclasses.MISSING:
            default = f.default
        else:
            assert f.default_factory is not dataclasses.MISSING
            default = f.default_factory()
        specs.append(
            FieldSpec(
                attr=f.name,
                json=m["json"],
                kind=m["kind"],
                since=m["since"],
                cls=m["cls"],
                omitempty=m["omitempty"],
                default=default,
                ref_since=m.get("ref_since"),
                ref=m.get("ref", False),
            )
        )
    fields = tuple(specs)
    return TypeSpec(
        cls=cls,
        fields=fields,
        by_json={s.json: s for s in fields},
        # Go's encoding/json falls back to a case-insensitive key match.
        by_folded={s.json.lower(): s for s in fields},
    )


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
        return all(is_empty(s, getattr(value, s.attr)) for s in type_spec(type(value)).fields)
    return bool(value == spec.default and type(value) is type(spec.default))
