# SPDX-License-Identifier: Apache-2.0
"""Translating configs to newer spec versions, step by step as Ignition's translate packages do."""

from __future__ import annotations

import pytest

from nestos.ignition.spec.decode import Decoder
from nestos.ignition.spec.model import replace
from nestos.ignition.spec.report import Report
from nestos.ignition.spec.serialize import to_dict
from nestos.ignition.spec.translate import translate, translate_to_newest
from nestos.ignition.spec.types import Config
from nestos.ignition.spec.versions import NEWEST, Spec
from tests.ignition.spec.typed import JSON, typed_config


def cfg(data: JSON | None = None, version: str = "3.0.0") -> Config:
    return typed_config(data, version)


def with_version(data: JSON, version: str) -> JSON:
    return {**data, "ignition": {**data.get("ignition", {}), "version": version}}


# A config using only fields that every version has and no step rewrites.
PLAIN: JSON = {
    "ignition": {
        "config": {"merge": [{"source": "http://example.com/a.ign", "verification": {"hash": "sha512-00"}}]},
        "timeouts": {"httpTotal": 30},
    },
    "passwd": {
        "users": [{"name": "core", "sshAuthorizedKeys": ["ssh-ed25519 AAAA"]}],
        "groups": [{"name": "g"}],
    },
    "storage": {
        "disks": [{"device": "/dev/sda", "partitions": [{"number": 4, "label": "root", "sizeMiB": 0}]}],
        "filesystems": [{"device": "/dev/sda4", "format": "xfs", "path": "/var", "options": ["-m", "0"]}],
        "files": [
            {"path": "/etc/hostname", "mode": 420, "contents": {"source": "data:,h", "compression": "gzip"}}
        ],
        "directories": [{"path": "/srv", "mode": 493}],
        "links": [{"path": "/etc/l", "target": "/x", "hard": False}],
        "raid": [{"name": "md0", "level": "raid1", "devices": ["/dev/a", "/dev/b"]}],
    },
    "systemd": {
        "units": [{"name": "a.service", "enabled": True, "dropins": [{"name": "x.conf", "contents": "y"}]}]
    },
}

ADJACENT = list(zip(list(Spec), list(Spec)[1:], strict=False))


@pytest.mark.parametrize(("source", "target"), ADJACENT, ids=[f"{a}->{b}" for a, b in ADJACENT])
def test_adjacent_step_changes_only_the_version_of_plain_configs(source: Spec, target: Spec) -> None:
    result = translate(cfg(PLAIN, source), target)
    assert result.spec is target
    assert to_dict(result) == with_version(PLAIN, target)


# (from, input, expected at the next version): the steps that rewrite values.
STEP_CASES = [
    pytest.param(
        Spec.V3_0,
        {
            "ignition": {
                "security": {
                    "tls": {
                        "certificateAuthorities": [
                            {"source": "http://example.com/ca.pem"},
                            {"verification": {"hash": "sha512-00"}},
                        ]
                    }
                }
            }
        },
        {
            "ignition": {
                "security": {
                    "tls": {
                        "certificateAuthorities": [
                            {"source": "http://example.com/ca.pem"},
                            {"source": "", "verification": {"hash": "sha512-00"}},
                        ]
                    }
                }
            }
        },
        id="3.0->3.1-ca-source-becomes-a-present-string",
    ),
    pytest.param(
        Spec.V3_1,
        {"storage": {"disks": [{"device": "/dev/sda", "partitions": [{"label": "x", "shouldExist": True}]}]}},
        {"storage": {"disks": [{"device": "/dev/sda", "partitions": [{"label": "x", "shouldExist": True}]}]}},
        id="3.1->3.2-nothing-but-the-version",
    ),
    pytest.param(
        Spec.V3_2,
        {
            "storage": {
                "raid": [{"name": "md0", "devices": ["/dev/a"]}, {"name": "md1", "level": "raid0"}],
                "links": [{"path": "/l", "hard": True}, {"path": "/m", "target": "/t"}],
                "luks": [
                    {"name": "a", "clevis": {"custom": {"pin": "tpm2"}}},
                    {"name": "b", "clevis": {"tpm2": True}},
                    {"name": "c", "clevis": {"custom": {"needsNetwork": True}}},
                ],
            }
        },
        {
            "storage": {
                "raid": [
                    {"name": "md0", "level": "", "devices": ["/dev/a"]},
                    {"name": "md1", "level": "raid0"},
                ],
                "links": [{"path": "/l", "target": "", "hard": True}, {"path": "/m", "target": "/t"}],
                "luks": [
                    {"name": "a", "clevis": {"custom": {"config": "", "pin": "tpm2"}}},
                    {"name": "b", "clevis": {"tpm2": True}},
                    {"name": "c", "clevis": {"custom": {"config": "", "needsNetwork": True, "pin": ""}}},
                ],
            }
        },
        id="3.2->3.3-strings-become-pointers",
    ),
    pytest.param(
        Spec.V3_3,
        {
            "storage": {
                "files": [{"path": "/f", "mode": 0o4755}, {"path": "/g"}],
                "directories": [{"path": "/d", "mode": 0o1777}],
            }
        },
        {
            "storage": {
                "files": [{"path": "/f", "mode": 0o755}, {"path": "/g"}],
                "directories": [{"path": "/d", "mode": 0o777}],
            }
        },
        id="3.3->3.4-special-mode-bits-masked",
    ),
    pytest.param(
        Spec.V3_4,
        {
            "storage": {
                "luks": [
                    {
                        "name": "root",
                        "device": "/dev/a",
                        "discard": True,
                        "clevis": {"tang": [{"url": "http://t", "thumbprint": "x", "advertisement": "{}"}]},
                    }
                ]
            }
        },
        {
            "storage": {
                "luks": [
                    {
                        "name": "root",
                        "device": "/dev/a",
                        "discard": True,
                        "clevis": {"tang": [{"url": "http://t", "thumbprint": "x", "advertisement": "{}"}]},
                    }
                ]
            }
        },
        id="3.4->3.5-tang-advertisement-kept",
    ),
    pytest.param(
        Spec.V3_5,
        {
            "storage": {
                "files": [{"path": "/f", "mode": 0o2750}],
                "directories": [{"path": "/d", "mode": 0o3770}],
            }
        },
        {
            "storage": {
                "files": [{"path": "/f", "mode": 0o750}],
                "directories": [{"path": "/d", "mode": 0o770}],
            }
        },
        id="3.5->3.6-special-mode-bits-masked-again",
    ),
    pytest.param(
        Spec.V3_6,
        {"storage": {"files": [{"path": "/f", "mode": 0o4755}]}},
        {"storage": {"files": [{"path": "/f", "mode": 0o4755}]}},
        id="3.6->3.7-special-mode-bits-kept",
    ),
]


