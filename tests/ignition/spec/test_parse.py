# SPDX-License-Identifier: Apache-2.0
"""Parsing: versions, JSON errors, types, unused keys and Go's decoding quirks."""

from __future__ import annotations

import json

import pytest

from nestos.ignition.spec.parse import parse
from nestos.ignition.spec.types import Config
from nestos.ignition.spec.versions import Spec, VersionProblem


def lines(text: str) -> list[str]:
    return parse(text).report.render().splitlines()


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", VersionProblem.EMPTY),
        ("{}", VersionProblem.INVALID),
        ('{"ignition":{}}', VersionProblem.INVALID),
        ('{"ignition":{"version":"3.3"}}', VersionProblem.INVALID),
        ('{"ignition":{"version":"2.2.0"}}', VersionProblem.UNKNOWN),
        ('{"ignition":{"version":"3.3.0-experimental"}}', VersionProblem.UNKNOWN),
        ('{"ignition":{"version":"3.8.0"}}', VersionProblem.UNKNOWN),
    ],
)
def test_version_problems(text: str, problem: VersionProblem) -> None:
    result = parse(text)
    assert result.problem is problem
    assert result.config is None
    assert not result.ok


@pytest.mark.parametrize("version", list(Spec))
def test_every_known_version_parses(version: Spec) -> None:
    result = parse(json.dumps({"ignition": {"version": str(version)}}))
    assert result.ok
    assert result.config is not None
    assert result.config.spec is version


def test_version_of_wrong_type_is_reported_at_its_path() -> None:
    assert lines('{"ignition":{"version":3}}') == [
        "error at $.ignition.version, line 1 col 24: expected a string, found number"
    ]


def test_non_object_document() -> None:
    assert lines("[]") == ["error at line 1 col 2: config must be a JSON object, found array"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("E", "error at line 0 col 0: invalid character 'E' looking for beginning of value"),
        ('{"ignition":', "error at line 0 col 0: unexpected end of JSON input"),
        ('{"a":1}}', "error at line 0 col 0: invalid character '}' after top-level value"),
        ('{"a":NaN}', "error at line 1 col 7: invalid character 'N' looking for beginning of value"),
        ('{"a":tru}', "error at line 0 col 0: invalid character '}' in literal true (expecting 'e')"),
    ],
)
def test_broken_json_reports_go_message_and_position(text: str, expected: str) -> None:
    result = parse(text)
    assert result.report.fatal
    assert result.report.render() == expected


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    result = parse("[" * 100_000)
    assert result.report.fatal
    assert "exceeded max depth" in result.report.render()
    # Go allows 10,000 levels; json's default limit is lower, so this needs the deep path.
    deep_but_valid = '{"ignition":{"version":"3.3.0"},"x":' + "[" * 5000 + "]" * 5000 + "}"
    assert parse(deep_but_valid).report.render() == "warning at $.x, line 1 col 33: Unused key x"


def test_type_errors_are_all_reported_with_paths() -> None:
    text = '{"ignition":{"version":"3.3.0"},"storage":{"files":[{"path":"/a","mode":"x"},{"path":2}]}}'
    assert lines(text) == [
        "error at $.storage.files.0.mode, line 1 col 73: expected an integer, found string",
        "error at $.storage.files.1.path, line 1 col 86: expected a string, found number",
    ]
    assert parse(text).config is None


@pytest.mark.parametrize("value", ["1e3", "420.0", "9223372036854775808", "true"])
def test_integers_must_be_integers(value: str) -> None:
    text = '{"ignition":{"version":"3.3.0"},"storage":{"files":[{"path":"/a","mode":' + value + "}]}}"
    result = parse(text)
    assert result.report.fatal
    assert [e.path for e in result.report] == [("storage", "files", 0, "mode")]


def test_null_is_absent() -> None:
    result = parse(
        '{"ignition":{"version":"3.3.0"},"storage":{"files":null,"links":[{"path":"/l","target":"/t","hard":null}]}}'
    )
    assert result.ok
    assert result.config is not None
    assert result.config.storage.files == ()
    assert result.config.storage.links[0].hard is None


def test_unused_keys_warn_at_the_key() -> None:
    text = '{"ignition":{"version":"3.3.0"},"x":1,"storage":{"files":[{"path":"a"}]}}'
    assert lines(text) == [
        "error at $.storage.files.0.path, line 1 col 67: path not absolute",
        "warning at $.x, line 1 col 33: Unused key x",
    ]
    assert parse(text).report.fatal


def test_case_insensitive_key_is_used_and_reported() -> None:
    result = parse('{"ignition":{"version":"3.3.0"},"storage":{"files":[{"Path":"/etc/motd"}]}}')
    assert result.config is not None
    assert result.config.storage.files[0].path == "/etc/motd"
    assert [e.message for e in result.report] == ["Unused key Path"]
    assert not result.report.fatal


def test_duplicate_keys_last_wins() -> None:
    result = parse('{"ignition":{"version":"3.3.0"},"storage":{"files":[{"path":"/a","path":"rel"}]}}')
    assert [e.message for e in result.report] == ["path not absolute"]


def test_newer_fields_are_unused_in_older_versions() -> None:
    text = (
        '{"ignition":{"version":"3.2.0"},"storage":{"luks":[{"name":"x","device":"/dev/x","discard":true}]}}'
    )
    result = parse(text)
    assert [(e.path, e.message) for e in result.report] == [
        (("storage", "luks", 0, "discard"), "Unused key discard"),
    ]
    assert result.config is not None
    assert result.config.storage.luks[0].discard is None


def test_defaults_follow_the_spec() -> None:
    result = parse('{"ignition":{"version":"3.3.0"},"storage":{"files":[{"path":"/a"}]}}')
    assert result.config is not None
    f = result.config.storage.files[0]
    assert f.mode is None
    assert f.overwrite is None
    assert f.contents.source is None
    assert Config().ignition.version == ""


def test_bytes_with_invalid_utf8_do_not_crash() -> None:
    result = parse(b'{"ignition":{"version":"3.3.0"},"storage":{"files":[{"path":"/\xff"}]}}')
    assert result.ok


def test_spec_defaults_apply_when_used_not_when_read() -> None:
    text = (
        '{"ignition":{"version":"3.3.0"},"storage":{"files":[{"path":"/f"},{"path":"/g","mode":0}],'
        '"directories":[{"path":"/d"}],"disks":[{"device":"/dev/vda","partitions":[{"number":1}]}]},'
        '"passwd":{"users":[{"name":"u","shouldExist":false}]}}'
    )
    result = parse(text)
    assert result.config is not None
    storage = result.config.storage
    assert [f.effective_mode for f in storage.files] == [0o644, 0]
    assert storage.directories[0].effective_mode == 0o755
    assert storage.disks[0].partitions[0].exists
    assert not result.config.passwd.users[0].exists
    assert result.config.ignition.timeouts.response_headers_seconds == 10
    assert result.config.ignition.timeouts.total_seconds == 0


def test_columns_count_the_original_bytes_of_invalid_utf8() -> None:
    raw = b'{"ignition":{"version":"3.3.0"},"storage":{"files":[{"path":"/\xff\xfe","mode":-1}]}}'
    assert parse(raw).report.render().splitlines()[0] == (
        "error at $.storage.files.0.mode, line 1 col 74: illegal file mode"
    )
