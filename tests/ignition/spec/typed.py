# SPDX-License-Identifier: Apache-2.0
"""Test helper: typed configs from the JSON a user writes."""

from __future__ import annotations

from typing import Any

from nestos.ignition.spec.decode import Decoder
from nestos.ignition.spec.report import Report
from nestos.ignition.spec.types import Config
from nestos.ignition.spec.versions import Spec

JSON = dict[str, Any]


def typed_config(data: JSON | None, version: str) -> Config:
    """Decode ``data`` as a config of ``version`` (``ignition.version`` is filled in); it must decode
    without any report entry."""
    doc = dict(data or {})
    doc["ignition"] = {**doc.get("ignition", {}), "version": version}
    report = Report()
    config = Decoder(Spec(version), report).decode(Config, doc, ())
    assert not report.entries, report.render()
    return config
