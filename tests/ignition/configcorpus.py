# SPDX-License-Identifier: Apache-2.0
"""The differential corpus: ``(name, json_text)`` cases for comparing our ``ignition-validate`` with
the real one: ~270 cases per version, a valid base config and small mutations of it (and raw texts),
valid and broken in the ways users break configs and in some only fuzzers find.

Like :mod:`tests.ignition.configgen`, everything here is plain data built from plain dicts.
"""

from __future__ import annotations

import copy
import itertools
import json
from dataclasses import dataclass
from typing import Any

from tests.ignition.configgen import JSON, STABLE_VERSIONS, spec_minor

Changes = dict[str, Any]

__all__ = ["DELETE", "STABLE_VERSIONS", "Append", "Rename", "apply", "base_config", "corpus"]


def base_config(version: str = "3.3.0") -> JSON:
    """A small valid config with one of everything its version has: the corpus mutates it."""
    minor = spec_minor(version)
    storage: JSON = {
        "disks": [
            {
                "device": "/dev/vdb",
                "wipeTable": True,
                "partitions": [
                    {
                        "label": "data",
                        "number": 1,
                        "startMiB": 0,
                        "sizeMiB": 1024,
                        "typeGuid": "0FC63DAF-8483-4772-8E79-3D69D8477DE4",
                        "guid": "8a0f2e1c-6b0d-4b7e-9a43-2f7e5c1d9b10",
                    },
                    {"label": "logs", "number": 2, "startMiB": 1024, "sizeMiB": 512},
                ],
            }
        ],
        "raid": [{"name": "md-data", "level": "raid1", "devices": ["/dev/vdc", "/dev/vdd"]}],
        "filesystems": [
            {"device": "/dev/disk/by-partlabel/data", "format": "xfs", "label": "data", "path": "/var/data"},
            {"device": "/dev/md/md-data", "format": "ext4", "label": "mirror", "wipeFilesystem": True},
        ],
        "files": [
            {
                "path": "/etc/hostname",
                "mode": 0o644,
                "overwrite": True,
                "contents": {"source": "data:,node1%0A"},
                "user": {"name": "root"},
                "group": {"id": 0},
            },
            {"path": "/etc/motd", "append": [{"source": "data:,hello%0A"}]},
            {
                "path": "/opt/tool.tar.gz",
                "contents": {
                    "source": "https://example.com/tool.tar.gz",
                    "verification": {"hash": "sha512-" + "0" * 128},
                },
            },
        ],
        "directories": [{"path": "/var/lib/app", "mode": 0o750}],
        "links": [{"path": "/etc/localtime", "target": "../usr/share/zoneinfo/UTC"}],
    }
    if minor >= 2:
        storage["luks"] = [
            {"name": "secret", "device": "/dev/vde", "clevis": {"tpm2": True}, "wipeVolume": True},
        ]
    cfg: JSON = {"ignition": {"version": version}}
    if minor >= 3:
        cfg["kernelArguments"] = {"shouldExist": ["console=ttyS0"], "shouldNotExist": ["quiet"]}
    cfg["passwd"] = {
        "users": [
            {
                "name": "core",
                "passwordHash": "$6$saltsalt$" + "x" * 86,
                "sshAuthorizedKeys": ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample core@laptop"],
                "groups": ["wheel"],
            }
        ],
        "groups": [{"name": "ops", "gid": 1500}],
    }
    cfg["storage"] = storage
    cfg["systemd"] = {
        "units": [
            {
                "name": "app.service",
                "enabled": True,
                "contents": "[Unit]\nDescription=App\n\n[Service]\nExecStart=/usr/bin/app\n\n"
                "[Install]\nWantedBy=multi-user.target\n",
                "dropins": [{"name": "10-env.conf", "contents": "[Service]\nEnvironment=A=1\n"}],
            },
            {"name": "docker.service", "mask": True},
        ]
    }
    return cfg


@dataclass(frozen=True)
class Append:
    """A change that appends ``items`` to the list at its path (creating the list)."""

    items: tuple[Any, ...]


@dataclass(frozen=True)
class Rename:
    """A change that renames the key at its path, keeping the key order."""

    key: str


