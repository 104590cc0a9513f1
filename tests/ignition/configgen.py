# SPDX-License-Identifier: Apache-2.0
"""Deterministic Ignition configs for tests and benchmarks.

- :func:`big_config`: a large, realistic, valid config (the benchmark's input, ~320 KB as JSON).
- :func:`small_config`: a typical small config (a host name, a user, one unit).
- :func:`corpus`: ``(name, json_text)`` cases for the differential test against the real
  ``ignition-validate``: a valid base config and ~170 small mutations of it, valid and broken in the
  ways users break configs (and some ways only fuzzers do).

Everything is a pure function of its arguments: randomness comes from a seeded ``random.Random``.
Configs are plain dicts (the JSON the user writes), not our typed models, so that the generator does
not depend on the code under test. Import it as ``tests.ignition.configgen``: pytest's importlib mode
resolves that, and ``bench/`` scripts put the repository root on ``sys.path`` first.
"""

from __future__ import annotations

import base64
import copy
import gzip
import hashlib
import json
import random
import re
import struct
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

JSON = dict[str, Any]
Mutation = Callable[[JSON], None]

STABLE_VERSIONS = ("3.0.0", "3.1.0", "3.2.0", "3.3.0")

_WORDS = (
    "alpha bravo cache chrony cron daemon edge etcd fleet gateway harbor ingest journal kube ledger "
    "metrics nginx node oauth proxy queue redis relay sensor spool sync telemetry tunnel vault worker"
).split()
_PEOPLE = "ada alan barbara dennis donald edsger grace john ken linus margaret niklaus radia tim".split()
_CRYPT = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def _minor(version: str) -> int:
    """The minor number of a ``3.y.z`` version, for feature gates."""
    m = re.match(r"3\.(\d+)\.", version)
    if m is None:
        raise ValueError(f"not a 3.x spec version: {version}")
    return int(m.group(1))


# --- realistic pieces ------------------------------------------------------------------------


def data_url(content: bytes, *, b64: bool = False) -> str:
    """A ``data:`` URL as Butane writes them: percent-encoded text, or base64."""
    if b64:
        return "data:;base64," + base64.b64encode(content).decode()
    return "data:," + quote(content, safe="/:=;@+$&,")


def sha512(content: bytes) -> str:
    return "sha512-" + hashlib.sha512(content).hexdigest()


