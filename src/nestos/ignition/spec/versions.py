# SPDX-License-Identifier: Apache-2.0
"""The Ignition config spec versions we know, in order.

Each Ignition release accepts every stable 3.x version and only the newest ``-experimental`` one;
spec 2.x belongs to Ignition 0.x and is never accepted.
"""

from __future__ import annotations

import enum
import re


class Spec(enum.StrEnum):
    """A config spec version, as written in ``ignition.version``."""

    V3_0 = "3.0.0"
    V3_1 = "3.1.0"
    V3_2 = "3.2.0"
    V3_3 = "3.3.0"
    V3_4 = "3.4.0"
    V3_5 = "3.5.0"
    V3_6 = "3.6.0"
    V3_7_EXP = "3.7.0-experimental"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @property
    def experimental(self) -> bool:
        return self.endswith("-experimental")

    def __ge__(self, other: str) -> bool:
        if isinstance(other, Spec):
            return self.rank >= other.rank
        return NotImplemented

    def __gt__(self, other: str) -> bool:
        if isinstance(other, Spec):
            return self.rank > other.rank
        return NotImplemented

    def __le__(self, other: str) -> bool:
        if isinstance(other, Spec):
            return self.rank <= other.rank
        return NotImplemented

    def __lt__(self, other: str) -> bool:
        if isinstance(other, Spec):
            return self.rank < other.rank
        return NotImplemented


_RANK = {v: i for i, v in enumerate(Spec)}

NEWEST = Spec.V3_7_EXP
NEWEST_STABLE = Spec.V3_6

_IDENTIFIERS = re.compile(r"^[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*$")
_INT = re.compile(r"^[+-]?[0-9]+$")


def _semver(text: str) -> tuple[int, int, int, str, str] | None:
    """Parse as coreos/go-semver does: leading zeros and a ``+`` sign are accepted (``03.0.0`` is
    3.0.0), an empty pre-release is dropped (``3.0.0-`` is 3.0.0)."""
    base, _, meta = text.partition("+")
    base, _, pre = base.partition("-")
    parts = base.split(".", 2)
    if len(parts) != 3 or not all(_INT.match(p) for p in parts):
        return None
    if (pre and not _IDENTIFIERS.match(pre)) or (meta and not _IDENTIFIERS.match(meta)):
        return None
    major, minor, patch = (int(p) for p in parts)
    return major, minor, patch, pre, meta


_KNOWN: dict[tuple[int, int, int, str, str], Spec] = {}


class VersionProblem(enum.StrEnum):
    """Why a version string was refused; the values are the real tool's messages."""

    EMPTY = "not a config (empty)"
    INVALID = "invalid config version (couldn't parse)"
    UNKNOWN = "unsupported config version"


def parse_version(text: str) -> Spec | VersionProblem:
    """Map ``ignition.version`` to a known spec, or say why it is not one."""
    parsed = _semver(text)
    if parsed is None:
        return VersionProblem.INVALID
    if not _KNOWN:
        _KNOWN.update({_semver(str(v)) or (0, 0, 0, "", ""): v for v in Spec})
    return _KNOWN.get(parsed, VersionProblem.UNKNOWN)
