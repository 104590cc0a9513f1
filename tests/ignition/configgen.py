# SPDX-License-Identifier: Apache-2.0
"""Deterministic Ignition configs for tests and benchmarks.

- :func:`big_config`: a large, realistic, valid config (the benchmark's input, ~320 KB as JSON).
- :func:`small_config`: a typical small config (a host name, a user, one unit).
(The differential corpus built on the same helpers is :mod:`tests.ignition.configcorpus`.)

Everything is a pure function of its arguments: randomness comes from a seeded ``random.Random``.
Configs are plain dicts (the JSON the user writes), not our typed models, so that the generator does
not depend on the code under test. Import it as ``tests.ignition.configgen``: pytest's importlib mode
resolves that, and ``bench/`` scripts put the repository root on ``sys.path`` first.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import random
import re
import struct
from typing import Any
from urllib.parse import quote

JSON = dict[str, Any]

STABLE_VERSIONS = ("3.0.0", "3.1.0", "3.2.0", "3.3.0")


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_WORDS = _words(
    "alpha bravo cache chrony cron daemon edge etcd fleet gateway harbor ingest journal kube ledger "
    "metrics nginx node oauth proxy queue redis relay sensor spool sync telemetry tunnel vault worker"
)
_PEOPLE = _words("ada alan barbara dennis donald edsger grace john ken linus margaret niklaus radia tim")
_CRYPT = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def spec_minor(version: str) -> int:
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
    minor = spec_minor(version)
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
    if spec_minor(version) >= 1:
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
            "sshAuthorizedKeys": [
                ssh_key(rng, f"{name}@ws{k}") for k in range(1 if rng.random() < 0.8 else 2)
            ],
        }
        if i:
            user["uid"] = 1000 + i
            user["gecos"] = f"{name.rstrip('0123456789').capitalize()} Example"
            user["homeDir"] = f"/var/home/{name}"
            user["shell"] = rng.choice(("/bin/bash", "/bin/zsh"))
        user["groups"] = rng.sample(["wheel", "sudo", "admins", "operators", "docker"], 2)
        if spec_minor(version) >= 2 and i % 17 == 16:
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


def _file(rng: random.Random, path: str, content: bytes, *, mode: int, version: str, app: str) -> JSON:
    # Half the files leave the mode to Ignition's default (0644), as hand-written configs do.
    f: JSON = {
        "path": path,
        **({"mode": mode} if mode != 0o644 or rng.random() < 0.5 else {}),
        **_owner(rng, app),
    }
    kind = rng.random()
    contents: JSON
    if kind < 0.01:
        # A remote file: must carry a hash; headers exist since 3.1.
        contents = {"source": f"https://cfg.example.com{path}", "verification": {"hash": sha512(content)}}
        if spec_minor(version) >= 1:
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
        files.append(_file(rng, path, content, mode=mode, version=version, app=app))
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
    if spec_minor(version) >= 2:
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