class _Delete:
    def __repr__(self) -> str:
        return "DELETE"


DELETE: Any = _Delete()


def _walk(cfg: JSON, dotted: str) -> tuple[Any, str | int]:
    """The container of the last element of ``a.b.0.c`` and that element's key or index; missing
    objects on the way are created."""
    parts: list[str | int] = [int(p) if p.isdigit() else p for p in dotted.split(".")]
    node: Any = cfg
    for part, after in itertools.pairwise(parts):
        if isinstance(node, dict) and part not in node:
            node[part] = [] if isinstance(after, int) else {}
        node = node[part]
    return node, parts[-1]


def apply(cfg: JSON, changes: Changes) -> JSON:
    """Apply ``{dotted.path: value | DELETE | Append | Rename}`` to a copy of ``cfg``."""
    out = copy.deepcopy(cfg)
    for dotted, change in changes.items():
        node, key = _walk(out, dotted)
        if change is DELETE:
            del node[key]
        elif isinstance(change, Append):
            node.setdefault(key, []).extend(copy.deepcopy(change.items))
        elif isinstance(change, Rename):
            items = list(node.items())
            node.clear()
            node.update((change.key if k == key else k, v) for k, v in items)
        else:
            node[key] = copy.deepcopy(change)
    return out


def _node(path: str, **extra: Any) -> Append:
    return Append(({"path": path, **extra},))


_SHA512 = "sha512-" + "a" * 128
_SHA256 = "sha256-" + "b" * 64
_UNIT_OK = "[Unit]\nDescription=x\n\n[Service]\nExecStart=/bin/true\n"
_GUID = "8a0f2e1c-6b0d-4b7e-9a43-2f7e5c1d9b10"
_EXEC = "[Service]\nExecStart=/bin/echo a \\\n  b\n[Install]\nWantedBy=x.target\n"
_AP = "arn:aws:s3:us-west-2:123456789012:accesspoint/ap/object/key"
F0, F1, F2 = "storage.files.0.", "storage.files.1.", "storage.files.2.contents."
S0, V0 = F0 + "contents.source", F2 + "verification.hash"
D0, L0, U0, U1 = "storage.directories.0.", "storage.links.0.", "systemd.units.0.", "systemd.units.1."
P0, P1 = "storage.disks.0.partitions.0.", "storage.disks.0.partitions.1."
R0, FS0, LK0, PU0 = "storage.raid.0.", "storage.filesystems.0.", "storage.luks.0.", "passwd.users.0."
MERGE = "ignition.config.merge"

