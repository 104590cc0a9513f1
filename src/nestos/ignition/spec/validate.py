# SPDX-License-Identifier: Apache-2.0
"""The rules of Ignition's config validator, for every spec version.

``validate(config)`` walks the typed config the way the real validator does: each object's own
checks first, then its fields in Go order, depth first; then the duplicate-key pass over keyed
lists. Messages are the real tool's. Rules that a newer spec introduced carry that version.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable, Iterable
from typing import Any

from nestos.ignition.spec import urls
from nestos.ignition.spec.report import Path, Report
from nestos.ignition.spec.schema import type_spec
from nestos.ignition.spec.types import (
    TLS,
    Clevis,
    Config,
    Directory,
    Disk,
    Dropin,
    File,
    Filesystem,
    HTTPHeader,
    Ignition,
    IgnitionConfig,
    KernelArguments,
    Kind,
    Link,
    Luks,
    NodeGroup,
    NodeUser,
    Partition,
    Passwd,
    Proxy,
    Raid,
    Resource,
    Storage,
    Systemd,
    Tang,
    Unit,
    Verification,
)
from nestos.ignition.spec.unitfile import UnitOption, UnitSyntaxError, parse_unit
from nestos.ignition.spec.versions import Spec

# --- messages (the real validator's) ---------------------------------------------------------

DUPLICATE = "duplicate entry defined"
NO_PATH = "path not specified"
PATH_RELATIVE = "path not absolute"
DIRTY_PATH = "path is not fully simplified"
ILLEGAL_MODE = "illegal file mode"
SPECIAL_BITS = "setuid/setgid/sticky bits are not supported in spec versions older than 3.6.0"
SOURCE_REQUIRED = "source is required"

_GUID = re.compile(r"^(|[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})$")
_UNIT_TYPES = frozenset(
    [
        ".service",
        ".socket",
        ".device",
        ".mount",
        ".automount",
        ".swap",
        ".target",
        ".path",
        ".timer",
        ".snapshot",
        ".slice",
        ".scope",
    ]
)
_RAID_LEVELS = frozenset(
    [
        "linear",
        "raid0",
        "0",
        "stripe",
        "raid1",
        "1",
        "mirror",
        "raid4",
        "4",
        "raid5",
        "5",
        "raid6",
        "6",
        "raid10",
        "10",
    ]
)
_NO_SPARES = frozenset(["linear", "raid0", "0", "stripe"])
_LABEL_MAX = {"ext4": 16, "btrfs": 256, "xfs": 12, "swap": 15, "vfat": 11}
_HASH_HEX = {"sha512": 128, "sha256": 64}
_SYSTEMD_DIR = "/etc/systemd/system/"


def validate(config: Config) -> Report:
    """All validation problems of ``config`` (which must be a known spec version)."""
    v = _Validator(config.spec)
    v.walk(config, ())
    v.duplicates(config, ())
    return v.report


class _Validator:
    __slots__ = ("report", "spec")

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.report = Report()

    def error(self, path: Path, message: str | None) -> None:
        if message:
            self.report.error(path, message)

    def warning(self, path: Path, message: str | None) -> None:
        if message:
            self.report.warning(path, message)

    # -- the walk ------------------------------------------------------------------------------

    def walk(self, obj: Any, path: Path) -> None:
        check = _CHECKS.get(type(obj))
        if check is not None:
            check(self, obj, path)
        for fs in type_spec(type(obj)).fields:
            if fs.kind is Kind.OBJ:
                self.walk(getattr(obj, fs.attr), (*path, fs.json))
            elif fs.kind is Kind.OBJS:
                for i, item in enumerate(getattr(obj, fs.attr)):
                    self.walk(item, (*path, fs.json, i))

    def duplicates(self, obj: Any, path: Path) -> None:
        """Second pass: entries of keyed lists whose key was already seen in their key space."""
        spaces: dict[str, set[Any]] = {}
        for fs in type_spec(type(obj)).fields:
            value = getattr(obj, fs.attr)
            if fs.kind is Kind.OBJ:
                self.duplicates(value, (*path, fs.json))
                continue
            if fs.kind not in (Kind.OBJS, Kind.STRS):
                continue
            keyspace = _KEY_SPACES.get((type(obj), fs.json))
            for i, item in enumerate(value):
                if keyspace is not None:
                    key = _key(item)
                    seen = spaces.setdefault(keyspace, set())
                    if key in seen:
                        self.error((*path, fs.json, i), DUPLICATE)
                    seen.add(key)
                if fs.kind is Kind.OBJS:
                    self.duplicates(item, (*path, fs.json, i))


# Keyed lists and the key space they share (files, directories and links are all "nodes").
_KEY_SPACES: dict[tuple[type, str], str] = {
    (Storage, "directories"): "node",
    (Storage, "files"): "node",
    (Storage, "links"): "node",
    (Storage, "disks"): "disk",
    (Storage, "filesystems"): "filesystem",
    (Storage, "luks"): "luks",
    (Storage, "raid"): "raid",
    (Disk, "partitions"): "partition",
    (Systemd, "units"): "unit",
    (Unit, "dropins"): "dropin",
    (Passwd, "users"): "user",
    (Passwd, "groups"): "group",
    (Resource, "httpHeaders"): "header",
    (IgnitionConfig, "merge"): "merge",
    (TLS, "certificateAuthorities"): "ca",
    (Clevis, "tang"): "tang",
    (KernelArguments, "shouldExist"): "karg",
    (KernelArguments, "shouldNotExist"): "karg",
}


def _key(item: Any) -> Any:
    """The merge/duplicate key of a list entry, as the real ``Key()`` methods define it."""
    if isinstance(item, str):
        return item
    if isinstance(item, Partition):
        return f"number:{item.number}" if item.number != 0 else f"label:{item.label or ''}"
    if isinstance(item, (File, Directory, Link)):
        return item.path
    if isinstance(item, (Disk, Filesystem)):
        return item.device
    if isinstance(item, Resource):
        return item.source or ""
    if isinstance(item, Tang):
        return item.url
    return getattr(item, "name", "")


# --- helpers ---------------------------------------------------------------------------------


def check_path(p: str | None) -> str | None:
    if not p:
        return NO_PATH
    if not p.startswith("/"):
        return PATH_RELATIVE
    if posixpath.normpath(p) != p or p.startswith("//"):
        return DIRTY_PATH
    return None


def _check_mode(v: _Validator, mode: int | None, path: Path) -> None:
    if mode is None:
        return
    if mode < 0 or mode > 0o7777:
        v.error(path, ILLEGAL_MODE)
    if mode & 0o7000 and v.spec < Spec.V3_6:
        v.warning(path, SPECIAL_BITS)


def _check_owner(v: _Validator, owner: NodeUser | NodeGroup, path: Path) -> None:
    if owner.id is not None and owner.name:
        v.error(path, "cannot set both id and name")


# --- per-type checks -------------------------------------------------------------------------


def _ignition_config(v: _Validator, c: IgnitionConfig, path: Path) -> None:
    for i, res in enumerate(c.merge):
        if res.source is None:
            v.error((*path, "merge", i), SOURCE_REQUIRED)
    replace = c.replace
    if replace.source is None and replace != Resource():
        # Anything set on replace without a source is useless: the real tool says so via the
        # verification rule; a bare empty replace is fine.
        pass


def _tls(v: _Validator, t: TLS, path: Path) -> None:
    for i, res in enumerate(t.certificate_authorities):
        if res.source is None:
            v.error((*path, "certificateAuthorities", i), SOURCE_REQUIRED)


def _proxy(v: _Validator, p: Proxy, path: Path) -> None:
    for key, value in (("httpProxy", p.http_proxy), ("httpsProxy", p.https_proxy)):
        if not value:
            continue
        scheme = urls.scheme_of(value)
        if scheme is None:
            v.error((*path, key), urls.INVALID_URL)
        elif scheme not in ("http", "https"):
            v.error((*path, key), "proxies must be http(s)")
        elif key == "httpsProxy" and scheme == "http":
            v.warning((*path, key), "insecure plaintext HTTP proxy specified for HTTPS resources")


def _resource(v: _Validator, r: Resource, path: Path) -> None:
    if r.compression not in (None, "", "gzip"):
        v.error((*path, "compression"), "invalid compression method")
    if r.source:
        v.error((*path, "source"), urls.check_url(r.source, v.spec))
    if r.http_headers:
        scheme = urls.scheme_of(r.source or "")
        if not r.source or scheme is None:
            v.error((*path, "httpHeaders"), urls.INVALID_URL)
        elif scheme not in ("http", "https"):
            v.error((*path, "httpHeaders"), "cannot use HTTP headers with this source scheme")
    if r.verification.hash is not None and r.source is None:
        v.error((*path, "verification", "hash"), "source must be specified if verification is specified")


def _verification(v: _Validator, ver: Verification, path: Path) -> None:
    if ver.hash is None:
        return
    func, dash, digest = ver.hash.partition("-")
    if not dash:
        v.error((*path, "hash"), "malformed hash specifier")
        return
    size = _HASH_HEX.get(func)
    if size is None or (func == "sha256" and v.spec < Spec.V3_1):
        v.error((*path, "hash"), "unrecognized hash function")
    elif len(digest) != size:
        v.error((*path, "hash"), "incorrect size for hash sum")


def _http_header(v: _Validator, h: HTTPHeader, path: Path) -> None:
    if not h.name:
        v.error((*path, "name"), "HTTP header name can't be empty")


def _storage(v: _Validator, s: Storage, path: Path) -> None:
    links = [link.path for link in s.links]

    def under_link(p: str) -> bool:
        return any(p.startswith(lp + "/") for lp in links)

    for i, d in enumerate(s.directories):
        if under_link(d.path):
            v.error((*path, "directories", i), "directory path includes link in config")
    for i, f in enumerate(s.files):
        if under_link(f.path):
            v.error((*path, "files", i), "file path includes link in config")
    dirs = {d.path for d in s.directories}
    for i, link in enumerate(s.links):
        if under_link(link.path):
            v.error((*path, "links", i), "link path includes link in config")
        if not link.target:
            v.error((*path, "links", i, "target"), "link target is required")
            continue
        if not link.hard:
            continue
        target = posixpath.normpath(link.target)
        if not target.startswith("/"):
            target = posixpath.join(posixpath.dirname(link.path), target)
        if target in dirs:
            v.error((*path, "links", i), "hard link target is a directory")
    if v.spec >= Spec.V3_4:
        _storage_filesystems(v, s, path)


def _storage_filesystems(v: _Validator, s: Storage, path: Path) -> None:
    for i, fs in enumerate(s.filesystems):
        for disk in s.disks:
            if disk.device != fs.device:
                continue
            if disk.partitions:
                v.error((*path, "filesystems", i, "device"), "filesystem overwrites partitioned device")
            elif disk.wipe_table:
                v.warning(
                    (*path, "filesystems", i, "device"),
                    "device matches disk with wipeTable enabled; filesystem will be wiped",
                )


def _node(v: _Validator, n: File | Directory | Link, path: Path) -> None:
    v.error((*path, "path"), check_path(n.path))
    _check_owner(v, n.user, (*path, "user"))
    _check_owner(v, n.group, (*path, "group"))


def _file(v: _Validator, f: File, path: Path) -> None:
    _node(v, f, path)
    _check_mode(v, f.mode, (*path, "mode"))
    if f.overwrite and f.contents.source is None:
        v.error((*path, "overwrite"), "overwrite must be false if source is unspecified")


def _directory(v: _Validator, d: Directory, path: Path) -> None:
    _node(v, d, path)
    _check_mode(v, d.mode, (*path, "mode"))


def _link(v: _Validator, link: Link, path: Path) -> None:
    _node(v, link, path)
    if link.hard and v.spec >= Spec.V3_4 and (link.user != NodeUser() or link.group != NodeGroup()):
        v.warning(path, "user/group ignored for hard link")


def _disk(v: _Validator, d: Disk, path: Path) -> None:
    if not d.device:
        v.error((*path, "device"), "disk device is required")
        return
    v.error((*path, "device"), _device_path(d.device))


def _device_path(device: str) -> str | None:
    problem = check_path(device)
    return None if problem == DIRTY_PATH else problem


def _partition(v: _Validator, p: Partition, path: Path) -> None:
    if p.label is not None:
        if len(p.label) > 36:
            v.error((*path, "label"), "partition labels may not exceed 36 characters")
        if ":" in p.label:
            v.warning((*path, "label"), "partition label will be truncated to text before the colon")
    for key, guid in (("guid", p.guid), ("typeGuid", p.type_guid)):
        if guid is not None and not _GUID.match(guid):
            v.error((*path, key), 'doesn\'t match the form "01234567-89AB-CDEF-EDCB-A98765432101"')
    if p.should_exist is False:
        others = (p.label, p.guid, p.type_guid, p.size_mib, p.start_mib, p.wipe_partition_entry, p.resize)
        if any(x is not None for x in others):
            v.error(path, "shouldExist specified false with other options also specified")
    if p.number == 0 and not p.label:
        v.error(path, "a partition number >= 1 or a label must be specified")


def _raid(v: _Validator, r: Raid, path: Path) -> None:
    if not r.level:
        v.error((*path, "level"), "raid level is required")
    elif r.level not in _RAID_LEVELS:
        v.error((*path, "level"), "unrecognized raid level")
    elif r.spares and r.level in _NO_SPARES:
        v.error((*path, "level"), "spares unsupported for linear and raid0 arrays")
    if not r.devices:
        v.error((*path, "devices"), "raid devices required")


def _filesystem_formats(spec: Spec) -> frozenset[str]:
    formats = {"ext4", "btrfs", "xfs", "vfat", "swap"}
    if spec >= Spec.V3_3:
        formats.add("none")
    if spec >= Spec.V3_7_EXP:
        formats.add("virtiofs")
    return frozenset(formats)


def _filesystem(v: _Validator, fs: Filesystem, path: Path) -> None:
    if fs.path is not None:
        v.error((*path, "path"), check_path(fs.path))
    if fs.format == "virtiofs" and v.spec >= Spec.V3_7_EXP:
        # The device of a virtiofs filesystem is its tag, not a path.
        if not fs.device:
            v.error((*path, "device"), NO_PATH)
    else:
        v.error((*path, "device"), _device_path(fs.device))
    fmt = fs.format or ""
    if fmt and fmt not in _filesystem_formats(v.spec):
        v.error((*path, "format"), "invalid filesystem format")
    if fs.label is not None and fmt in _LABEL_MAX and len(fs.label) > _LABEL_MAX[fmt]:
        v.error(
            (*path, "label"),
            f"filesystem labels cannot be longer than {_LABEL_MAX[fmt]} characters when using {fmt}",
        )
    if not fmt:
        others = (
            fs.path,
            fs.label,
            fs.uuid,
            fs.wipe_filesystem,
            fs.options or None,
            fs.mount_options or None,
        )
        if any(x is not None for x in others):
            v.error(
                (*path, "format"),
                "format cannot be empty when path, label, uuid, wipeFilesystem, options, or mountOptions "
                "is specified",
            )


def _luks(v: _Validator, luks: Luks, path: Path) -> None:
    if "/" in luks.name:
        v.error((*path, "name"), "device names cannot contain slashes")
    if luks.label is not None and len(luks.label) > 47:
        v.error((*path, "label"), "luks device labels cannot be longer than 47 characters")
    if not luks.device:
        v.error((*path, "device"), "disk device is required")
    else:
        v.error((*path, "device"), _device_path(luks.device))
    if luks.key_file.source is not None and urls.check_url(luks.key_file.source, v.spec):
        # Reported at a key that does not exist, exactly as the real validator does.
        v.error((*path, "keys"), "invalid key-file source")
    if v.spec >= Spec.V3_5 and luks.cex.enabled:
        clevis = luks.clevis
        if clevis.tang or clevis.tpm2 or clevis.custom.pin is not None or clevis.threshold is not None:
            v.error((*path, "clevis"), "cannot use cex with clevis")
        if luks.key_file.source is not None:
            v.error((*path, "keyFile"), "cannot use cex with key file")


def _clevis(v: _Validator, c: Clevis, path: Path) -> None:
    custom = c.custom
    if custom.pin is None and custom.config is None and custom.needs_network is None:
        return
    if c.tang or c.tpm2 or c.threshold is not None:
        v.error((*path, "custom"), "cannot use custom clevis config with tpm2, tang, or threshold")
    if not custom.pin:
        v.error((*path, "custom", "pin"), "missing required custom clevis pin")
    elif custom.pin not in ("tpm2", "tang", "sss"):
        v.error((*path, "custom", "pin"), "unsupported clevis pin")
    if not custom.config:
        v.error((*path, "custom", "config"), "missing required custom clevis config")


def _tang(v: _Validator, t: Tang, path: Path) -> None:
    scheme = urls.scheme_of(t.url)
    if scheme is None:
        v.error((*path, "url"), urls.INVALID_URL)
    elif scheme not in ("http", "https"):
        v.error((*path, "url"), urls.INVALID_SCHEME)
    if not t.thumbprint:
        v.error((*path, "thumbprint"), "thumbprint is required")
    if t.advertisement:
        try:
            json.loads(t.advertisement)
        except ValueError:
            v.error((*path, "advertisement"), "advertisement is not valid JSON")


def _unit_options(v: _Validator, contents: str | None, path: Path) -> list[UnitOption] | None:
    """The options of unit text; ``None`` (after reporting) when it does not parse."""
    if not contents:
        return []
    try:
        return parse_unit(contents)
    except UnitSyntaxError as e:
        v.error(path, f"invalid unit content: {e}")
        return None


def _unit(v: _Validator, u: Unit, path: Path) -> None:
    if posixpath.splitext(u.name)[1] not in _UNIT_TYPES:
        v.error((*path, "name"), "invalid systemd unit extension")
    options = _unit_options(v, u.contents, (*path, "contents"))
    if options is None:
        return
    if u.enabled and u.contents and not any(o.section == "Install" for o in options):
        v.warning(
            (*path, "contents"),
            f'unit "{u.name}" is enabled, but has no install section so enable does nothing',
        )


def _dropin(v: _Validator, d: Dropin, path: Path) -> None:
    if posixpath.splitext(d.name)[1] != ".conf":
        v.error((*path, "name"), "invalid systemd drop-in extension")
    _unit_options(v, d.contents, (*path, "contents"))


def _config(v: _Validator, c: Config, path: Path) -> None:
    if v.spec < Spec.V3_4:
        return
    unit_paths = _unit_paths(c.systemd.units)
    groups: tuple[tuple[str, tuple[File | Directory | Link, ...]], ...] = (
        ("files", c.storage.files),
        ("directories", c.storage.directories),
        ("links", c.storage.links),
    )
    for key, nodes in groups:
        for i, n in enumerate(nodes):
            if n.path in unit_paths:
                v.error((*path, "storage", key, i, "path"), "path conflicts with systemd unit or dropin")


def _unit_paths(units: Iterable[Unit]) -> set[str]:
    paths = set()
    for u in units:
        if u.contents:
            paths.add(_SYSTEMD_DIR + u.name)
        for d in u.dropins:
            if d.contents:
                paths.add(f"{_SYSTEMD_DIR}{u.name}.d/{d.name}")
    return paths


_CHECKS: dict[type, Callable[[_Validator, Any, Path], None]] = {
    Config: _config,
    Ignition: lambda v, o, p: None,
    IgnitionConfig: _ignition_config,
    TLS: _tls,
    Proxy: _proxy,
    Resource: _resource,
    Verification: _verification,
    HTTPHeader: _http_header,
    Storage: _storage,
    File: _file,
    Directory: _directory,
    Link: _link,
    Disk: _disk,
    Partition: _partition,
    Raid: _raid,
    Filesystem: _filesystem,
    Luks: _luks,
    Clevis: _clevis,
    Tang: _tang,
    Unit: _unit,
    Dropin: _dropin,
}
