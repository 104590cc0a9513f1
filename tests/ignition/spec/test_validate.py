# SPDX-License-Identifier: Apache-2.0
"""Table tests of the validator's rules, per spec version."""

from __future__ import annotations

import json
from typing import Any

import pytest

from nestos.ignition.spec.parse import parse
from nestos.ignition.spec.versions import Spec

ALL = list(Spec)
Problem = tuple[str, str, str]


def problems(version: Spec | str, body: dict[str, Any]) -> set[Problem]:
    doc = {"ignition": {"version": str(version)}, **body}
    ign = body.get("ignition")
    if ign is not None:
        doc["ignition"] = {"version": str(version), **ign}
    result = parse(json.dumps(doc), locate=False)
    assert result.problem is None
    return {(e.severity.value, ".".join(map(str, e.path)), e.message) for e in result.report}


def files(*entries: dict[str, Any]) -> dict[str, Any]:
    return {"storage": {"files": list(entries)}}


def unit(**fields: Any) -> dict[str, Any]:
    return {"systemd": {"units": [fields]}}


P = "storage.files.0"

# (first version it applies to, last version, body, expected problems)
CASES: list[tuple[str, Spec, Spec, dict[str, Any], set[Problem]]] = [
    ("empty config", Spec.V3_0, Spec.V3_7_EXP, {}, set()),
    (
        "relative path",
        Spec.V3_0,
        Spec.V3_7_EXP,
        files({"path": "a"}),
        {("error", f"{P}.path", "path not absolute")},
    ),
    (
        "missing path",
        Spec.V3_0,
        Spec.V3_7_EXP,
        files({"mode": 420}),
        {("error", f"{P}.path", "path not specified")},
    ),
    (
        "unsimplified path",
        Spec.V3_0,
        Spec.V3_7_EXP,
        files({"path": "/a/../b"}),
        {("error", f"{P}.path", "path is not fully simplified")},
    ),
    (
        "trailing slash",
        Spec.V3_0,
        Spec.V3_7_EXP,
        files({"path": "/a/"}),
        {("error", f"{P}.path", "path is not fully simplified")},
    ),
    (
        "double slash",
        Spec.V3_0,
        Spec.V3_7_EXP,
        files({"path": "//a"}),
        {("error", f"{P}.path", "path is not fully simplified")},
    ),
    (
        "mode out of range",
        Spec.V3_0,
        Spec.V3_7_EXP,
        files({"path": "/a", "mode": 0o10000}),
        {("error", f"{P}.mode", "illegal file mode")},
    ),
    (
        "special bits before 3.6",
        Spec.V3_0,
        Spec.V3_5,
        files({"path": "/a", "mode": 0o4755}),
        {
            (
                "warning",
                f"{P}.mode",
                "setuid/setgid/sticky bits are not supported in spec versions older than 3.6.0",
            )
        },
    ),
    ("special bits from 3.6", Spec.V3_6, Spec.V3_7_EXP, files({"path": "/a", "mode": 0o4755}), set()),
    (
        "owner id and name",
        Spec.V3_0,
        Spec.V3_7_EXP,
        files({"path": "/a", "user": {"id": 0, "name": "root"}}),
        {("error", f"{P}.user", "cannot set both id and name")},
    ),
    (
        "overwrite without source",
        Spec.V3_0,
        Spec.V3_7_EXP,
        files({"path": "/a", "overwrite": True}),
        {("error", f"{P}.overwrite", "overwrite must be false if source is unspecified")},
    ),
    (
        "bad scheme",
        Spec.V3_0,
        Spec.V3_7_EXP,
        files({"path": "/a", "contents": {"source": "ftp://x/y"}}),
        {("error", f"{P}.contents.source", "invalid url scheme")},
    ),
    (
        "gs before 3.2",
        Spec.V3_0,
        Spec.V3_1,
        files({"path": "/a", "contents": {"source": "gs://b/o"}}),
        {("error", f"{P}.contents.source", "invalid url scheme")},
    ),
    (
        "gs from 3.2",
        Spec.V3_2,
        Spec.V3_7_EXP,
        files({"path": "/a", "contents": {"source": "gs://b/o"}}),
        set(),
    ),
    (
        "arn before 3.4",
        Spec.V3_0,
        Spec.V3_3,
        files(
            {
                "path": "/a",
                "contents": {"source": "arn:aws:s3:us-east-1:123456789012:accesspoint/ap/object/k"},
            }
        ),
        {("error", f"{P}.contents.source", "invalid url scheme")},
    ),
    (
        "arn from 3.4",
        Spec.V3_4,
        Spec.V3_7_EXP,
        files(
            {
                "path": "/a",
                "contents": {"source": "arn:aws:s3:us-east-1:123456789012:accesspoint/ap/object/k"},
            }
        ),
        set(),
    ),
    (
        "s3 empty version id",
        Spec.V3_0,
        Spec.V3_7_EXP,
        files({"path": "/a", "contents": {"source": "s3://b/k?versionId="}}),
        {("error", f"{P}.contents.source", "invalid S3 object VersionId")},
    ),
    (
        "unparsable url",
        Spec.V3_0,
        Spec.V3_7_EXP,
        files({"path": "/a", "contents": {"source": "http://[::1"}}),
        {("error", f"{P}.contents.source", "unable to parse url")},
    ),
    (
        "data url with space",
        Spec.V3_0,
        Spec.V3_7_EXP,
        files({"path": "/a", "contents": {"source": "data:,a b"}}),
        {("error", f"{P}.contents.source", "invalid data character")},
    ),
    (
        "bad base64 data",
        Spec.V3_0,
        Spec.V3_7_EXP,
        files({"path": "/a", "contents": {"source": "data:;base64,aGk"}}),
        {("error", f"{P}.contents.source", "illegal base64 data at input byte 0")},
    ),
    (
        "compression",
        Spec.V3_0,
        Spec.V3_7_EXP,
        files({"path": "/a", "contents": {"source": "data:,x", "compression": "xz"}}),
        {("error", f"{P}.contents.compression", "invalid compression method")},
    ),
    (
        "sha256 before 3.1",
        Spec.V3_0,
        Spec.V3_0,
        files(
            {"path": "/a", "contents": {"source": "data:,x", "verification": {"hash": "sha256-" + "0" * 64}}}
        ),
        {("error", f"{P}.contents.verification.hash", "unrecognized hash function")},
    ),
    (
        "sha256 from 3.1",
        Spec.V3_1,
        Spec.V3_7_EXP,
        files(
            {"path": "/a", "contents": {"source": "data:,x", "verification": {"hash": "sha256-" + "0" * 64}}}
        ),
        set(),
    ),
    (
        "hash size",
        Spec.V3_0,
        Spec.V3_7_EXP,
        files({"path": "/a", "contents": {"source": "data:,x", "verification": {"hash": "sha512-00"}}}),
        {("error", f"{P}.contents.verification.hash", "incorrect size for hash sum")},
    ),
    (
        "hash malformed",
        Spec.V3_0,
        Spec.V3_7_EXP,
        files({"path": "/a", "contents": {"source": "data:,x", "verification": {"hash": "sha512"}}}),
        {("error", f"{P}.contents.verification.hash", "malformed hash specifier")},
    ),
    (
        "verification without source",
        Spec.V3_0,
        Spec.V3_7_EXP,
        files({"path": "/a", "contents": {"verification": {"hash": "sha512-" + "0" * 128}}}),
        {
            (
                "error",
                f"{P}.contents.verification.hash",
                "source must be specified if verification is specified",
            )
        },
    ),
    (
        "headers on data url",
        Spec.V3_1,
        Spec.V3_7_EXP,
        files(
            {"path": "/a", "contents": {"source": "data:,x", "httpHeaders": [{"name": "a", "value": "b"}]}}
        ),
        {("error", f"{P}.contents.httpHeaders", "cannot use HTTP headers with this source scheme")},
    ),
    (
        "empty header name and duplicate header",
        Spec.V3_1,
        Spec.V3_7_EXP,
        files(
            {
                "path": "/a",
                "contents": {
                    "source": "https://x/",
                    "httpHeaders": [{"name": ""}, {"name": "A"}, {"name": "A"}],
                },
            }
        ),
        {
            ("error", f"{P}.contents.httpHeaders.0.name", "HTTP header name can't be empty"),
            ("error", f"{P}.contents.httpHeaders.2", "duplicate entry defined"),
        },
    ),
    (
        "duplicate node across kinds",
        Spec.V3_0,
        Spec.V3_7_EXP,
        {
            "storage": {
                "files": [{"path": "/a"}],
                "links": [{"path": "/a", "target": "/b"}],
                "directories": [{"path": "/a"}],
            }
        },
        {
            ("error", "storage.files.0", "duplicate entry defined"),
            ("error", "storage.links.0", "duplicate entry defined"),
        },
    ),
    (
        "links in paths",
        Spec.V3_0,
        Spec.V3_7_EXP,
        {"storage": {"links": [{"path": "/l", "target": "/t"}], "files": [{"path": "/l/f"}]}},
        {("error", "storage.files.0", "file path includes link in config")},
    ),
    (
        "link target required from 3.3",
        Spec.V3_3,
        Spec.V3_7_EXP,
        {"storage": {"links": [{"path": "/m"}]}},
        {("error", "storage.links.0.target", "link target is required")},
    ),
    (
        "empty link target was a plain string before 3.3",
        Spec.V3_0,
        Spec.V3_2,
        {"storage": {"links": [{"path": "/m"}]}},
        set(),
    ),
    (
        "hard link to directory",
        Spec.V3_0,
        Spec.V3_7_EXP,
        {
            "storage": {
                "links": [{"path": "/h", "target": "/d", "hard": True}],
                "directories": [{"path": "/d"}],
            }
        },
        {("error", "storage.links.0", "hard link target is a directory")},
    ),
    (
        "unit name and contents",
        Spec.V3_0,
        Spec.V3_7_EXP,
        unit(name="x", contents="[Unit"),
        {
            ("error", "systemd.units.0.name", "invalid systemd unit extension"),
            ("error", "systemd.units.0.contents", "invalid unit content: unable to find end of section"),
        },
    ),
    (
        "enabled without install",
        Spec.V3_0,
        Spec.V3_7_EXP,
        unit(name="x.service", enabled=True, contents="[Service]\nExecStart=/bin/true\n"),
        {
            (
                "warning",
                "systemd.units.0.contents",
                'unit "x.service" is enabled, but has no install section so enable does nothing',
            )
        },
    ),
    (
        "dropin name",
        Spec.V3_0,
        Spec.V3_7_EXP,
        unit(name="x.service", dropins=[{"name": "a.txt", "contents": "[Service]\nA=b"}]),
        {("error", "systemd.units.0.dropins.0.name", "invalid systemd drop-in extension")},
    ),
    (
        "duplicate units and users",
        Spec.V3_0,
        Spec.V3_7_EXP,
        {
            "systemd": {"units": [{"name": "a.service"}, {"name": "a.service"}]},
            "passwd": {"users": [{"name": "u"}, {"name": "u"}]},
        },
        {
            ("error", "systemd.units.1", "duplicate entry defined"),
            ("error", "passwd.users.1", "duplicate entry defined"),
        },
    ),
    (
        "partition rules",
        Spec.V3_0,
        Spec.V3_7_EXP,
        {
            "storage": {
                "disks": [
                    {
                        "device": "/dev/vda",
                        "partitions": [
                            {"label": "x" * 37, "typeGuid": "nope"},
                            {"sizeMiB": 5},
                            {"number": 2, "shouldExist": False, "label": "y"},
                            {"number": 3, "label": "a:b"},
                        ],
                    }
                ]
            }
        },
        {
            ("error", "storage.disks.0.partitions.0.label", "partition labels may not exceed 36 characters"),
            (
                "error",
                "storage.disks.0.partitions.0.typeGuid",
                'doesn\'t match the form "01234567-89AB-CDEF-EDCB-A98765432101"',
            ),
            ("error", "storage.disks.0.partitions.1", "a partition number >= 1 or a label must be specified"),
            (
                "error",
                "storage.disks.0.partitions.2",
                "shouldExist specified false with other options also specified",
            ),
            (
                "error",
                "storage.disks.0.partitions.3.label",
                "partition label will be truncated to text before the colon",
            ),
            (
                "error",
                "storage.disks.0.partitions",
                "shouldExist is false for a partition and other partition(s) has start or size 0",
            ),
        },
    ),
    (
        "raid rules",
        Spec.V3_0,
        Spec.V3_7_EXP,
        {
            "storage": {
                "raid": [
                    {"name": "a", "level": "raid0", "spares": 1},
                    {"name": "b", "level": "bad", "devices": ["/dev/x"]},
                ]
            }
        },
        {
            ("error", "storage.raid.0.level", "spares unsupported for linear and raid0 arrays"),
            ("error", "storage.raid.0.devices", "raid devices required"),
            ("error", "storage.raid.1.level", "unrecognized raid level"),
        },
    ),
    (
        "filesystem none before 3.3",
        Spec.V3_0,
        Spec.V3_2,
        {"storage": {"filesystems": [{"device": "/dev/x", "format": "none"}]}},
        {("error", "storage.filesystems.0.format", "invalid filesystem format")},
    ),
    (
        "filesystem none from 3.3",
        Spec.V3_3,
        Spec.V3_7_EXP,
        {"storage": {"filesystems": [{"device": "/dev/x", "format": "none"}]}},
        set(),
    ),
    (
        "virtiofs only in 3.7-exp",
        Spec.V3_0,
        Spec.V3_6,
        {"storage": {"filesystems": [{"device": "tag", "format": "virtiofs"}]}},
        {
            ("error", "storage.filesystems.0.format", "invalid filesystem format"),
            ("error", "storage.filesystems.0.device", "path not absolute"),
        },
    ),
    (
        "virtiofs tag",
        Spec.V3_7_EXP,
        Spec.V3_7_EXP,
        {"storage": {"filesystems": [{"device": "tag", "format": "virtiofs"}]}},
        set(),
    ),
    (
        "filesystem label length",
        Spec.V3_0,
        Spec.V3_7_EXP,
        {"storage": {"filesystems": [{"device": "/dev/x", "format": "xfs", "label": "l" * 13}]}},
        {
            (
                "error",
                "storage.filesystems.0.label",
                "filesystem labels cannot be longer than 12 characters when using xfs",
            )
        },
    ),
    (
        "luks rules",
        Spec.V3_2,
        Spec.V3_7_EXP,
        {"storage": {"luks": [{"name": "a/b", "clevis": {"tang": [{"url": "http://t"}]}}]}},
        {
            ("error", "storage.luks.0.name", "device names cannot contain slashes"),
            ("error", "storage.luks.0.device", "disk device is required"),
            ("error", "storage.luks.0.clevis.tang.0.thumbprint", "thumbprint is required"),
        },
    ),
    (
        "luks before 3.2",
        Spec.V3_0,
        Spec.V3_1,
        {"storage": {"luks": []}},
        {("warning", "storage.luks", "Unused key luks")},
    ),
    (
        "kernel arguments conflict",
        Spec.V3_3,
        Spec.V3_7_EXP,
        {"kernelArguments": {"shouldExist": ["a"], "shouldNotExist": ["a"]}},
        {("error", "kernelArguments.shouldNotExist.0", "duplicate entry defined")},
    ),
    (
        "kernel arguments before 3.3",
        Spec.V3_0,
        Spec.V3_2,
        {"kernelArguments": {"shouldExist": ["a"]}},
        {("warning", "kernelArguments", "Unused key kernelArguments")},
    ),
    (
        "merge source required",
        Spec.V3_1,
        Spec.V3_7_EXP,
        {"ignition": {"config": {"merge": [{}]}}},
        {("error", "ignition.config.merge.0", "source is required")},
    ),
    (
        "proxy",
        Spec.V3_1,
        Spec.V3_7_EXP,
        {"ignition": {"proxy": {"httpProxy": "ftp://p", "httpsProxy": "http://p"}}},
        {
            ("error", "ignition.proxy.httpProxy", "proxies must be http(s)"),
            (
                "warning",
                "ignition.proxy.httpsProxy",
                "insecure plaintext HTTP proxy specified for HTTPS resources",
            ),
        },
    ),
    (
        "path conflicts with a unit",
        Spec.V3_4,
        Spec.V3_7_EXP,
        {
            "storage": {"files": [{"path": "/etc/systemd/system/a.service"}]},
            "systemd": {"units": [{"name": "a.service", "contents": "[Unit]"}]},
        },
        {("error", f"{P}.path", "path conflicts with systemd unit or dropin")},
    ),
]


@pytest.mark.parametrize(("name", "first", "last", "body", "expected"), CASES, ids=[c[0] for c in CASES])
def test_rule(name: str, first: Spec, last: Spec, body: dict[str, Any], expected: set[Problem]) -> None:
    for version in ALL:
        if first <= version <= last:
            assert problems(version, body) == expected, f"spec {version}"


def test_compression_on_config_reference_is_unused_in_3_0() -> None:
    body = {"ignition": {"config": {"merge": [{"source": "http://x/c.ign", "compression": "gzip"}]}}}
    assert problems(Spec.V3_0, body) == {
        ("warning", "ignition.config.merge.0.compression", "Unused key compression")
    }
    assert problems(Spec.V3_1, body) == set()


def test_duplicates_reported_after_other_problems() -> None:
    doc = {
        "ignition": {"version": "3.3.0"},
        "storage": {"files": [{"path": "/a"}, {"path": "/a", "mode": -1}]},
    }
    result = parse(json.dumps(doc))
    assert [e.message for e in result.report] == [
        "illegal file mode",
        "setuid/setgid/sticky bits are not supported in spec versions older than 3.6.0",
        "duplicate entry defined",
    ]