@pytest.mark.parametrize(("source", "data", "expected"), STEP_CASES)
def test_steps_that_rewrite_values(source: Spec, data: JSON, expected: JSON) -> None:
    target = list(Spec)[source.rank + 1]
    assert to_dict(translate(cfg(data, source), target)) == with_version(expected, target)


def test_multi_step_applies_every_step_on_the_way() -> None:
    data = {
        "ignition": {"security": {"tls": {"certificateAuthorities": [{"verification": {}}]}}},
        "storage": {
            "files": [{"path": "/f", "mode": 0o6755}],
            "links": [{"path": "/l"}],
            "raid": [{"name": "md0", "devices": ["/dev/a"]}],
        },
    }
    expected: JSON = {
        "ignition": {"security": {"tls": {"certificateAuthorities": [{"source": ""}]}}},
        "storage": {
            "files": [{"path": "/f", "mode": 0o755}],
            "links": [{"path": "/l", "target": ""}],
            "raid": [{"name": "md0", "level": "", "devices": ["/dev/a"]}],
        },
    }
    config = cfg(data, Spec.V3_0)
    assert to_dict(translate(config, Spec.V3_3)) == with_version(
        {**expected, "storage": {**expected["storage"], "files": [{"path": "/f", "mode": 0o6755}]}}, "3.3.0"
    )
    newest = translate_to_newest(config)
    assert newest.spec is NEWEST
    assert to_dict(newest) == with_version(expected, NEWEST)


@pytest.mark.parametrize("source", list(Spec))
def test_steps_compose(source: Spec) -> None:
    config = cfg(PLAIN, source)
    for middle in Spec:
        if middle >= source:
            assert translate(translate(config, middle), NEWEST) == translate_to_newest(config)


@pytest.mark.parametrize("source", list(Spec))
def test_same_version_is_identity(source: Spec) -> None:
    config = cfg(PLAIN, source)
    assert translate(config, source) is config


def test_translating_down_is_refused() -> None:
    with pytest.raises(ValueError, match=r"cannot translate a 3\.4\.0 config down to 3\.3\.0"):
        translate(cfg({}, Spec.V3_4), Spec.V3_3)


@pytest.mark.parametrize("target", list(Spec))
def test_round_trip_through_json_keeps_values(target: Spec) -> None:
    translated = translate(cfg(PLAIN, Spec.V3_0), target)
    data = to_dict(translated)
    report = Report()
    assert Decoder(target, report).decode(Config, data, ()) == translated
    assert not report.entries
    assert data == with_version(PLAIN, target)


def test_a_3_0_config_takes_new_fields_after_translation() -> None:
    config = translate(cfg(PLAIN, Spec.V3_0), Spec.V3_5)
    assert config.kernel_arguments.should_exist == ()
    assert config.storage.luks == ()
    kargs = replace(config.kernel_arguments, should_exist=("quiet",))
    proxy = replace(config.ignition.proxy, https_proxy="http://proxy")
    ignition = replace(config.ignition, proxy=proxy)
    extended = replace(config, kernel_arguments=kargs, ignition=ignition)
    data = to_dict(extended)
    assert data["kernelArguments"] == {"shouldExist": ["quiet"]}
    assert data["ignition"]["proxy"] == {"httpsProxy": "http://proxy"}
    assert data["storage"] == PLAIN["storage"]


def test_fields_the_source_version_lacks_are_not_carried_up() -> None:
    # A model built by hand at 3.0 with a 3.3 field: 3.0's Go types cannot hold it.
    newer = cfg(
        {
            "kernelArguments": {"shouldExist": ["quiet"]},
            "ignition": {"config": {"merge": [{"source": "http://a", "compression": "gzip"}]}},
        },
        Spec.V3_3,
    )
    ignition = replace(newer.ignition, version="3.0.0")
    old = replace(newer, ignition=ignition)
    result = translate(old, Spec.V3_3)
    assert result.kernel_arguments.should_exist == ()
    assert result.ignition.config.merge[0].compression is None
    assert result.ignition.config.merge[0].source == "http://a"