def _ssh_string(data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + data


def ssh_key(rng: random.Random, comment: str) -> str:
    """A well-formed (random) OpenSSH public key line, ed25519 or RSA."""
    if rng.random() < 0.9:
        blob = _ssh_string(b"ssh-ed25519") + _ssh_string(rng.randbytes(32))
        kind = "ssh-ed25519"
    else:
        modulus = b"\x00" + rng.randbytes(256)
        blob = _ssh_string(b"ssh-rsa") + _ssh_string(b"\x01\x00\x01") + _ssh_string(modulus)
        kind = "ssh-rsa"
    return f"{kind} {base64.b64encode(blob).decode()} {comment}"


def password_hash(rng: random.Random) -> str:
    """A SHA-512 crypt(3) string: ``$6$salt$hash``."""
    salt = "".join(rng.choice(_CRYPT) for _ in range(16))
    digest = "".join(rng.choice(_CRYPT) for _ in range(86))
    return f"$6${salt}${digest}"


def _config_text(rng: random.Random, app: str, lines: int) -> bytes:
    out = []
    for _ in range(lines):
        key = f"{rng.choice(_WORDS)}_{rng.choice(('max', 'timeout', 'dir', 'mode', 'level'))}"
        value = rng.choice((str(rng.randrange(1, 65536)), app, "true", "info"))
        out.append(f"{key}={value}")
    return ("\n".join(out) + "\n").encode()


def _script_text(rng: random.Random, app: str) -> bytes:
    return f'#!/bin/sh\nexec /usr/bin/{app} -p {rng.randrange(1024, 65536)} "$@"\n'.encode()


def service_unit(rng: random.Random, app: str, *, install: bool = True) -> str:
    """A real-looking service unit with [Unit], [Service] and (optionally) [Install]."""
    after = rng.choice(("network-online.target", "local-fs.target", "time-sync.target"))
    lines = [
        "[Unit]",
        f"Description={app.capitalize()} service",
        f"After={after}",
        "",
        "[Service]",
        f"Type={rng.choice(('simple', 'notify', 'exec', 'oneshot'))}",
        f"ExecStart=/usr/local/bin/{app}-run -l :{rng.randrange(1024, 65536)} \\",
        f"    --data-dir /var/lib/{app}",
        f"Restart={rng.choice(('on-failure', 'always'))}",
    ]
    if install:
        lines += ["", "[Install]", "WantedBy=multi-user.target"]
    return "\n".join(lines) + "\n"


def _timer_unit(rng: random.Random, app: str) -> str:
    when = rng.choice(("daily", "hourly", "weekly", "*-*-* 03:15:00"))
    return (
        f"[Unit]\nDescription=Periodic {app} run\n\n"
        f"[Timer]\nOnCalendar={when}\nRandomizedDelaySec={rng.randrange(60, 3600)}\nPersistent=true\n\n"
        "[Install]\nWantedBy=timers.target\n"
    )


def _socket_unit(rng: random.Random, app: str) -> str:
    return (
        f"[Unit]\nDescription={app.capitalize()} socket\n\n"
        f"[Socket]\nListenStream={rng.randrange(1024, 65536)}\nAccept=no\n\n"
        "[Install]\nWantedBy=sockets.target\n"
    )


def _path_unit(app: str) -> str:
    return (
        f"[Unit]\nDescription=Watch {app} configuration\n\n"
        f"[Path]\nPathChanged=/etc/{app}\nUnit={app}-reload.service\n\n"
        "[Install]\nWantedBy=multi-user.target\n"
    )


def _dropin(rng: random.Random, app: str) -> JSON:
    return rng.choice(
        (
            {"name": "10-limits.conf", "contents": "[Service]\nLimitNOFILE=65536\nTasksMax=4096\n"},
            {"name": "20-env.conf", "contents": f"[Service]\nEnvironment=APP={app} LOG_LEVEL=info\n"},
            {"name": "30-after.conf", "contents": "[Unit]\nAfter=network-online.target\n"},
        )
    )


# --- the big config --------------------------------------------------------------------------


def big_config(
    version: str = "3.3.0", files: int = 2000, units: int = 300, users: int = 50, seed: int = 0
) -> JSON:
    """A large valid config: ~320 KB as ``json.dumps`` writes it with the defaults."""
    rng = random.Random(seed)
    minor = _minor(version)
    apps = [f"{_WORDS[i % len(_WORDS)]}{i // len(_WORDS) or ''}" for i in range(max(1, files // 40))]
    cfg: JSON = {"ignition": _ignition_section(version)}
    if minor >= 3:
        cfg["kernelArguments"] = {
            "shouldExist": ["console=ttyS0,115200n8", "systemd.unified_cgroup_hierarchy=1"],
            "shouldNotExist": ["quiet", "rhgb"],
        }
    cfg["passwd"] = _passwd(rng, users, version)
    cfg["storage"] = _storage(rng, apps, files, version)
    cfg["systemd"] = {"units": _units(rng, apps, units)}
    return cfg


def _ignition_section(version: str) -> JSON:
    ca = b"-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUexample\n-----END CERTIFICATE-----\n"
    section: JSON = {
        "version": version,
        "security": {"tls": {"certificateAuthorities": [{"source": data_url(ca), "verification": {}}]}},
        "timeouts": {"httpResponseHeaders": 20, "httpTotal": 600},
    }
    if _minor(version) >= 1:
        section["proxy"] = {
            "httpsProxy": "https://proxy.example.com:3128",
            "noProxy": ["localhost", "127.0.0.1", ".example.com"],
        }
    return section


def _passwd(rng: random.Random, users: int, version: str) -> JSON:
    groups = [{"name": "admins", "gid": 1500}, {"name": "operators", "gid": 1501}]
    groups += [{"name": f"svc-{w}", "system": True} for w in _WORDS[: max(0, users // 5 - 2)]]
    out = []
    for i in range(users):
        name = "core" if i == 0 else f"{_PEOPLE[i % len(_PEOPLE)]}{i}"
        user: JSON = {
            "name": name,
            "passwordHash": password_hash(rng),
            "sshAuthorizedKeys": [ssh_key(rng, f"{name}@ws{k}") for k in range(1 if rng.random() < 0.8 else 2)],
        }
        if i:
            user["uid"] = 1000 + i
            user["gecos"] = f"{name.rstrip('0123456789').capitalize()} Example"
            user["homeDir"] = f"/var/home/{name}"
            user["shell"] = rng.choice(("/bin/bash", "/bin/zsh"))
        user["groups"] = rng.sample(["wheel", "sudo", "admins", "operators", "docker"], 2)
        if _minor(version) >= 2 and i % 17 == 16:
            user["shouldExist"] = False
        out.append(user)
    return {"users": out, "groups": groups}


def _owner(rng: random.Random, app: str) -> JSON:
    """Most files belong to root (no owner written); some to the app's user, a few by id."""
    which = rng.random()
    if which < 0.92:
        return {}
    if which < 0.98:
        return {"user": {"name": app}, "group": {"name": app}}
    return {"user": {"id": 0}, "group": {"id": 0}}


def _file(rng: random.Random, path: str, content: bytes, mode: int, version: str, app: str) -> JSON:
    # Half the files leave the mode to Ignition's default (0644), as hand-written configs do.
    f: JSON = {"path": path, **({"mode": mode} if mode != 0o644 or rng.random() < 0.5 else {}), **_owner(rng, app)}
    kind = rng.random()
    contents: JSON
    if kind < 0.01:
        # A remote file: must carry a hash; headers exist since 3.1.
        contents = {"source": f"https://cfg.example.com{path}", "verification": {"hash": sha512(content)}}
        if _minor(version) >= 1:
            contents["httpHeaders"] = [{"name": "Authorization", "value": "Bearer example-token"}]
    elif kind < 0.03:
        blob = gzip.compress(content * 4, mtime=0)
        contents = {"source": data_url(blob, b64=True), "compression": "gzip"}
    elif kind < 0.04:
        contents = {"source": data_url(content), "verification": {"hash": sha512(content)}}
    else:
        contents = {"source": data_url(content, b64=rng.random() < 0.05)}
    if kind > 0.97:
        f["append"] = [contents]
    else:
        if rng.random() < 0.1:
            f["overwrite"] = True
        f["contents"] = contents
    return f


def _storage(rng: random.Random, apps: list[str], nfiles: int, version: str) -> JSON:
    directories: list[JSON] = []
    files: list[JSON] = []
    links: list[JSON] = []
    first_conf: dict[str, str] = {}
    for app in apps:
        directories.append({"path": f"/etc/{app}", "mode": 0o755, **_owner(rng, app)})
        directories.append({"path": f"/etc/{app}/conf.d", "mode": 0o750, **_owner(rng, app)})
    for i in range(nfiles):
        app = apps[i % len(apps)]
        n = i // len(apps)
        if n == 0:
            path, content, mode = f"/usr/local/bin/{app}-run", _script_text(rng, app), 0o755
        elif n == 1:
            path, content, mode = f"/etc/{app}/{app}.env", f"APP={app}\n".encode(), 0o640
        else:
            path, mode = f"/etc/{app}/conf.d/{n:02d}.conf", rng.choice((0o644, 0o644, 0o644, 0o600))
            content = _config_text(rng, app, 1 if rng.random() < 0.95 else 2)
            first_conf.setdefault(app, path)
        files.append(_file(rng, path, content, mode, version, app))
    for app in apps:
        # A relative symlink to the app's first drop-in file, as admins make "current" links.
        target = first_conf.get(app, f"/usr/local/bin/{app}-run")
        links.append({"path": f"/etc/{app}/current.conf", "target": target.removeprefix(f"/etc/{app}/")})
    links.append({"path": "/etc/localtime", "target": "../usr/share/zoneinfo/UTC", "overwrite": True})
    links.append({"path": "/usr/local/bin/run-main", "target": files[0]["path"], "hard": True})
    storage: JSON = {
        "disks": [
            {
                "device": "/dev/disk/by-id/virtio-data",
                "wipeTable": True,
                "partitions": [
                    {"label": "data", "number": 1, "sizeMiB": 10240, "startMiB": 0},
                    {"label": "logs", "number": 2, "sizeMiB": 4096},
                    {"label": "scratch", "number": 3, "sizeMiB": 0},
                ],
            }
        ],
        "filesystems": [
            {"device": "/dev/disk/by-partlabel/data", "format": "xfs", "label": "data", "path": "/var/data"},
            {"device": "/dev/disk/by-partlabel/logs", "format": "ext4", "label": "logs", "path": "/var/srv"},
        ],
        "directories": directories,
        "files": files,
        "links": links,
    }
    if _minor(version) >= 2:
        storage["luks"] = [
            {
                "name": "scratch",
                "device": "/dev/disk/by-partlabel/scratch",
                "clevis": {"tpm2": True},
                "wipeVolume": True,
            }
        ]
    return storage


def _units(rng: random.Random, apps: list[str], count: int) -> list[JSON]:
    units: list[JSON] = []
    for i in range(count):
        app = apps[i % len(apps)]
        kind = rng.random()
        unit: JSON
        if kind < 0.55:
            unit = {"name": f"{app}-{i:03d}.service", "enabled": True, "contents": service_unit(rng, app)}
        elif kind < 0.70:
            unit = {"name": f"{app}-{i:03d}.timer", "enabled": True, "contents": _timer_unit(rng, app)}
        elif kind < 0.80:
            unit = {"name": f"{app}-{i:03d}.socket", "enabled": True, "contents": _socket_unit(rng, app)}
        elif kind < 0.85:
            unit = {"name": f"{app}-{i:03d}.path", "enabled": False, "contents": _path_unit(app)}
        elif kind < 0.95:
            unit = {"name": f"{app}-agent-{i:03d}.service", "dropins": [_dropin(rng, app)]}
        else:
            unit = {"name": f"legacy-{app}-{i:03d}.service", "mask": True}
        if kind < 0.55 and rng.random() < 0.1:
            unit["dropins"] = [_dropin(rng, app)]
        units.append(unit)
    return units


# --- the small config ------------------------------------------------------------------------


def small_config(version: str = "3.3.0", seed: int = 0) -> JSON:
    """A typical first-boot config: host name, one admin user with a key, one service."""
    rng = random.Random(seed)
    return {
        "ignition": {"version": version},
        "passwd": {"users": [{"name": "core", "sshAuthorizedKeys": [ssh_key(rng, "core@laptop")]}]},
        "storage": {
            "files": [
                {"path": "/etc/hostname", "mode": 0o644, "contents": {"source": data_url(b"node1\n")}},
            ]
        },
        "systemd": {
            "units": [{"name": "hello.service", "enabled": True, "contents": service_unit(rng, "hello")}]
        },
    }


# --- the differential corpus -----------------------------------------------------------------


def base_config(version: str = "3.3.0") -> JSON:
    """A small valid config with one of everything its version has: the corpus mutates it."""
    minor = _minor(version)
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


def _walk(cfg: JSON, dotted: str) -> tuple[Any, str | int]:
    """The container of the last element of ``a.b.0.c`` and that element's key or index; missing
    objects and lists on the way are created."""
    parts: list[str | int] = [int(p) if p.isdigit() else p for p in dotted.split(".")]
    node: Any = cfg
    for part, after in zip(parts, parts[1:], strict=False):
        if isinstance(node, dict) and part not in node:
            node[part] = [] if isinstance(after, int) else {}
        node = node[part]
    return node, parts[-1]


def set_(dotted: str, value: Any) -> Mutation:
    def mutate(cfg: JSON) -> None:
        node, key = _walk(cfg, dotted)
        node[key] = copy.deepcopy(value)

    return mutate


def append(dotted: str, *items: Any) -> Mutation:
    def mutate(cfg: JSON) -> None:
        node, key = _walk(cfg, dotted)
        node.setdefault(key, []).extend(copy.deepcopy(list(items)))

    return mutate


def delete(dotted: str) -> Mutation:
    def mutate(cfg: JSON) -> None:
        node, key = _walk(cfg, dotted)
        del node[key]

    return mutate


def rename(dotted: str, new_key: str) -> Mutation:
    """Rename an object key in place (keeping the key order)."""

    def mutate(cfg: JSON) -> None:
        node, key = _walk(cfg, dotted)
        items = list(node.items())
        node.clear()
        node.update((new_key if k == key else k, v) for k, v in items)

    return mutate


def both(*mutations: Mutation) -> Mutation:
    def mutate(cfg: JSON) -> None:
        for m in mutations:
            m(cfg)

    return mutate


def _file(path: str, **extra: Any) -> JSON:
    return {"path": path, **extra}


_SHA512 = "sha512-" + "a" * 128
_SHA256 = "sha256-" + "b" * 64
_UNIT_OK = "[Unit]\nDescription=x\n\n[Service]\nExecStart=/bin/true\n"

# (name, mutation): each case is the base config of the version with one mutation applied.
_MUTATIONS: list[tuple[str, Mutation]] = [
    # --- paths of files, directories and links
    ("file-path-relative", set_("storage.files.0.path", "etc/hostname")),
    ("file-path-dotdot", set_("storage.files.0.path", "/etc/../hostname")),
    ("file-path-double-slash", set_("storage.files.0.path", "/etc//hostname")),
    ("file-path-trailing-slash", set_("storage.files.0.path", "/etc/hostname/")),
    ("file-path-dot", set_("storage.files.0.path", "/etc/./hostname")),
    ("file-path-root", set_("storage.files.0.path", "/")),
    ("file-path-empty", set_("storage.files.0.path", "")),
    ("file-path-missing", delete("storage.files.0.path")),
    ("dir-path-relative", set_("storage.directories.0.path", "var/lib/app")),
    ("dir-path-trailing-slash", set_("storage.directories.0.path", "/var/lib/app/")),
    ("link-path-relative", set_("storage.links.0.path", "etc/localtime")),
    ("link-path-dotdot", set_("storage.links.0.path", "/etc/x/../localtime")),
    ("dup-file-file", append("storage.files", _file("/etc/hostname", mode=0o600))),
    ("dup-file-dir", append("storage.directories", _file("/etc/hostname"))),
    ("dup-file-link", append("storage.links", _file("/etc/hostname", target="/etc/other"))),
    ("dup-dir-link", append("storage.links", _file("/var/lib/app", target="/srv/app"))),
    ("dup-dir-dir", append("storage.directories", _file("/var/lib/app"))),
    ("dup-link-link", append("storage.links", _file("/etc/localtime", target="/x"))),
    ("file-under-link", append("storage.files", _file("/etc/localtime/zone"))),
    ("dir-under-link", append("storage.directories", _file("/etc/localtime/sub"))),
    ("link-under-link", append("storage.links", _file("/etc/localtime/x", target="/y"))),
    ("file-under-hardlink", append("storage.links", _file("/srv/h", target="/etc/motd", hard=True))),
    ("file-under-hardlink-dir", both(
        append("storage.links", _file("/srv/h", target="/var/lib/app", hard=True)),
        append("storage.files", _file("/srv/h/x")),
    )),
    ("link-no-target", delete("storage.links.0.target")),
    ("link-target-empty", set_("storage.links.0.target", "")),
    ("link-target-absolute", set_("storage.links.0.target", "/usr/share/zoneinfo/UTC")),
    ("link-hard-relative-target", append("storage.links", _file("/srv/h", target="etc/motd", hard=True))),
    ("link-hard-ok", append("storage.links", _file("/srv/h", target="/etc/motd", hard=True))),
    ("link-overwrite", set_("storage.links.0.overwrite", True)),
    # --- sources
    ("source-ftp", set_("storage.files.0.contents.source", "ftp://example.com/hostname")),
    ("source-gs", set_("storage.files.0.contents.source", "gs://bucket/hostname")),
    ("source-s3", set_("storage.files.0.contents.source", "s3://bucket/hostname")),
    ("source-s3-versioned", set_("storage.files.0.contents.source", "s3://bucket/hostname?versionId=abc")),
    ("source-arn", set_("storage.files.0.contents.source", "arn:aws:s3:::bucket/hostname")),
    ("source-arn-bad", set_("storage.files.0.contents.source", "arn:aws:ec2:::instance/i-1")),
    ("source-arn-accesspoint", set_(
        "storage.files.0.contents.source", "arn:aws:s3:us-west-2:123456789012:accesspoint/ap/object/key"
    )),
    ("source-tftp", set_("storage.files.0.contents.source", "tftp://10.0.0.1/hostname")),
    ("source-file", set_("storage.files.0.contents.source", "file:///etc/hostname")),
    ("source-no-scheme", set_("storage.files.0.contents.source", "example.com/hostname")),
    ("source-unparsable", set_("storage.files.0.contents.source", "http://[::1/hostname")),
    ("source-empty", set_("storage.files.0.contents.source", "")),
    ("source-null-with-hash", set_("storage.files.0.contents", {"verification": {"hash": _SHA512}})),
    ("source-http", set_("storage.files.0.contents.source", "http://example.com/hostname")),
    ("data-url-base64", set_("storage.files.0.contents.source", "data:;base64,bm9kZTEK")),
    ("data-url-bad-base64", set_("storage.files.0.contents.source", "data:;base64,@@@")),
    ("data-url-no-comma", set_("storage.files.0.contents.source", "data:node1")),
    ("data-url-mediatype", set_("storage.files.0.contents.source", "data:text/plain;charset=utf-8,node1")),
    ("data-url-bad-char", set_("storage.files.0.contents.source", "data:,a b")),
    ("append-source-ftp", set_("storage.files.1.append.0.source", "ftp://example.com/motd")),
    ("merge-source-bad", set_("ignition.config.merge", [{"source": "ftp://example.com/x.ign"}])),
    ("replace-source-ok", set_("ignition.config.replace", {"source": "https://example.com/x.ign"})),
    ("ca-source-bad", set_("ignition.security.tls.certificateAuthorities", [{"source": "nope"}])),
    ("headers-on-data", set_("storage.files.0.contents.httpHeaders", [{"name": "A", "value": "b"}])),
    ("headers-on-https", set_("storage.files.2.contents.httpHeaders", [{"name": "A", "value": "b"}])),
    ("headers-on-s3", both(
        set_("storage.files.2.contents.source", "s3://bucket/tool"),
        set_("storage.files.2.contents.httpHeaders", [{"name": "A", "value": "b"}]),
    )),
    ("headers-empty-name", set_("storage.files.2.contents.httpHeaders", [{"name": "", "value": "b"}])),
    ("headers-duplicate", set_(
        "storage.files.2.contents.httpHeaders", [{"name": "A", "value": "b"}, {"name": "A", "value": "c"}]
    )),
    ("headers-no-value", set_("storage.files.2.contents.httpHeaders", [{"name": "A"}])),
    ("headers-on-merge", set_(
        "ignition.config.merge", [{"source": "data:,{}", "httpHeaders": [{"name": "A", "value": "b"}]}]
    )),
    ("compression-gzip", set_("storage.files.0.contents.compression", "gzip")),
    ("compression-bad", set_("storage.files.0.contents.compression", "bzip2")),
    ("compression-empty", set_("storage.files.0.contents.compression", "")),
    ("compression-on-append", set_("storage.files.1.append.0.compression", "gzip")),
    ("compression-on-merge", set_(
        "ignition.config.merge", [{"source": "https://example.com/x.ign", "compression": "gzip"}]
    )),
    # --- verification
    ("hash-sha512-short", set_("storage.files.2.contents.verification.hash", "sha512-abc")),
    ("hash-sha512-long", set_("storage.files.2.contents.verification.hash", _SHA512 + "aa")),
    ("hash-sha512-nonhex", set_("storage.files.2.contents.verification.hash", "sha512-" + "z" * 128)),
    ("hash-sha512-upper", set_("storage.files.2.contents.verification.hash", "sha512-" + "A" * 128)),
    ("hash-md5", set_("storage.files.2.contents.verification.hash", "md5-" + "c" * 32)),
    ("hash-sha256", set_("storage.files.2.contents.verification.hash", _SHA256)),
    ("hash-sha256-short", set_("storage.files.2.contents.verification.hash", "sha256-abc")),
    ("hash-no-dash", set_("storage.files.2.contents.verification.hash", "sha512")),
    ("hash-empty", set_("storage.files.2.contents.verification.hash", "")),
    # --- modes, ownership, overwrite
    ("mode-negative", set_("storage.files.0.mode", -1)),
    ("mode-too-big", set_("storage.files.0.mode", 0o10000)),
    ("mode-max", set_("storage.files.0.mode", 0o7777)),
    ("mode-setuid", set_("storage.files.0.mode", 0o4755)),
    ("mode-sticky-dir", set_("storage.directories.0.mode", 0o1777)),
    ("mode-zero", set_("storage.files.0.mode", 0)),
    ("mode-decimal-644", set_("storage.files.0.mode", 644)),
    ("dir-mode-too-big", set_("storage.directories.0.mode", 0o17777)),
    ("overwrite-no-source", set_("storage.files.0.contents", {})),
    ("overwrite-false-no-source", set_("storage.files.0", _file("/etc/hostname", overwrite=False))),
    ("append-and-overwrite", set_("storage.files.1.overwrite", True)),
    ("user-id-and-name", set_("storage.files.0.user", {"id": 0, "name": "root"})),
    ("group-id-and-name", set_("storage.files.0.group", {"id": 0, "name": "root"})),
    ("user-name-empty", set_("storage.files.0.user", {"name": ""})),
    ("user-id-negative", set_("storage.files.0.user", {"id": -5})),
    # --- systemd units
    ("unit-no-extension", set_("systemd.units.0.name", "app")),
    ("unit-bad-extension", set_("systemd.units.0.name", "app.bogus")),
    ("unit-name-empty", set_("systemd.units.0.name", "")),
    ("unit-name-template", set_("systemd.units.0.name", "getty@ttyS0.service")),
    ("unit-name-timer", set_("systemd.units.0.name", "app.timer")),
    ("unit-name-slash", set_("systemd.units.0.name", "sub/app.service")),
    ("unit-contents-no-bracket", set_("systemd.units.0.contents", "[Unit\nDescription=x\n")),
    ("unit-contents-line-before-section", set_("systemd.units.0.contents", "Description=x\n[Unit]\n")),
    ("unit-contents-comment-first", set_("systemd.units.0.contents", "# hi\n[Unit]\nDescription=x\n")),
    ("unit-contents-continuation", set_(
        "systemd.units.0.contents", "[Service]\nExecStart=/bin/echo a \\\n  b\n[Install]\nWantedBy=x.target\n"
    )),
    ("unit-contents-no-equals", set_("systemd.units.0.contents", "[Unit]\nDescription\n")),
    ("unit-contents-empty", set_("systemd.units.0.contents", "")),
    ("unit-enabled-no-install", set_("systemd.units.0.contents", _UNIT_OK)),
    ("unit-enabled-no-contents", delete("systemd.units.0.contents")),
    ("unit-disabled-no-install", both(set_("systemd.units.0.contents", _UNIT_OK), set_("systemd.units.0.enabled", False))),
    ("unit-mask-and-enabled", set_("systemd.units.1.enabled", True)),
    ("unit-mask-with-contents", set_("systemd.units.1.contents", _UNIT_OK)),
    ("unit-dup-name", append("systemd.units", {"name": "app.service", "mask": True})),
    ("dropin-no-conf", set_("systemd.units.0.dropins.0.name", "10-env")),
    ("dropin-name-empty", set_("systemd.units.0.dropins.0.name", "")),
    ("dropin-bad-contents", set_("systemd.units.0.dropins.0.contents", "Environment=A=1\n")),
    ("dropin-dup-name", append("systemd.units.0.dropins", {"name": "10-env.conf"})),
    ("dropin-only", set_("systemd.units.1", {"name": "sshd.service", "dropins": [{"name": "a.conf"}]})),
    # --- passwd
    ("user-dup", append("passwd.users", {"name": "core"})),
    ("user-name-empty", set_("passwd.users.0.name", "")),
    ("user-name-missing", delete("passwd.users.0.name")),
    ("user-should-exist-false", set_("passwd.users.0.shouldExist", False)),
    ("user-uid-negative", set_("passwd.users.0.uid", -1)),
    ("user-ssh-key-garbage", set_("passwd.users.0.sshAuthorizedKeys", ["not a key"])),
    ("user-full", set_("passwd.users.0", {
        "name": "ada", "uid": 1001, "gecos": "Ada", "homeDir": "/home/ada", "shell": "/bin/zsh",
        "noCreateHome": True, "noUserGroup": True, "noLogInit": True, "system": True, "primaryGroup": "ops",
    })),
    ("group-dup", append("passwd.groups", {"name": "ops"})),
    ("group-name-empty", set_("passwd.groups.0.name", "")),
    ("group-should-exist-false", set_("passwd.groups.0.shouldExist", False)),
    # --- disks and partitions
    ("partition-label-36", set_("storage.disks.0.partitions.0.label", "x" * 36)),
    ("partition-label-37", set_("storage.disks.0.partitions.0.label", "x" * 37)),
    ("partition-label-multibyte", set_("storage.disks.0.partitions.0.label", "é" * 20)),
    ("partition-label-colon", set_("storage.disks.0.partitions.0.label", "data:1")),
    ("partition-guid-bad", set_("storage.disks.0.partitions.0.guid", "not-a-guid")),
    ("partition-guid-no-dashes", set_("storage.disks.0.partitions.0.guid", "8a0f2e1c6b0d4b7e9a432f7e5c1d9b10")),
    ("partition-guid-braces", set_("storage.disks.0.partitions.0.guid", "{8a0f2e1c-6b0d-4b7e-9a43-2f7e5c1d9b10}")),
    ("partition-typeguid-bad", set_("storage.disks.0.partitions.0.typeGuid", "linux")),
    ("partition-typeguid-upper-short", set_("storage.disks.0.partitions.0.typeGuid", "0FC63DAF-8483")),
    ("partition-number-collide", set_("storage.disks.0.partitions.1.number", 1)),
    ("partition-number-zero-twice", both(
        set_("storage.disks.0.partitions.0.number", 0), set_("storage.disks.0.partitions.1.number", 0)
    )),
    ("partition-overlap", set_("storage.disks.0.partitions.1.startMiB", 512)),
    ("partition-overlap-sizeless", both(
        set_("storage.disks.0.partitions.1.startMiB", 512), delete("storage.disks.0.partitions.1.sizeMiB")
    )),
    ("partition-should-not-exist-with-size", set_("storage.disks.0.partitions.1.shouldExist", False)),
    ("partition-should-not-exist-number-zero", set_("storage.disks.0.partitions.1", {"number": 0, "shouldExist": False})),
    ("partition-should-not-exist-ok", set_("storage.disks.0.partitions.1", {"number": 2, "shouldExist": False})),
    ("partition-negative-size", set_("storage.disks.0.partitions.1.sizeMiB", -1)),
    ("partition-resize", set_("storage.disks.0.partitions.0.resize", True)),
    ("partition-no-label-number-zero", set_("storage.disks.0.partitions.1", {"sizeMiB": 10})),
    ("disk-device-empty", set_("storage.disks.0.device", "")),
    ("disk-device-relative", set_("storage.disks.0.device", "vdb")),
    ("disk-dup-device", append("storage.disks", {"device": "/dev/vdb"})),
    # --- raid
    ("raid-level-bad", set_("storage.raid.0.level", "raid7")),
    ("raid-level-missing", delete("storage.raid.0.level")),
    ("raid-level-linear-spares", both(set_("storage.raid.0.level", "linear"), set_("storage.raid.0.spares", 1))),
    ("raid-level-raid0-spares", both(set_("storage.raid.0.level", "raid0"), set_("storage.raid.0.spares", 1))),
    ("raid-level-10", set_("storage.raid.0.level", "raid10")),
    ("raid-level-numeric", set_("storage.raid.0.level", "5")),
    ("raid-spares-negative", set_("storage.raid.0.spares", -1)),
    ("raid-no-devices", set_("storage.raid.0.devices", [])),
    ("raid-device-relative", set_("storage.raid.0.devices", ["vdc", "/dev/vdd"])),
    ("raid-no-name", set_("storage.raid.0.name", "")),
    ("raid-dup-name", append("storage.raid", {"name": "md-data", "level": "raid0", "devices": ["/dev/vdf"]})),
    # --- filesystems
    ("fs-format-bad", set_("storage.filesystems.0.format", "ntfs")),
    ("fs-format-none", set_("storage.filesystems.0.format", "none")),
    ("fs-format-missing", delete("storage.filesystems.0.format")),
    ("fs-format-swap-with-path", set_("storage.filesystems.0.format", "swap")),
    ("fs-label-ext4-16", both(set_("storage.filesystems.0.format", "ext4"), set_("storage.filesystems.0.label", "x" * 16))),
    ("fs-label-ext4-17", both(set_("storage.filesystems.0.format", "ext4"), set_("storage.filesystems.0.label", "x" * 17))),
    ("fs-label-xfs-13", set_("storage.filesystems.0.label", "x" * 13)),
    ("fs-label-vfat-12", both(set_("storage.filesystems.0.format", "vfat"), set_("storage.filesystems.0.label", "x" * 12))),
    ("fs-label-btrfs-257", both(set_("storage.filesystems.0.format", "btrfs"), set_("storage.filesystems.0.label", "x" * 257))),
    ("fs-label-swap-16", both(set_("storage.filesystems.0.format", "swap"), set_("storage.filesystems.0.label", "x" * 16))),
    ("fs-path-relative", set_("storage.filesystems.0.path", "var/data")),
    ("fs-path-dirty", set_("storage.filesystems.0.path", "/var/data/")),
    ("fs-device-relative", set_("storage.filesystems.0.device", "vdb1")),
    ("fs-device-empty", set_("storage.filesystems.0.device", "")),
    ("fs-dup-device", append("storage.filesystems", {"device": "/dev/disk/by-partlabel/data", "format": "ext4"})),
    ("fs-mount-options", set_("storage.filesystems.0.mountOptions", ["noatime"])),
    ("fs-uuid-bad", set_("storage.filesystems.0.uuid", "nope")),
    # --- luks (3.2)
    ("luks-ok-tang", set_("storage.luks.0.clevis", {"tang": [{"url": "https://tang.example.com", "thumbprint": "x"}]})),
    ("luks-no-name", set_("storage.luks.0.name", "")),
    ("luks-no-device", delete("storage.luks.0.device")),
    ("luks-device-relative", set_("storage.luks.0.device", "vde")),
    ("luks-keyfile-bad-url", set_("storage.luks.0.keyFile", {"source": "ftp://example.com/key"})),
    ("luks-tang-bad-url", set_("storage.luks.0.clevis", {"tang": [{"url": "ftp://tang"}]})),
    ("luks-clevis-custom", set_("storage.luks.0.clevis", {"custom": {"pin": "sss", "config": "{}"}})),
    ("luks-clevis-custom-and-tpm", set_("storage.luks.0.clevis.custom", {"pin": "tpm2", "config": "{}"})),
    ("luks-uuid-bad", set_("storage.luks.0.uuid", "nope")),
    ("luks-label-long", set_("storage.luks.0.label", "x" * 49)),
    ("luks-dup-name", append("storage.luks", {"name": "secret", "device": "/dev/vdf"})),
    ("luks-discard", set_("storage.luks.0.discard", True)),
    # --- kernel arguments (3.3)
    ("kargs-conflict", set_("kernelArguments.shouldNotExist", ["console=ttyS0"])),
    ("kargs-dup", set_("kernelArguments.shouldExist", ["a", "a"])),
    ("kargs-empty", set_("kernelArguments", {})),
    # --- ignition section
    ("timeouts-negative", set_("ignition.timeouts.httpTotal", -1)),
    ("proxy-http-for-https", set_("ignition.proxy", {"httpsProxy": "http://proxy:3128"})),
    ("proxy-bad-url", set_("ignition.proxy", {"httpProxy": "::nope"})),
    # --- unknown keys, newer keys, case variants
    ("unknown-top-level", set_("frobnicate", True)),
    ("unknown-nested", set_("storage.files.0.colour", "blue")),
    ("unknown-deep", set_("systemd.units.0.dropins.0.priority", 10)),
    ("unknown-in-unknown", set_("extra", {"nested": {"deeper": [1, 2, {"x": None}]}})),
    ("newer-key-kernel-args", set_("kernelArguments", {"shouldExist": ["a"]})),
    ("newer-key-luks", set_("storage.luks", [{"name": "x", "device": "/dev/vdg"}])),
    ("newer-key-luks-discard", set_("storage.luks", [{"name": "x", "device": "/dev/vdg", "discard": True}])),
    ("newer-key-proxy", set_("ignition.proxy", {"noProxy": ["localhost"]})),
    ("newer-key-resize", set_("storage.disks.0.partitions.0.resize", False)),
    ("newer-key-cex", set_("storage.luks", [{"name": "x", "device": "/dev/vdg", "cex": {"enabled": True}}])),
    ("case-variant-path", rename("storage.files.0.path", "Path")),
    ("case-variant-upper", rename("storage.files.0.path", "PATH")),
    ("case-variant-top", rename("storage", "Storage")),
    ("case-variant-version", rename("ignition.version", "Version")),
    # --- type errors and nulls
    ("type-string-for-int", set_("storage.files.0.mode", "0644")),
    ("type-int-for-string", set_("storage.files.0.path", 1)),
    ("type-bool-for-string", set_("systemd.units.0.name", True)),
    ("type-string-for-bool", set_("storage.files.0.overwrite", "true")),
    ("type-array-for-object", set_("storage", [])),
    ("type-object-for-array", set_("storage.files", {})),
    ("type-float-for-int", set_("storage.files.0.mode", 420.5)),
    ("type-exp-for-int", set_("storage.files.0.mode", 4.2e2)),
    ("type-huge-int", set_("storage.files.0.mode", 10**20)),
    ("type-int-in-strings", set_("passwd.users.0.sshAuthorizedKeys", ["ok", 1])),
    ("type-two-errors", both(set_("storage.files.0.path", 1), set_("passwd.users.0.name", 2))),
    ("type-ignition-string", set_("ignition", "3.3.0")),
    ("null-path", set_("storage.files.0.path", None)),
    ("null-files", set_("storage.files", None)),
    ("null-storage", set_("storage", None)),
    ("null-file-entry", append("storage.files", None)),
    ("null-in-strings", set_("passwd.users.0.sshAuthorizedKeys", [None])),
    ("null-mode", set_("storage.files.0.mode", None)),
    ("null-contents", set_("storage.files.0.contents", None)),
]
