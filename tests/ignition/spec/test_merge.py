# SPDX-License-Identifier: Apache-2.0
"""Merging configs: the rules of Ignition's ``config/merge``, case by case, plus properties."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nestos.ignition.spec.merge import key, merge, merge_all, render, replace
from nestos.ignition.spec.model import replace as with_changes
from nestos.ignition.spec.schema import FieldSpec, field_since, type_spec
from nestos.ignition.spec.serialize import to_dict
from nestos.ignition.spec.types import Config, Kind, Partition, Resource
from nestos.ignition.spec.versions import Spec
from tests.ignition.spec.typed import JSON, typed_config


def cfg(data: JSON | None = None, version: str = "3.4.0") -> Config:
    return typed_config(data, version)


def merged(parent: JSON, child: JSON, version: str = "3.4.0") -> JSON:
    return to_dict(merge(cfg(parent, version), cfg(child, version)))


def headers(*pairs: tuple[str, str | None]) -> list[JSON]:
    return [{"name": n} if v is None else {"name": n, "value": v} for n, v in pairs]


# --- table: (parent, child, expected result) ------------------------------------------------------

CASES = [
    pytest.param(
        # Ignition's own merge test: disks by device, nested partitions by number, files appended,
        # a file replaced by a directory, string lists deduplicated.
        {
            "storage": {
                "disks": [
                    {
                        "device": "foo",
                        "wipeTable": True,
                        "partitions": [{"number": 1, "label": "label", "startMiB": 4}],
                    },
                    {"device": "bar", "wipeTable": True},
                ],
                "files": [
                    {"path": "/foo", "append": [{"source": "source1"}]},
                    {"path": "/bar", "contents": {"compression": "gzip"}},
                ],
            },
            "passwd": {"users": [{"name": "bovik", "sshAuthorizedKeys": ["one", "two"]}]},
        },
        {
            "storage": {
                "disks": [
                    {
                        "device": "foo",
                        "wipeTable": False,
                        "partitions": [
                            {"number": 1, "label": "labelchanged"},
                            {"number": 2, "label": "label2"},
                        ],
                    },
                    {"device": "bar"},
                    {"device": "baz", "wipeTable": True},
                ],
                "files": [{"path": "/foo", "append": [{"source": "source1"}, {"source": "source2"}]}],
                "directories": [{"path": "/bar"}],
                "links": [{"path": "/baz"}],
            },
            "passwd": {"users": [{"name": "bovik", "sshAuthorizedKeys": ["three", "two"]}]},
        },
        {
            "storage": {
                "disks": [
                    {
                        "device": "foo",
                        "wipeTable": False,
                        "partitions": [
                            {"number": 1, "label": "labelchanged", "startMiB": 4},
                            {"number": 2, "label": "label2"},
                        ],
                    },
                    {"device": "bar", "wipeTable": True},
                    {"device": "baz", "wipeTable": True},
                ],
                "files": [
                    {
                        "path": "/foo",
                        "append": [{"source": "source1"}, {"source": "source1"}, {"source": "source2"}],
                    }
                ],
                "directories": [{"path": "/bar"}],
                "links": [{"path": "/baz"}],
            },
            "passwd": {"users": [{"name": "bovik", "sshAuthorizedKeys": ["one", "two", "three"]}]},
        },
        id="ignition-upstream-case",
    ),
    pytest.param(
        # Number 0 partitions are keyed by label; a numbered partition never matches a label key.
        {
            "storage": {
                "disks": [
                    {
                        "device": "/dev/sda",
                        "partitions": [{"label": "root", "sizeMiB": 100}, {"number": 3, "label": "x"}],
                    }
                ]
            }
        },
        {
            "storage": {
                "disks": [
                    {
                        "device": "/dev/sda",
                        "partitions": [{"label": "root", "sizeMiB": 200}, {"label": "x", "startMiB": 5}],
                    }
                ]
            }
        },
        {
            "storage": {
                "disks": [
                    {
                        "device": "/dev/sda",
                        "partitions": [
                            {"label": "root", "sizeMiB": 200},
                            {"number": 3, "label": "x"},
                            {"label": "x", "startMiB": 5},
                        ],
                    }
                ]
            }
        },
        id="partitions-by-number-else-label",
    ),
    pytest.param(
        {
            "storage": {
                "filesystems": [
                    {"device": "/dev/a", "format": "ext4", "options": ["-L", "a"], "mountOptions": ["ro"]},
                    {"device": "/dev/b", "format": "xfs"},
                ]
            }
        },
        {
            "storage": {
                "filesystems": [
                    {
                        "device": "/dev/a",
                        "format": "xfs",
                        "options": ["-L", "a"],
                        "mountOptions": ["ro", "noatime"],
                    }
                ]
            }
        },
        {
            "storage": {
                "filesystems": [
                    {
                        "device": "/dev/a",
                        "format": "xfs",
                        "options": ["-L", "a", "-L", "a"],
                        "mountOptions": ["ro", "ro", "noatime"],
                    },
                    {"device": "/dev/b", "format": "xfs"},
                ]
            }
        },
        id="filesystems-by-device-options-appended",
    ),
    pytest.param(
        {
            "storage": {
                "raid": [
                    {"name": "md0", "level": "raid1", "devices": ["/dev/a", "/dev/b"], "options": ["--x"]}
                ]
            }
        },
        {
            "storage": {
                "raid": [{"name": "md0", "devices": ["/dev/c", "/dev/a"], "options": ["--x"], "spares": 1}]
            }
        },
        {
            "storage": {
                "raid": [
                    {
                        "name": "md0",
                        "level": "raid1",
                        "devices": ["/dev/a", "/dev/b", "/dev/c"],
                        "options": ["--x", "--x"],
                        "spares": 1,
                    }
                ]
            }
        },
        id="raid-by-name-options-appended-devices-deduplicated",
    ),
    pytest.param(
        {
            "storage": {
                "luks": [
                    {
                        "name": "root",
                        "device": "/dev/a",
                        "options": ["--a"],
                        "openOptions": ["--o"],
                        "clevis": {"tang": [{"url": "http://t1", "thumbprint": "x"}], "tpm2": True},
                    }
                ]
            }
        },
        {
            "storage": {
                "luks": [
                    {
                        "name": "root",
                        "options": ["--a"],
                        "openOptions": ["--o", "--p"],
                        "clevis": {
                            "tang": [
                                {"url": "http://t2", "thumbprint": "z"},
                                {"url": "http://t1", "thumbprint": "y"},
                            ]
                        },
                    },
                    {"name": "data", "device": "/dev/b"},
                ]
            }
        },
        {
            "storage": {
                "luks": [
                    {
                        "name": "root",
                        "device": "/dev/a",
                        "options": ["--a", "--a"],
                        "openOptions": ["--o", "--p"],
                        "clevis": {
                            "tang": [
                                {"url": "http://t1", "thumbprint": "y"},
                                {"url": "http://t2", "thumbprint": "z"},
                            ],
                            "tpm2": True,
                        },
                    },
                    {"name": "data", "device": "/dev/b"},
                ]
            }
        },
        id="luks-by-name-tang-by-url-open-options-deduplicated",
    ),
    pytest.param(
        {
            "passwd": {
                "users": [{"name": "core", "groups": ["wheel"], "shell": "/bin/sh"}, {"name": "ops"}],
                "groups": [{"name": "admins", "gid": 1000}],
            }
        },
        {
            "passwd": {
                "users": [{"name": "core", "groups": ["sudo", "wheel"], "uid": 1001}],
                "groups": [{"name": "admins", "system": True}, {"name": "dev"}],
            }
        },
        {
            "passwd": {
                "users": [
                    {"name": "core", "groups": ["wheel", "sudo"], "shell": "/bin/sh", "uid": 1001},
                    {"name": "ops"},
                ],
                "groups": [{"name": "admins", "gid": 1000, "system": True}, {"name": "dev"}],
            }
        },
        id="users-and-groups-by-name",
    ),
    pytest.param(
        {
            "systemd": {
                "units": [
                    {"name": "a.service", "enabled": True, "dropins": [{"name": "1.conf", "contents": "x"}]},
                    {"name": "b.service", "mask": True},
                ]
            }
        },
        {
            "systemd": {
                "units": [
                    {
                        "name": "a.service",
                        "contents": "[Unit]",
                        "dropins": [{"name": "2.conf", "contents": "z"}, {"name": "1.conf", "contents": "y"}],
                    },
                    {"name": "c.service", "enabled": False},
                ]
            }
        },
        {
            "systemd": {
                "units": [
                    {
                        "name": "a.service",
                        "contents": "[Unit]",
                        "enabled": True,
                        "dropins": [{"name": "1.conf", "contents": "y"}, {"name": "2.conf", "contents": "z"}],
                    },
                    {"name": "b.service", "mask": True},
                    {"name": "c.service", "enabled": False},
                ]
            }
        },
        id="units-and-dropins-by-name",
    ),
    pytest.param(
        {
            "ignition": {
                "config": {
                    "merge": [
                        {
                            "source": "http://example.com/myconf.ign",
                            "httpHeaders": headers(
                                ("old-header", "old-value"),
                                ("same-header", "old-value"),
                                ("to-remove-header", "some-value"),
                            ),
                        }
                    ]
                },
                "security": {"tls": {"certificateAuthorities": [{"source": "http://example.com/ca"}]}},
            }
        },
        {
            "ignition": {
                "config": {
                    "merge": [
                        {
                            "source": "http://example.com/myconf.ign",
                            "httpHeaders": headers(
                                ("to-remove-header", None),
                                ("new-header", "new-value"),
                                ("same-header", "new-value"),
                            ),
                        },
                        {"source": "http://example.com/other.ign"},
                    ]
                },
                "security": {
                    "tls": {
                        "certificateAuthorities": [
                            {"source": "http://example.com/ca", "verification": {"hash": "sha512-ab"}}
                        ]
                    }
                },
            }
        },
        {
            "ignition": {
                "config": {
                    "merge": [
                        {
                            "source": "http://example.com/myconf.ign",
                            "httpHeaders": headers(
                                ("old-header", "old-value"),
                                ("same-header", "new-value"),
                                ("new-header", "new-value"),
                            ),
                        },
                        {"source": "http://example.com/other.ign"},
                    ]
                },
                "security": {
                    "tls": {
                        "certificateAuthorities": [
                            {"source": "http://example.com/ca", "verification": {"hash": "sha512-ab"}}
                        ]
                    }
                },
            }
        },
        id="resources-by-source-headers-by-name-deleted-without-value",
    ),
    pytest.param(
        # A valueless header only deletes; with nothing to delete it stays (as in Go).
        {"storage": {"files": [{"path": "/f", "contents": {"source": "http://x/f"}}]}},
        {
            "storage": {
                "files": [
                    {
                        "path": "/f",
                        "contents": {"source": "http://x/f", "httpHeaders": headers(("lone", None))},
                    }
                ]
            }
        },
        {
            "storage": {
                "files": [
                    {
                        "path": "/f",
                        "contents": {"source": "http://x/f", "httpHeaders": headers(("lone", None))},
                    }
                ]
            }
        },
        id="valueless-header-without-parent-header-is-kept",
    ),
    pytest.param(
        # The replace reference is a struct: merged field by field, not taken whole.
        {"ignition": {"config": {"replace": {"source": "http://a", "verification": {"hash": "sha512-aa"}}}}},
        {"ignition": {"config": {"replace": {"source": "http://b"}}}},
        {"ignition": {"config": {"replace": {"source": "http://b", "verification": {"hash": "sha512-aa"}}}}},
        id="replace-reference-merged-recursively",
    ),
    pytest.param(
        # One key space for files, directories and links: a child entry of another kind removes the
        # parent's entry and lands at the end of its own list.
        {
            "storage": {
                "files": [{"path": "/a", "mode": 420}, {"path": "/b", "mode": 420}, {"path": "/c"}],
                "directories": [{"path": "/d", "mode": 493}],
                "links": [{"path": "/l1", "target": "/x"}],
            }
        },
        {
            "storage": {
                "links": [{"path": "/a", "target": "/elsewhere"}],
                "files": [{"path": "/d"}, {"path": "/b", "overwrite": True}],
                "directories": [{"path": "/l1"}],
            }
        },
        {
            "storage": {
                "files": [{"path": "/b", "mode": 420, "overwrite": True}, {"path": "/c"}, {"path": "/d"}],
                "links": [{"path": "/a", "target": "/elsewhere"}],
                "directories": [{"path": "/l1"}],
            }
        },
        id="nodes-share-one-key-space",
    ),
    pytest.param(
        {"kernelArguments": {"shouldExist": ["a", "b"], "shouldNotExist": ["c"]}},
        {"kernelArguments": {"shouldExist": ["c", "d", "b"], "shouldNotExist": ["a"]}},
        {"kernelArguments": {"shouldExist": ["b", "c", "d"], "shouldNotExist": ["a"]}},
        id="kernel-arguments-share-one-key-space",
    ),
    pytest.param(
        # Pointers: an absent child value keeps the parent's; a present zero value (false, 0) wins.
        {
            "ignition": {"timeouts": {"httpTotal": 10, "httpResponseHeaders": 5}},
            "storage": {"files": [{"path": "/f", "mode": 420, "overwrite": True, "user": {"id": 7}}]},
        },
        {
            "ignition": {"timeouts": {"httpResponseHeaders": 0}},
            "storage": {"files": [{"path": "/f", "overwrite": False, "user": {"name": "core"}}]},
        },
        {
            "ignition": {"timeouts": {"httpTotal": 10, "httpResponseHeaders": 0}},
            "storage": {
                "files": [{"path": "/f", "mode": 420, "overwrite": False, "user": {"id": 7, "name": "core"}}]
            },
        },
        id="pointer-fields",
    ),
    pytest.param(
        # Parent entries keep their places, merged in place; the child's new entries follow in the
        # child's order; a child repeating a key merges its last entry and appends neither.
        {"systemd": {"units": [{"name": "a.service"}, {"name": "b.service"}, {"name": "c.service"}]}},
        {
            "systemd": {
                "units": [
                    {"name": "e.service"},
                    {"name": "b.service", "contents": "first"},
                    {"name": "d.service"},
                    {"name": "b.service", "contents": "last"},
                    {"name": "e.service", "enabled": True},
                ]
            }
        },
        {
            "systemd": {
                "units": [
                    {"name": "a.service"},
                    {"name": "b.service", "contents": "last"},
                    {"name": "c.service"},
                    {"name": "e.service"},
                    {"name": "d.service"},
                    {"name": "e.service", "enabled": True},
                ]
            }
        },
        id="order-and-repeated-keys",
    ),
    pytest.param(
        {"ignition": {"proxy": {"httpProxy": "http://p", "noProxy": ["a", "b"]}}},
        {"ignition": {"proxy": {"httpsProxy": "http://s", "noProxy": ["c", "a"]}}},
        {
            "ignition": {
                "proxy": {"httpProxy": "http://p", "httpsProxy": "http://s", "noProxy": ["a", "b", "c"]}
            }
        },
        id="proxy",
    ),
]


@pytest.mark.parametrize(("parent", "child", "expected"), CASES)
def test_merge_cases(parent: JSON, child: JSON, expected: JSON) -> None:
    assert merged(parent, child) == to_dict(cfg(expected))


# --- version-specific Go types ----------------------------------------------------------------

RAID_AND_LINK = {
    "storage": {
        "raid": [{"name": "md0", "level": "raid1", "devices": ["/dev/a"]}],
        "links": [{"path": "/l", "target": "/x", "hard": False}],
    }
}
RAID_AND_LINK_CHILD = {
    "storage": {"raid": [{"name": "md0", "devices": ["/dev/b"]}], "links": [{"path": "/l", "hard": True}]}
}


def test_value_fields_before_3_3_always_take_the_childs_value() -> None:
    # In 3.2 raid.level and links.target are Go strings: the child's absent ("") value wins.
    result = merged(RAID_AND_LINK, RAID_AND_LINK_CHILD, "3.2.0")
    assert result["storage"]["raid"] == [{"name": "md0", "devices": ["/dev/a", "/dev/b"]}]
    assert result["storage"]["links"] == [{"path": "/l", "hard": True}]


def test_value_fields_from_3_3_are_pointers() -> None:
    result = merged(RAID_AND_LINK, RAID_AND_LINK_CHILD, "3.3.0")
    assert result["storage"]["raid"] == [{"name": "md0", "level": "raid1", "devices": ["/dev/a", "/dev/b"]}]
    assert result["storage"]["links"] == [{"path": "/l", "target": "/x", "hard": True}]


CLEVIS_PARENT = {
    "storage": {
        "luks": [
            {
                "name": "root",
                "device": "/dev/a",
                "clevis": {"tang": [{"url": "http://t", "thumbprint": "x"}], "threshold": 1},
            }
        ]
    }
}


@pytest.mark.parametrize(
    ("version", "clevis"),
    [
        ("3.2.0", {"tpm2": True}),
        ("3.3.0", {"tang": [{"url": "http://t", "thumbprint": "x"}], "threshold": 1, "tpm2": True}),
    ],
)
def test_clevis_is_replaced_whole_before_3_3(version: str, clevis: JSON) -> None:
    child = {"storage": {"luks": [{"name": "root", "clevis": {"tpm2": True}}]}}
    assert merged(CLEVIS_PARENT, child, version)["storage"]["luks"][0]["clevis"] == clevis


def test_absent_clevis_keeps_the_parents_before_3_3() -> None:
    child = {"storage": {"luks": [{"name": "root", "wipeVolume": True}]}}
    result = merged(CLEVIS_PARENT, child, "3.2.0")["storage"]["luks"][0]
    assert result["clevis"] == CLEVIS_PARENT["storage"]["luks"][0]["clevis"]
    assert result["wipeVolume"] is True


# --- keys, errors, several configs --------------------------------------------------------------


def test_keys() -> None:
    assert key("arg=1") == "arg=1"
    assert key(cfg({"storage": {"disks": [{"device": "/dev/x"}]}}).storage.disks[0]) == "/dev/x"
    assert key(Partition()) == ""
    parts = cfg(
        {"storage": {"disks": [{"device": "d", "partitions": [{"number": 2, "label": "l"}, {"label": "l"}]}]}}
    )
    assert [key(p) for p in parts.storage.disks[0].partitions] == ["number:2", "label:l"]
    assert key(Resource()) == ""


def test_merge_refuses_different_versions() -> None:
    with pytest.raises(ValueError, match=r"cannot merge a 3\.3\.0 config into a 3\.4\.0 config"):
        merge(cfg({}, "3.4.0"), cfg({}, "3.3.0"))


def test_merge_all_merges_in_order() -> None:
    configs = [cfg({"systemd": {"units": [{"name": "a.service", "contents": str(i)}]}}) for i in range(3)]
    configs.append(cfg({"systemd": {"units": [{"name": "b.service"}]}}))
    result = to_dict(merge_all(configs))
    assert result["systemd"]["units"] == [{"name": "a.service", "contents": "2"}, {"name": "b.service"}]


def test_merge_all_needs_a_config() -> None:
    with pytest.raises(ValueError, match="no configs to merge"):
        merge_all([])


def test_replace_takes_the_child_whole() -> None:
    parent = cfg({"systemd": {"units": [{"name": "a.service"}]}})
    child = cfg({"storage": {"files": [{"path": "/f"}]}})
    assert replace(parent, child) is child
    with pytest.raises(ValueError, match="translate both"):
        replace(parent, cfg({}, "3.0.0"))


def test_render_follows_references_depth_first() -> None:
    def ref(name: str) -> JSON:
        return {"source": f"http://x/{name}"}

    def unit(name: str) -> JSON:
        return {"name": f"{name}.service", "contents": name}

    fetched = {
        "http://x/a": cfg(
            {"ignition": {"config": {"merge": [ref("c")]}}, "systemd": {"units": [unit("a")]}}, "3.0.0"
        ),
        "http://x/b": cfg({"ignition": {"config": {"replace": ref("d")}}, "systemd": {"units": [unit("b")]}}),
        "http://x/c": cfg({"systemd": {"units": [unit("c")]}}, "3.2.0"),
        "http://x/d": cfg({"systemd": {"units": [unit("d")]}}),
    }
    calls: list[str] = []

    def fetch(resource: Resource) -> Config:
        assert resource.source is not None
        calls.append(resource.source)
        return fetched[resource.source]

    root = cfg(
        {"ignition": {"config": {"merge": [ref("a"), ref("b")]}}, "systemd": {"units": [unit("root")]}}
    )
    result = render(root, fetch)
    assert result.spec is Spec.V3_7_EXP
    assert calls == ["http://x/a", "http://x/c", "http://x/b", "http://x/d"]
    assert [u.name for u in result.systemd.units] == ["root.service", "a.service", "c.service", "d.service"]


def test_render_replace_discards_the_referencing_config() -> None:
    root = cfg(
        {
            "ignition": {"config": {"replace": {"source": "http://x/new"}}},
            "systemd": {"units": [{"name": "a.service"}]},
        }
    )
    new = cfg({"storage": {"files": [{"path": "/f"}]}}, "3.1.0")
    result = to_dict(render(root, lambda _: new))
    assert result == {"ignition": {"version": "3.7.0-experimental"}, "storage": {"files": [{"path": "/f"}]}}


# --- property: an empty config is neutral on either side -----------------------------------------

_WORDS = st.sampled_from(["", "a", "b", "/a", "/b", "x.service"])


def _field(fs: FieldSpec, spec: Spec) -> st.SearchStrategy[Any]:
    if fs.kind is Kind.STR:
        return _WORDS if fs.default == "" else st.none() | _WORDS
    if fs.kind is Kind.INT:
        ints = st.integers(min_value=0, max_value=3)
        return ints if fs.default == 0 else st.none() | ints
    if fs.kind is Kind.BOOL:
        return st.none() | st.booleans()
    if fs.kind is Kind.STRS:
        return st.lists(_WORDS, max_size=3).map(tuple)
    cls = fs.cls
    assert cls is not None
    nested = st.deferred(lambda: _model(cls, spec, ref=fs.ref))
    if fs.kind is Kind.OBJ:
        return nested
    return st.lists(nested, max_size=2).map(tuple)


def _model(cls: type, spec: Spec, *, ref: bool = False) -> st.SearchStrategy[Any]:
    fields = {
        fs.attr: _field(fs, spec)
        for fs in type_spec(cls).fields
        if field_since(fs, ref=ref) <= spec and fs.json != "version"
    }
    return st.builds(cls, **fields)


def _config(spec: Spec) -> st.SearchStrategy[Config]:
    def with_version(config: Config) -> Config:
        ignition = with_changes(config.ignition, version=str(spec))
        return with_changes(config, ignition=ignition)

    return _model(Config, spec).map(with_version)


CONFIGS = st.sampled_from(list(Spec)).flatmap(_config)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(CONFIGS)
def test_empty_config_is_neutral(config: Config) -> None:
    empty = cfg({}, config.spec)
    expected = to_dict(config)
    assert to_dict(merge(config, empty)) == expected
    assert to_dict(merge(empty, config)) == expected
