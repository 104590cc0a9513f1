# SPDX-License-Identifier: Apache-2.0
"""Property tests: generated configs round-trip, and any input ends in a structured result."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nestos.ignition.spec.parse import ParseResult, parse
from nestos.ignition.spec.schema import field_since, type_spec
from nestos.ignition.spec.serialize import to_dict, to_json
from nestos.ignition.spec.types import Config, Kind
from nestos.ignition.spec.versions import Spec

_INT = st.integers(min_value=-(2**63), max_value=2**63 - 1)
_TEXT = st.text(max_size=12)


def _model(cls: type, spec: Spec, *, ref: bool, depth: int) -> st.SearchStrategy[Any]:
    """A strategy for instances of a model class with only ``spec``'s fields set."""
    fields: dict[str, st.SearchStrategy[Any]] = {}
    for fs in type_spec(cls).fields:
        if field_since(fs, ref=ref) > spec:
            continue
        if fs.kind is Kind.STR:
            base: st.SearchStrategy[Any] = _TEXT
        elif fs.kind is Kind.INT:
            base = _INT
        elif fs.kind is Kind.BOOL:
            base = st.booleans()
        elif fs.kind is Kind.STRS:
            base = st.lists(_TEXT, max_size=3).map(tuple)
        else:
            assert fs.cls is not None
            inner = _model(fs.cls, spec, ref=fs.ref, depth=depth + 1)
            base = (
                inner if fs.kind is Kind.OBJ else st.lists(inner, max_size=2 if depth < 3 else 0).map(tuple)
            )
        fields[fs.attr] = st.one_of(st.just(fs.default), base) if fs.default is None else base
    return st.builds(cls, **fields)


@st.composite
def configs(draw: st.DrawFn) -> Config:
    spec = draw(st.sampled_from(list(Spec)))
    config = draw(_model(Config, spec, ref=False, depth=0))
    ignition = config.ignition.__class__(
        **{
            **{f.attr: getattr(config.ignition, f.attr) for f in type_spec(type(config.ignition)).fields},
            "version": str(spec),
        }
    )
    return Config(
        ignition=ignition,
        kernel_arguments=config.kernel_arguments,
        passwd=config.passwd,
        storage=config.storage,
        systemd=config.systemd,
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(configs())
def test_generated_configs_round_trip(config: Config) -> None:
    text = to_json(config)
    result = parse(text)
    assert result.problem is None
    assert result.config == config  # validation problems are fine; the decoded config is exact
    assert to_dict(result.config) == json.loads(text)
    assert not any(e.message.startswith("Unused key") for e in result.report)


def _assert_structured(result: ParseResult) -> None:
    assert isinstance(result, ParseResult)
    for entry in result.report:
        assert entry.render()
    if result.config is None:
        assert result.problem is not None or result.report.fatal


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_a_structured_result(text: str) -> None:
    _assert_structured(parse(text))


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=20,
)
_KEYS = st.sampled_from(
    ["storage", "files", "path", "mode", "systemd", "units", "name", "contents", "passwd", "users", "x"]
)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([str(s) for s in Spec]), st.dictionaries(_KEYS, _JSON, max_size=4))
def test_any_json_document_gives_a_structured_result(version: str, body: dict[str, Any]) -> None:
    doc = {**body, "ignition": {"version": version}}
    _assert_structured(parse(json.dumps(doc)))
