# SPDX-License-Identifier: Apache-2.0
"""Moving a config up to a newer spec version, as Ignition's ``config/v3_N/translate`` packages do.

Ignition translates every config to its newest version before merging and applying it, one version
step at a time. Most steps change nothing but ``ignition.version``: a field that the older version
lacks keeps its default. A few steps rewrite values, and this module does exactly those:

- 3.0.0 → 3.1.0: CA references become resources whose ``source`` is a pointer; 3.0's plain string
  becomes a present (possibly empty) source.
- 3.2.0 → 3.3.0: ``raid.level``, ``links[].target`` and, in a present ``clevis.custom``, ``config``
  and ``pin`` turn from plain strings into pointers, so an absent value becomes "".
- 3.3.0 → 3.4.0 and again 3.5.0 → 3.6.0: the special mode bits (setuid, setgid, sticky: 0o7000) are
  masked out of file and directory modes, since older specs did not apply them.
- 3.4.0 → 3.5.0: Ignition's translator copies only ``thumbprint`` and ``url`` of a Tang server and
  so drops ``advertisement``; we keep it on purpose (losing a user's data silently is a bug, not a
  format).

Translating down is refused. Our models cannot tell an absent struct from an empty one, so a Go
pointer struct (3.2's ``clevis.custom``) counts as present when any of its fields is set.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from nestos.ignition.spec.model import replace
from nestos.ignition.spec.schema import field_since, type_spec
from nestos.ignition.spec.types import ClevisCustom, Config, Kind
from nestos.ignition.spec.versions import NEWEST, Spec

_SPECIAL_MODE_BITS = 0o7000


def translate(config: Config, to: Spec) -> Config:
    """``config`` at version ``to``, which must not be older than the config's own version."""
    source = config.spec
    if to < source:
        raise ValueError(f"cannot translate a {source} config down to {to}")
    if to == source:
        return config
    result: Config = _prune(config, source, ref=False)
    for step in Spec:
        if source < step <= to:
            for path, fn in _STEPS.get(step, ()):
                result = _map_at(result, path, fn)
            result = replace(result, ignition=replace(result.ignition, version=str(step)))
    return result


def translate_to_newest(config: Config) -> Config:
    """``config`` at the newest version Ignition accepts (what it merges and applies)."""
    return translate(config, NEWEST)


# --- value rewrites per step -------------------------------------------------------------------

_Fn = Callable[[Any], Any]


def _empty_if_absent(value: str | None) -> str:
    return "" if value is None else value


def _mask_special_bits(mode: int | None) -> int | None:
    return None if mode is None else mode & ~_SPECIAL_MODE_BITS


def _custom_pointers(custom: ClevisCustom) -> ClevisCustom:
    if custom == ClevisCustom():
        return custom  # absent in 3.2 (a nil *Custom): stays unset
    return replace(custom, config=_empty_if_absent(custom.config), pin=_empty_if_absent(custom.pin))


_MODES: tuple[tuple[tuple[str, ...], _Fn], ...] = (
    (("storage", "files", "mode"), _mask_special_bits),
    (("storage", "directories", "mode"), _mask_special_bits),
)

# Steps keyed by the version they arrive at; a path walks attributes and maps over list entries.
_STEPS: dict[Spec, tuple[tuple[tuple[str, ...], _Fn], ...]] = {
    Spec.V3_1: ((("ignition", "security", "tls", "certificate_authorities", "source"), _empty_if_absent),),
    Spec.V3_3: (
        (("storage", "raid", "level"), _empty_if_absent),
        (("storage", "links", "target"), _empty_if_absent),
        (("storage", "luks", "clevis", "custom"), _custom_pointers),
    ),
    Spec.V3_4: _MODES,
    Spec.V3_6: _MODES,
}


def _map_at(value: Any, path: tuple[str, ...], fn: _Fn) -> Any:
    """Apply ``fn`` to the value at ``path``, mapping over every entry of the lists on the way."""
    if not path:
        return fn(value)
    if isinstance(value, tuple):
        return tuple(_map_at(item, path, fn) for item in value)
    head, rest = path[0], path[1:]
    return replace(value, **{head: _map_at(getattr(value, head), rest, fn)})


def _prune(value: Any, spec: Spec, *, ref: bool) -> Any:
    """Reset the fields that ``spec`` does not have (set on a model built by hand) to their defaults:
    the Go types of that version cannot hold them, so translation never carries them up."""
    changes: dict[str, Any] = {}
    for fs in type_spec(type(value)).fields:
        v = getattr(value, fs.attr)
        if field_since(fs, ref=ref) > spec:
            if v != fs.default:
                changes[fs.attr] = fs.default
        elif fs.kind is Kind.OBJ:
            changes[fs.attr] = _prune(v, spec, ref=fs.ref)
        elif fs.kind is Kind.OBJS:
            changes[fs.attr] = tuple(_prune(item, spec, ref=fs.ref) for item in v)
    return replace(value, **changes) if changes else value
