# SPDX-License-Identifier: Apache-2.0
"""Merging a child config into its parent, with the rules of Ignition's ``config/merge``.

This is what ``ignition.config.merge`` does at boot: the fetched child config is laid over the config
that referenced it. The walk is generic, driven by the field table of :mod:`.schema`; what is
particular to a model class is only data mirroring the Go types' ``Key()``, ``MergedKeys()`` and
``IgnoreDuplicates()`` methods:

- an object is merged field by field;
- a pointer field (``X | None``) takes the child's value unless the child's is ``None``;
- a plain value field (Go ``string``/``int``: ``ignition.version``, ``partitions[].number``, every
  list key) always takes the child's value, even when it is empty;
- a list named in ``IgnoreDuplicates`` is the parent's entries followed by the child's;
- any other list is merged by key: each parent entry stays in place, merged with the child entry of
  the same key (the last one, if the child repeats a key) or, for ``httpHeaders``, dropped when that
  child header has no value; then the child's entries whose key the parent's list lacks are appended
  in the child's order. Lists of strings are keyed by the string itself, so they are deduplicated
  against the parent;
- lists that share a key space (files, directories and links by path; the two kernel argument
  lists) are merged together: a parent entry whose key the child uses in a sibling list is dropped,
  and the child's entry lands in its own list.

The semantics are those of the Go types of the configs' own version: before 3.3.0 ``raid.level``
and ``links[].target`` were plain strings, and ``luks[].clevis`` and ``clevis.custom`` were pointers
to structs that a child replaces whole. Ignition itself translates every config to the newest
version before merging, so :func:`render` does the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from nestos.ignition.spec.model import replace as replace_fields
from nestos.ignition.spec.schema import FieldSpec, is_empty, type_spec
from nestos.ignition.spec.translate import translate_to_newest
from nestos.ignition.spec.types import (
    Clevis,
    Config,
    Directory,
    Disk,
    Dropin,
    File,
    Filesystem,
    HTTPHeader,
    KernelArguments,
    Kind,
    Link,
    Luks,
    Partition,
    PasswdGroup,
    PasswdUser,
    Raid,
    Resource,
    Storage,
    Tang,
    Unit,
)
from nestos.ignition.spec.versions import Spec

T = TypeVar("T")

# Go's Key() methods: the field an entry of a keyed list is identified by (Partition is special).
_KEY_ATTR: dict[type, str] = {
    Directory: "path",
    Disk: "device",
    Dropin: "name",
    File: "path",
    Filesystem: "device",
    HTTPHeader: "name",
    Link: "path",
    Luks: "name",
    PasswdGroup: "name",
    PasswdUser: "name",
    Raid: "name",
    Tang: "url",
    Unit: "name",
}

# Go's IgnoreDuplicates(): lists that are simply appended (arguments to mkfs, mdadm, cryptsetup and
# the pieces appended to a file). Luks.openOptions is not among them: it is deduplicated by value.
_IGNORE_DUPS: dict[type, frozenset[str]] = {
    File: frozenset({"append"}),
    Filesystem: frozenset({"mount_options", "options"}),
    Luks: frozenset({"options"}),
    Raid: frozenset({"options"}),
}

# Go's MergedKeys(): lists of one object that share a key space, by handle.
_MERGED_KEYS: dict[type, dict[str, str]] = {
    KernelArguments: {"should_exist": "KernelArgument", "should_not_exist": "KernelArgument"},
    Storage: {"directories": "Node", "files": "Node", "links": "Node"},
}

# Fields whose Go type differs from the newest one, up to (not including) the version that changed it.
_VALUE_UNTIL: dict[tuple[type, str], Spec] = {
    (Link, "target"): Spec.V3_3,
    (Raid, "level"): Spec.V3_3,
}
_POINTER_STRUCT_UNTIL: dict[tuple[type, str], Spec] = {
    (Clevis, "custom"): Spec.V3_3,
    (Luks, "clevis"): Spec.V3_3,
}


def key(item: Any) -> str:
    """The identity of a list entry when merging: Go's ``Key()``, or a string list's own value."""
    if isinstance(item, str):
        return item
    if isinstance(item, Partition):
        if item.number != 0:
            return f"number:{item.number}"
        if item.label is not None:
            return f"label:{item.label}"
        return ""
    if isinstance(item, Resource):
        return item.source or ""
    return str(getattr(item, _KEY_ATTR[type(item)]))


def merge(parent: Config, child: Config) -> Config:
    """Lay ``child`` over ``parent``. Both must be of the same spec version (translate first).

    Configs are not validated here; as in Ignition, two valid configs can merge into an invalid one.
    """
    if parent.spec != child.spec:
        raise ValueError(
            f"cannot merge a {child.ignition.version} config into a {parent.ignition.version} config; "
            "translate both to one version first"
        )
    return _merge_obj(parent, child, parent.spec)


def merge_all(configs: Iterable[Config]) -> Config:
    """Merge configs in order, each one a child of the result so far: ``merge(merge(a, b), c)``."""
    it = iter(configs)
    try:
        result = next(it)
    except StopIteration:
        raise ValueError("no configs to merge") from None
    for child in it:
        result = merge(result, child)
    return result


def replace(parent: Config, child: Config) -> Config:
    """``ignition.config.replace``: the referenced config takes the place of the one that referenced it.

    Nothing of the parent survives (its merge list, its timeouts); only the version must agree, as it
    would after Ignition has translated both to its newest version.
    """
    if parent.spec != child.spec:
        raise ValueError(
            f"cannot replace a {parent.ignition.version} config with a {child.ignition.version} config; "
            "translate both to one version first"
        )
    return child


def render(config: Config, fetch: Callable[[Resource], Config]) -> Config:
    """Resolve ``ignition.config.replace`` and ``ignition.config.merge`` as Ignition does at boot.

    ``fetch`` returns the parsed config a reference points to (any version; the caller does the I/O
    and checks ``verification``). Every config is translated to the newest version first. A config
    with a ``replace`` source is replaced by the rendered referenced config; otherwise each ``merge``
    reference is rendered (depth first) and merged into the result, in order.
    """
    config = translate_to_newest(config)
    if config.ignition.config.replace.source is not None:
        return render(replace(config, translate_to_newest(fetch(config.ignition.config.replace))), fetch)
    result = config
    for ref in config.ignition.config.merge:
        result = merge(result, render(fetch(ref), fetch))
    return result


# --- the generic walk ----------------------------------------------------------------------------


def _merge_obj(parent: T, child: T, spec: Spec) -> T:
    cls = type(parent)
    ts = type_spec(cls)
    ignored = _IGNORE_DUPS.get(cls, frozenset())
    handles = _MERGED_KEYS.get(cls, {})
    index = _child_index(child, ts.fields, ignored, handles)
    changes: dict[str, Any] = {}
    for fs in ts.fields:
        p, c = getattr(parent, fs.attr), getattr(child, fs.attr)
        if fs.kind is Kind.OBJ:
            if _older(_POINTER_STRUCT_UNTIL, cls, fs.attr, spec):
                changes[fs.attr] = p if is_empty(fs, c) else c
            else:
                changes[fs.attr] = _merge_obj(p, c, spec)
        elif fs.kind in (Kind.OBJS, Kind.STRS):
            if fs.attr in ignored:
                changes[fs.attr] = p + c
            else:
                changes[fs.attr] = _merge_keyed(
                    fs, p, c, index, handle=handles.get(fs.attr, fs.attr), spec=spec
                )
        elif _is_pointer(fs) and not _older(_VALUE_UNTIL, cls, fs.attr, spec):
            changes[fs.attr] = p if c is None else c
        else:
            changes[fs.attr] = c
    return replace_fields(parent, **changes)


# (handle, key) -> (list attribute, entry) for the child's entries; the last entry of a key wins.
_Index = dict[tuple[str, str], tuple[str, Any]]


def _child_index(
    child: Any, fields: tuple[FieldSpec, ...], ignored: frozenset[str], handles: dict[str, str]
) -> _Index:
    index: _Index = {}
    for fs in fields:
        if fs.kind not in (Kind.OBJS, Kind.STRS) or fs.attr in ignored:
            continue
        handle = handles.get(fs.attr, fs.attr)
        for item in getattr(child, fs.attr):
            index[handle, key(item)] = (fs.attr, item)
    return index


def _merge_keyed(
    fs: FieldSpec,
    parent: tuple[Any, ...],
    child: tuple[Any, ...],
    index: _Index,
    *,
    handle: str,
    spec: Spec,
) -> tuple[Any, ...]:
    result = []
    for item in parent:
        hit = index.get((handle, key(item)))
        if hit is None:
            result.append(item)
            continue
        where, match = hit
        if where != fs.attr:
            continue  # the child has this key in a sibling list: that entry replaces this one
        if fs.kind is Kind.STRS:
            result.append(match)
        elif isinstance(match, HTTPHeader) and match.value is None:
            continue  # a child header without a value deletes the parent's header
        else:
            result.append(_merge_obj(item, match, spec))
    parent_keys = {key(item) for item in parent}
    result.extend(item for item in child if key(item) not in parent_keys)
    return tuple(result)


def _older(table: dict[tuple[type, str], Spec], cls: type, attr: str, spec: Spec) -> bool:
    until = table.get((cls, attr))
    return until is not None and spec < until


def _is_pointer(fs: FieldSpec) -> bool:
    """A Go pointer is modelled as ``X | None`` with ``None`` as default; a Go value has "" or 0."""
    return fs.default is None
