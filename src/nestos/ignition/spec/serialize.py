# SPDX-License-Identifier: Apache-2.0
"""Typed config back to JSON, as Ignition and Butane write it: Go field order, empty values omitted
(``omitempty`` with coreos/go-json semantics, where an all-empty struct is empty too), and only the
fields of the config's own spec version."""

from __future__ import annotations

import json
from typing import Any

from nestos.ignition.spec.schema import field_since, is_empty, type_spec
from nestos.ignition.spec.types import Config, Kind
from nestos.ignition.spec.versions import Spec


def to_dict(config: Config) -> dict[str, Any]:
    """The JSON object for ``config`` at its own version ``config.ignition.version``."""
    return _obj(config, Spec(config.ignition.version), ref=False)


def to_json(config: Config, *, pretty: bool = False) -> str:
    """Compact JSON by default, 2-space indented with ``pretty``."""
    data = to_dict(config)
    if pretty:
        return json.dumps(data, indent=2, ensure_ascii=False)
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


def _obj(value: Any, spec: Spec, *, ref: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for fs in type_spec(type(value)).fields:
        if field_since(fs, ref=ref) > spec:
            continue
        v = getattr(value, fs.attr)
        if fs.omitempty and is_empty(fs, v):
            continue
        if fs.kind is Kind.OBJ:
            out[fs.json] = _obj(v, spec, ref=fs.ref)
        elif fs.kind is Kind.OBJS:
            out[fs.json] = [_obj(item, spec, ref=fs.ref) for item in v]
        elif fs.kind is Kind.STRS:
            out[fs.json] = list(v)
        else:
            out[fs.json] = v
    return out
