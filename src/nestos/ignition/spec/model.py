# SPDX-License-Identifier: Apache-2.0
"""A small, fast replacement for ``@dataclass`` for the config models.

``ignition`` and ``ignition-validate`` run at boot, so import time counts: ``dataclasses`` compiles
generated methods with ``exec`` for every class (about 0.5 ms each, 35 classes here), while this
decorator only records the fields and installs shared generic methods. Classes are frozen, keyword
only, slotted, compare by value and hash; ``typing.dataclass_transform`` tells type checkers so.

Each field is declared with a :class:`FieldSpec` (made by the helpers in :mod:`.types`) that carries
its JSON key, kind, first spec version and default; the decorator fills in the attribute name.
"""

from __future__ import annotations

import enum
from typing import Any, TypeVar, dataclass_transform

from nestos.ignition.spec.versions import Spec

T = TypeVar("T")


class Kind(enum.Enum):
    """How a field's JSON value is decoded."""

    STR = "string"
    INT = "int"
    BOOL = "bool"
    OBJ = "object"
    STRS = "list of strings"
    OBJS = "list of objects"


class FieldSpec:
    """One field of a model: Python attribute, JSON key, kind, versions, default."""

    __slots__ = ("attr", "cls", "default", "json", "kind", "omitempty", "ref", "ref_since", "since")

    def __init__(
        self,
        json: str,
        kind: Kind,
        default: Any,
        since: Spec,
        cls: type | None = None,
        *,
        omitempty: bool = True,
        ref: bool = False,
        ref_since: Spec | None = None,
    ) -> None:
        self.attr = ""
        self.json = json
        self.kind = kind
        # For a nested model the default is its (shared, immutable) empty instance, set by @model.
        self.default = default
        self.since = since
        self.cls = cls
        self.omitempty = omitempty
        # ``ref``: the nested Resource(s) are config or CA references, where some fields start later
        # (``ref_since``): in 3.0 only file contents had ``compression``.
        self.ref = ref
        self.ref_since = ref_since

    def __repr__(self) -> str:
        return f"FieldSpec({self.attr!r}, json={self.json!r}, kind={self.kind.name}, since={self.since})"


def _init(self: Any, **kwargs: Any) -> None:
    setter = object.__setattr__
    if not kwargs:
        for f in self.__model_fields__:
            setter(self, f.attr, f.default)
        return
    for f in self.__model_fields__:
        setter(self, f.attr, kwargs.pop(f.attr, f.default) if kwargs else f.default)
    if kwargs:
        raise TypeError(f"{type(self).__name__}() got unexpected keyword arguments: {', '.join(kwargs)}")


def _values(self: Any) -> tuple[Any, ...]:
    return tuple(getattr(self, f.attr) for f in self.__model_fields__)


def _eq(self: Any, other: object) -> Any:  # bool, or NotImplemented
    if other.__class__ is not self.__class__:
        return NotImplemented
    return bool(_values(self) == _values(other))


def _hash(self: Any) -> int:
    return hash((self.__class__.__name__, _values(self)))


def _repr(self: Any) -> str:
    args = ", ".join(f"{f.attr}={getattr(self, f.attr)!r}" for f in self.__model_fields__)
    return f"{type(self).__name__}({args})"


def _frozen(self: Any, name: str, value: Any) -> None:
    raise AttributeError(f"cannot assign to field {name!r}: {type(self).__name__} is frozen")


def _delete(self: Any, name: str) -> None:
    raise AttributeError(f"cannot delete field {name!r}: {type(self).__name__} is frozen")


@dataclass_transform(kw_only_default=True, frozen_default=True)
def model(cls: type[T]) -> type[T]:
    """Make ``cls`` a frozen, keyword-only, slotted value class from its :class:`FieldSpec` attributes."""
    specs: list[FieldSpec] = []
    namespace: dict[str, Any] = {}
    for name, value in cls.__dict__.items():
        if isinstance(value, FieldSpec):
            value.attr = name
            if value.kind is Kind.OBJ:
                # Nested models are declared first (Go order), so the class is complete here.
                assert value.cls is not None, name
                assert hasattr(value.cls, "__model_fields__"), name
                value.default = value.cls()
            specs.append(value)
        elif name not in ("__dict__", "__weakref__"):
            namespace[name] = value
    namespace.update(
        __slots__=tuple(s.attr for s in specs),
        __model_fields__=tuple(specs),
        __init__=_init,
        __eq__=_eq,
        __hash__=_hash,
        __repr__=_repr,
        __setattr__=_frozen,
        __delattr__=_delete,
        __match_args__=tuple(s.attr for s in specs),
    )
    return type(cls.__name__, cls.__bases__, namespace)


def fields(cls_or_obj: Any) -> tuple[FieldSpec, ...]:
    """The fields of a model class or instance, in declaration (Go) order."""
    fs: tuple[FieldSpec, ...] = cls_or_obj.__model_fields__
    return fs


def is_model(obj: Any) -> bool:
    return hasattr(obj, "__model_fields__")


def replace(obj: T, **changes: Any) -> T:
    """A copy of ``obj`` with some fields changed (like ``dataclasses.replace``)."""
    values = {f.attr: getattr(obj, f.attr) for f in fields(obj)}
    values.update(changes)
    new: T = type(obj)(**values)
    return new