# Each case is the base config of the version with these changes applied.
_MUTATIONS: list[tuple[str, Changes]] = [
    # --- paths of files, directories and links
    ("file-path-relative", {F0 + "path": "etc/hostname"}),
    ("file-path-dotdot", {F0 + "path": "/etc/../hostname"}),
    ("file-path-double-slash", {F0 + "path": "/etc//hostname"}),
    ("file-path-trailing-slash", {F0 + "path": "/etc/hostname/"}),
    ("file-path-dot", {F0 + "path": "/etc/./hostname"}),
    ("file-path-root", {F0 + "path": "/"}),
    ("file-path-empty", {F0 + "path": ""}),
    ("file-path-missing", {F0 + "path": DELETE}),
    ("dir-path-relative", {D0 + "path": "var/lib/app"}),
    ("dir-path-trailing-slash", {D0 + "path": "/var/lib/app/"}),
    ("link-path-relative", {L0 + "path": "etc/localtime"}),
    ("link-path-dotdot", {L0 + "path": "/etc/x/../localtime"}),
    ("dup-file-file", {"storage.files": _node("/etc/hostname", mode=0o600)}),
    ("dup-file-dir", {"storage.directories": _node("/etc/hostname")}),
    ("dup-file-link", {"storage.links": _node("/etc/hostname", target="/etc/other")}),
    ("dup-dir-link", {"storage.links": _node("/var/lib/app", target="/srv/app")}),
    ("dup-dir-dir", {"storage.directories": _node("/var/lib/app")}),
    ("dup-link-link", {"storage.links": _node("/etc/localtime", target="/x")}),
    ("file-under-link", {"storage.files": _node("/etc/localtime/zone")}),
    ("dir-under-link", {"storage.directories": _node("/etc/localtime/sub")}),
    ("link-under-link", {"storage.links": _node("/etc/localtime/x", target="/y")}),
    ("file-under-hardlink", {"storage.links": _node("/srv/h", target="/var/lib/app", hard=True)}),
    (
        "file-under-hardlink-2",
        {"storage.links": _node("/srv/h", target="/x", hard=True), F1 + "path": "/srv/h/x"},
    ),
    ("link-no-target", {L0 + "target": DELETE}),
    ("link-target-empty", {L0 + "target": ""}),
    ("link-target-absolute", {L0 + "target": "/usr/share/zoneinfo/UTC"}),
    ("link-hard-relative-target", {"storage.links": _node("/srv/h", target="etc/motd", hard=True)}),
    ("link-hard-ok", {"storage.links": _node("/srv/h", target="/etc/motd", hard=True)}),
    ("link-overwrite", {L0 + "overwrite": True}),
    # --- sources
    ("source-ftp", {S0: "ftp://example.com/hostname"}),
    ("source-gs", {S0: "gs://bucket/hostname"}),
    ("source-s3", {S0: "s3://bucket/hostname"}),
    ("source-s3-versioned", {S0: "s3://bucket/hostname?versionId=abc"}),
    ("source-arn", {S0: "arn:aws:s3:::bucket/hostname"}),
    ("source-arn-bad", {S0: "arn:aws:ec2:::instance/i-1"}),
    ("source-arn-accesspoint", {S0: _AP}),
    ("source-tftp", {S0: "tftp://10.0.0.1/hostname"}),
    ("source-file", {S0: "file:///etc/hostname"}),
    ("source-no-scheme", {S0: "example.com/hostname"}),
    ("source-unparsable", {S0: "http://[::1/hostname"}),
    ("source-empty", {S0: ""}),
    ("source-null-with-hash", {F0 + "contents": {"verification": {"hash": _SHA512}}}),
    ("source-http", {S0: "http://example.com/hostname"}),
    ("data-url-base64", {S0: "data:;base64,bm9kZTEK"}),
    ("data-url-bad-base64", {S0: "data:;base64,@@@"}),
    ("data-url-no-comma", {S0: "data:node1"}),
    ("data-url-mediatype", {S0: "data:text/plain;charset=utf-8,node1"}),
    ("data-url-bad-char", {S0: "data:,a b"}),
    ("append-source-ftp", {F1 + "append.0.source": "ftp://example.com/motd"}),
    ("merge-source-bad", {MERGE: [{"source": "ftp://example.com/x.ign"}]}),
    ("replace-source-ok", {"ignition.config.replace": {"source": "https://example.com/x.ign"}}),
    ("ca-source-bad", {"ignition.security.tls.certificateAuthorities": [{"source": "nope"}]}),
    ("headers-on-data", {F0 + "contents.httpHeaders": [{"name": "A", "value": "b"}]}),
    ("headers-on-https", {F2 + "httpHeaders": [{"name": "A", "value": "b"}]}),
    ("headers-on-s3", {F2 + "source": "s3://bucket/tool", F2 + "httpHeaders": [{"name": "A", "value": "b"}]}),
    ("headers-empty-name", {F2 + "httpHeaders": [{"name": "", "value": "b"}]}),
    ("headers-duplicate", {F2 + "httpHeaders": [{"name": "A", "value": "b"}, {"name": "A", "value": "c"}]}),
    ("headers-no-value", {F2 + "httpHeaders": [{"name": "A"}]}),
    ("headers-on-merge", {MERGE: [{"source": "data:,{}", "httpHeaders": [{"name": "A", "value": "b"}]}]}),
    ("compression-gzip", {F0 + "contents.compression": "gzip"}),
    ("compression-bad", {F0 + "contents.compression": "bzip2"}),
    ("compression-empty", {F0 + "contents.compression": ""}),
    ("compression-on-append", {F1 + "append.0.compression": "gzip"}),
    ("compression-on-merge", {MERGE: [{"source": "https://example.com/x.ign", "compression": "gzip"}]}),
    # --- verification
    ("hash-sha512-short", {V0: "sha512-abc"}),
    ("hash-sha512-long", {V0: _SHA512 + "aa"}),
    ("hash-sha512-nonhex", {V0: "sha512-" + "z" * 128}),
    ("hash-sha512-upper", {V0: "sha512-" + "A" * 128}),
    ("hash-md5", {V0: "md5-" + "c" * 32}),
    ("hash-sha256", {V0: _SHA256}),
    ("hash-sha256-short", {V0: "sha256-abc"}),
    ("hash-no-dash", {V0: "sha512"}),
    ("hash-empty", {V0: ""}),
    # --- modes, ownership, overwrite
    ("mode-negative", {F0 + "mode": -1}),
    ("mode-too-big", {F0 + "mode": 0o10000}),
    ("mode-max", {F0 + "mode": 0o7777}),
    ("mode-setuid", {F0 + "mode": 0o4755}),
    ("mode-sticky-dir", {D0 + "mode": 0o1777}),
    ("mode-zero", {F0 + "mode": 0}),
    ("mode-decimal-644", {F0 + "mode": 644}),
    ("dir-mode-too-big", {D0 + "mode": 0o17777}),
    ("overwrite-no-source", {F0 + "contents": {}}),
    ("overwrite-false-no-source", {F0 + "contents": DELETE, F0 + "overwrite": False}),
    ("append-and-overwrite", {F1 + "overwrite": True}),
    ("file-user-id-and-name", {F0 + "user": {"id": 0, "name": "root"}}),
    ("file-group-id-and-name", {F0 + "group": {"id": 0, "name": "root"}}),
    ("file-user-name-empty", {F0 + "user": {"name": ""}}),
    ("file-user-id-negative", {F0 + "user": {"id": -5}}),
    # --- systemd units
    ("unit-no-extension", {U0 + "name": "app"}),
    ("unit-bad-extension", {U0 + "name": "app.bogus"}),
    ("unit-name-empty", {U0 + "name": ""}),
    ("unit-name-template", {U0 + "name": "getty@ttyS0.service"}),
    ("unit-name-timer", {U0 + "name": "app.timer"}),
    ("unit-name-slash", {U0 + "name": "sub/app.service"}),
    ("unit-contents-no-bracket", {U0 + "contents": "[Unit\nDescription=x\n"}),
    ("unit-contents-line-before-section", {U0 + "contents": "Description=x\n[Unit]\n"}),
    ("unit-contents-comment-first", {U0 + "contents": "# hi\n[Unit]\nDescription=x\n"}),
    ("unit-contents-continuation", {U0 + "contents": _EXEC}),
    ("unit-contents-no-equals", {U0 + "contents": "[Unit]\nDescription\n"}),
    ("unit-contents-empty", {U0 + "contents": ""}),
    ("unit-enabled-no-install", {U0 + "contents": _UNIT_OK}),
    ("unit-enabled-no-contents", {U0 + "contents": DELETE}),
    ("unit-disabled-no-install", {U0 + "contents": _UNIT_OK, U0 + "enabled": False}),
    ("unit-mask-and-enabled", {U1 + "enabled": True}),
    ("unit-mask-with-contents", {U1 + "contents": _UNIT_OK}),
    ("unit-dup-name", {"systemd.units": Append(({"name": "app.service", "mask": True},))}),
    ("dropin-no-conf", {U0 + "dropins.0.name": "10-env"}),
    ("dropin-name-empty", {U0 + "dropins.0.name": ""}),
    ("dropin-bad-contents", {U0 + "dropins.0.contents": "Environment=A=1\n"}),
    ("dropin-dup-name", {U0 + "dropins": Append(({"name": "10-env.conf"},))}),
    ("dropin-only", {"systemd.units.1": {"name": "sshd.service", "dropins": [{"name": "a.conf"}]}}),
    # --- passwd
    ("user-dup", {"passwd.users": Append(({"name": "core"},))}),
    ("user-name-empty", {PU0 + "name": ""}),
    ("user-name-missing", {PU0 + "name": DELETE}),
    ("user-should-exist-false", {PU0 + "shouldExist": False}),
    ("user-uid-negative", {PU0 + "uid": -1}),
    ("user-ssh-key-garbage", {PU0 + "sshAuthorizedKeys": ["not a key"]}),
    (
        "user-all-fields",
        {
            PU0 + "uid": 1001,
            PU0 + "gecos": "Core",
            PU0 + "homeDir": "/home/core",
            PU0 + "shell": "/bin/zsh",
            PU0 + "noCreateHome": True,
            PU0 + "noUserGroup": True,
            PU0 + "noLogInit": True,
            PU0 + "system": True,
            PU0 + "primaryGroup": "ops",
        },
    ),
    ("group-dup", {"passwd.groups": Append(({"name": "ops"},))}),
    ("group-name-empty", {"passwd.groups.0.name": ""}),
    ("group-should-exist-false", {"passwd.groups.0.shouldExist": False}),
    # --- disks and partitions
    ("partition-label-36", {P0 + "label": "x" * 36}),
    ("partition-label-37", {P0 + "label": "x" * 37}),
    ("partition-label-multibyte", {P0 + "label": "é" * 20}),
    ("partition-label-colon", {P0 + "label": "data:1"}),
    ("partition-guid-bad", {P0 + "guid": "not-a-guid"}),
    ("partition-guid-no-dashes", {P0 + "guid": _GUID.replace("-", "")}),
    ("partition-guid-braces", {P0 + "guid": "{" + _GUID + "}"}),
    ("partition-guid-upper", {P0 + "guid": _GUID.upper()}),
    ("partition-typeguid-bad", {P0 + "typeGuid": "linux"}),
    ("partition-typeguid-short", {P0 + "typeGuid": "0FC63DAF-8483"}),
    ("partition-number-collide", {P1 + "number": 1}),
    ("partition-number-zero-twice", {P0 + "number": 0, P1 + "number": 0}),
    ("partition-number-negative", {P1 + "number": -2}),
    ("partition-overlap", {P1 + "startMiB": 512}),
    ("partition-overlap-sizeless", {P1 + "startMiB": 512, P1 + "sizeMiB": DELETE}),
    ("partition-should-not-exist-with-size", {P1 + "shouldExist": False}),
    ("partition-should-not-exist-number-0", {"storage.disks.0.partitions.1": {"shouldExist": False}}),
    ("partition-should-not-exist-ok", {"storage.disks.0.partitions.1": {"number": 2, "shouldExist": False}}),
    ("partition-negative-size", {P1 + "sizeMiB": -1}),
    ("partition-resize", {P0 + "resize": True}),
    ("partition-number-zero", {"storage.disks.0.partitions.1": {"sizeMiB": 10}}),
    ("disk-device-empty", {"storage.disks.0.device": ""}),
    ("disk-device-relative", {"storage.disks.0.device": "vdb"}),
    ("disk-dup-device", {"storage.disks": Append(({"device": "/dev/vdb"},))}),
    # --- raid
    ("raid-level-bad", {R0 + "level": "raid7"}),
    ("raid-level-missing", {R0 + "level": DELETE}),
    ("raid-level-linear-spares", {R0 + "level": "linear", R0 + "spares": 1}),
    ("raid-level-raid0-spares", {R0 + "level": "raid0", R0 + "spares": 1}),
    ("raid-level-10", {R0 + "level": "raid10"}),
    ("raid-level-numeric", {R0 + "level": "5"}),
    ("raid-spares-negative", {R0 + "spares": -1}),
    ("raid-no-devices", {R0 + "devices": []}),
    ("raid-device-relative", {R0 + "devices": ["vdc", "/dev/vdd"]}),
    ("raid-no-name", {R0 + "name": ""}),
    (
        "raid-dup-name",
        {"storage.raid": Append(({"name": "md-data", "level": "raid0", "devices": ["/dev/x"]},))},
    ),
    # --- filesystems
    ("fs-format-bad", {FS0 + "format": "ntfs"}),
    ("fs-format-none", {FS0 + "format": "none"}),
    ("fs-format-missing", {FS0 + "format": DELETE}),
    ("fs-format-swap-with-path", {FS0 + "format": "swap"}),
    ("fs-label-ext4-16", {FS0 + "format": "ext4", FS0 + "label": "x" * 16}),
    ("fs-label-ext4-17", {FS0 + "format": "ext4", FS0 + "label": "x" * 17}),
    ("fs-label-xfs-12", {FS0 + "label": "x" * 12}),
    ("fs-label-xfs-13", {FS0 + "label": "x" * 13}),
    ("fs-label-vfat-12", {FS0 + "format": "vfat", FS0 + "label": "x" * 12}),
    ("fs-label-btrfs-257", {FS0 + "format": "btrfs", FS0 + "label": "x" * 257}),
    ("fs-label-swap-16", {FS0 + "format": "swap", FS0 + "label": "x" * 16, FS0 + "path": DELETE}),
    ("fs-label-no-format", {FS0 + "format": DELETE, FS0 + "label": "x" * 40}),
    ("fs-path-relative", {FS0 + "path": "var/data"}),
    ("fs-path-dirty", {FS0 + "path": "/var/data/"}),
    ("fs-device-relative", {FS0 + "device": "vdb1"}),
    ("fs-device-empty", {FS0 + "device": ""}),
    ("fs-dup-device", {"storage.filesystems": Append(({"device": "/dev/disk/by-partlabel/data"},))}),
    ("fs-mount-options", {FS0 + "mountOptions": ["noatime"]}),
    ("fs-uuid-bad", {FS0 + "uuid": "nope"}),
    # --- luks (3.2)
    ("luks-ok-tang", {LK0 + "clevis": {"tang": [{"url": "https://tang.example.com", "thumbprint": "x"}]}}),
    ("luks-no-name", {LK0 + "name": ""}),
    ("luks-no-device", {LK0 + "device": DELETE}),
    ("luks-device-relative", {LK0 + "device": "vde"}),
    ("luks-keyfile-bad-url", {LK0 + "keyFile": {"source": "ftp://example.com/key"}}),
    ("luks-tang-bad-url", {LK0 + "clevis": {"tang": [{"url": "ftp://tang"}]}}),
    ("luks-clevis-custom", {LK0 + "clevis": {"custom": {"pin": "sss", "config": "{}"}}}),
    ("luks-clevis-custom-and-tpm", {LK0 + "clevis.custom": {"pin": "tpm2", "config": "{}"}}),
    ("luks-uuid-bad", {LK0 + "uuid": "nope"}),
    ("luks-label-long", {LK0 + "label": "x" * 49}),
    ("luks-dup-name", {"storage.luks": Append(({"name": "secret", "device": "/dev/vdf"},))}),
    ("luks-discard", {LK0 + "discard": True}),
    # --- kernel arguments (3.3)
    ("kargs-conflict", {"kernelArguments.shouldNotExist": ["console=ttyS0"]}),
    ("kargs-dup", {"kernelArguments.shouldExist": ["a", "a"]}),
    ("kargs-empty", {"kernelArguments": {}}),
    # --- ignition section
    ("timeouts-negative", {"ignition.timeouts.httpTotal": -1}),
    ("proxy-http-for-https", {"ignition.proxy": {"httpsProxy": "http://proxy:3128"}}),
    ("proxy-bad-url", {"ignition.proxy": {"httpProxy": "::nope"}}),
    # --- unknown keys, keys of newer versions, case variants
    ("unknown-top-level", {"frobnicate": True}),
    ("unknown-nested", {F0 + "colour": "blue"}),
    ("unknown-deep", {U0 + "dropins.0.priority": 10}),
    ("unknown-with-structure", {"extra": {"nested": {"deeper": [1, 2, {"x": None}]}}}),
    ("newer-key-kernel-args", {"kernelArguments": {"shouldExist": ["a"]}}),
    ("newer-key-luks", {"storage.luks": [{"name": "x", "device": "/dev/vdg"}]}),
    ("newer-key-luks-discard", {"storage.luks": [{"name": "x", "device": "/dev/vdg", "discard": True}]}),
    ("newer-key-luks-cex", {"storage.luks": [{"name": "x", "device": "/dev/vdg", "cex": {"enabled": True}}]}),
    ("newer-key-proxy", {"ignition.proxy": {"noProxy": ["localhost"]}}),
    ("newer-key-resize", {P0 + "resize": False}),
    ("newer-key-headers", {F2 + "httpHeaders": [{"name": "A", "value": "b"}], F2 + "source": "ftp://x"}),
    ("case-variant-path", {F0 + "path": Rename("Path")}),
    ("case-variant-upper", {F0 + "path": Rename("PATH")}),
    ("case-variant-top", {"storage": Rename("Storage")}),
    ("case-variant-version", {"ignition.version": Rename("Version")}),
    ("case-variant-bad-value", {F0 + "path": Rename("Path"), F0 + "Path": "relative"}),
    # --- type errors and nulls
    ("type-string-for-int", {F0 + "mode": "0644"}),
    ("type-int-for-string", {F0 + "path": 1}),
    ("type-bool-for-string", {U0 + "name": True}),
    ("type-string-for-bool", {F0 + "overwrite": "true"}),
    ("type-array-for-object", {"storage": []}),
    ("type-object-for-array", {"storage.files": {}}),
    ("type-float-for-int", {F0 + "mode": 420.5}),
    ("type-exp-for-int", {F0 + "mode": 4.2e2}),
    ("type-huge-int", {F0 + "mode": 10**20}),
    ("type-int-in-strings", {PU0 + "sshAuthorizedKeys": ["ok", 1]}),
    ("type-two-errors", {F0 + "path": 1, PU0 + "name": 2}),
    ("type-ignition-string", {"ignition": "3.3.0"}),
    ("type-with-unknown-key", {F0 + "mode": "0644", "frobnicate": True}),
    ("null-path", {F0 + "path": None}),
    ("null-files", {"storage.files": None}),
    ("null-storage", {"storage": None}),
    ("null-file-entry", {"storage.files": Append((None,))}),
    ("null-in-strings", {PU0 + "sshAuthorizedKeys": [None]}),
    ("null-mode", {F0 + "mode": None}),
    ("null-contents", {F0 + "contents": None}),
]


# Cases that need a section the base config of older versions does not have.
_SINCE_MINOR = {"luks-": 2, "kargs-": 3}


def _dump(cfg: Any, indent: int | str = 2) -> str:
    return json.dumps(cfg, indent=indent, ensure_ascii=False)


def _replace_once(text: str, old: str, new: str) -> str:
    if text.count(old) != 1:
        raise ValueError(f"corpus: {old!r} is not in the base config exactly once")
    return text.replace(old, new)


def _text_cases(version: str) -> list[tuple[str, str]]:
    """Cases that cannot be written as a dict: broken JSON, duplicate keys, odd layouts."""
    base = _dump(base_config(version))
    minimal = f'{{"ignition": {{"version": "{version}"}}}}'
    bad_path = copy.deepcopy(base_config(version))
    bad_path["passwd"]["users"][0]["gecos"] = "Ünïcödé ☃ user"
    bad_path["storage"]["files"][0]["path"] = "etc/hostname"
    compact_bad = json.dumps(bad_path, ensure_ascii=False, separators=(",", ":"))
    deep = "[" * 5000 + "]" * 5000
    return [
        ("base-compact", json.dumps(base_config(version), separators=(",", ":"))),
        ("minimal", minimal),
        ("layout-compact-multibyte", compact_bad),
        ("layout-compact-ascii-escapes", json.dumps(bad_path, separators=(",", ":"))),
        ("layout-crlf", _dump(bad_path).replace("\n", "\r\n")),
        ("layout-tabs", _dump(bad_path, indent="\t")),
        ("layout-leading-whitespace", "\n\n   " + _dump(bad_path)),
        ("json-truncated", base[: len(base) // 2]),
        ("json-truncated-in-string", minimal[:25]),
        ("json-trailing-garbage", base + "x"),
        ("json-trailing-object", minimal + "{}"),
        ("json-trailing-newlines", base + "\n\n"),
        ("json-trailing-comma", minimal[:-1] + ",}"),
        ("json-bad-literal", _replace_once(base, '"overwrite": true', '"overwrite": tru')),
        ("json-single-quotes", minimal.replace('"', "'")),
        ("json-nan", _replace_once(base, '"mode": 420', '"mode": NaN')),
        ("json-infinity", _replace_once(base, '"mode": 420', '"mode": -Infinity')),
        ("json-leading-zero", _replace_once(base, '"mode": 420', '"mode": 0644')),
        ("json-hex", _replace_once(base, '"mode": 420', '"mode": 0x1a4')),
        ("json-comment", "// config\n" + base),
        ("json-bom", "\ufeff" + base),
        ("json-control-char", _replace_once(base, '"data:,node1%0A"', '"data:,node1\n"')),
        ("json-unterminated-string", minimal[:-3]),
        ("json-bad-escape", _replace_once(base, '"data:,node1%0A"', '"data:,node1\\x"')),
        ("json-lone-surrogate", _replace_once(base, '"name": "ops"', '"name": "\\ud800ops"')),
        ("json-nested-5000", minimal[:-1] + ', "deep": ' + deep + "}"),
        ("json-nested-500", minimal[:-1] + ', "deep": ' + "[" * 500 + "]" * 500 + "}"),
        (
            "dup-key-path-last-ok",
            _replace_once(base, '"path": "/etc/hostname"', '"path": "etc/x", "path": "/etc/hostname"'),
        ),
        (
            "dup-key-path-last-bad",
            _replace_once(base, '"path": "/etc/hostname"', '"path": "/etc/hostname", "path": "etc/x"'),
        ),
        ("dup-key-top-level", base[:-2] + ',\n  "storage": {"files": [{"path": "rel"}]}\n}'),
        (
            "dup-key-version",
            _replace_once(base, f'"version": "{version}"', f'"version": "9.9.9", "version": "{version}"'),
        ),
        ("empty", ""),
        ("whitespace-only", " \n\t "),
        ("top-level-array", "[]"),
        ("top-level-string", f'"{version}"'),
        ("top-level-number", "3"),
        ("top-level-null", "null"),
        ("top-level-true", "true"),
    ]


def _version_cases() -> list[tuple[str, str]]:
    """Cases about ``ignition.version`` itself; the same for every version."""
    broken = '{"ignition": {"version": "%s"}, "storage": {"files": [{"path": "relative"}]}}'
    return [
        ("version-missing", "{}"),
        ("version-missing-in-ignition", '{"ignition": {}}'),
        ("version-empty", broken % ""),
        ("version-null", '{"ignition": {"version": null}}'),
        ("version-int", '{"ignition": {"version": 3}}'),
        ("version-2.2.0", broken % "2.2.0"),
        ("version-3.3.0-experimental", broken % "3.3.0-experimental"),
        ("version-3.4.0-experimental", broken % "3.4.0-experimental"),
        ("version-3.4.0", broken % "3.4.0"),
        ("version-3.3", broken % "3.3"),
        ("version-v3.3.0", broken % "v3.3.0"),
        ("version-trailing-space", broken % "3.3.0 "),
        ("version-build-metadata", broken % "3.3.0+build1"),
        ("version-leading-zero", broken % "03.3.0"),
        ("version-ignition-null", '{"ignition": null}'),
    ]


def corpus(version: str = "3.3.0") -> list[tuple[str, str]]:
    """The differential corpus for one spec version: ``(name, json_text)``, names unique."""
    minor = spec_minor(version)
    base = base_config(version)
    cases = [("base", _dump(base))]
    for name, changes in _MUTATIONS:
        needs = next((m for prefix, m in _SINCE_MINOR.items() if name.startswith(prefix)), 0)
        if minor < needs:
            continue
        cases.append((name, _dump(apply(base, changes))))
    cases += _text_cases(version)
    cases += _version_cases()
    names = [name for name, _ in cases]
    if len(set(names)) != len(names):
        raise ValueError("corpus: duplicate case names")
    return cases
