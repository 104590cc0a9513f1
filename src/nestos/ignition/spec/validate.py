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
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from nestos.ignition.spec import urls
from nestos.ignition.spec.report import Path, Report
from nestos.ignition.spec.schema import type_spec
from nestos.ignition.spec.types import (
    TLS,
    Clevis,
    ClevisCustom,
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

    def walk(self, obj: Any, path: Path, *, ref: bool = False) -> None:
        check = _CHECKS.get(type(obj))
        if check is not None:
            if ref and type(obj) is Resource:
                _resource(self, obj, path, ref=True)
            else:
                check(self, obj, path)
        for fs in type_spec(type(obj)).fields:
            if fs.kind is Kind.OBJ:
                value = getattr(obj, fs.attr)
                # An absent object is the shared empty default: nothing in it can be wrong.
                if value is not fs.default:
                    self.walk(value, (*path, fs.json), ref=fs.ref)
            elif fs.kind is Kind.OBJS:
                for i, item in enumerate(getattr(obj, fs.attr)):
                    self.walk(item, (*path, fs.json, i), ref=fs.ref)

    def duplicates(self, obj: Any, path: Path) -> None:
        """Second pass: entries of lists whose key was already seen in their key space (the list
        itself, or one shared by several lists), except for lists where repeats are allowed."""
        spaces: dict[str, set[Any]] = {}
        for fs in type_spec(type(obj)).fields:
            value = getattr(obj, fs.attr)
            if fs.kind is Kind.OBJ:
                if value is not fs.default:
                    self.duplicates(value, (*path, fs.json))
                continue
            if fs.kind not in (Kind.OBJS, Kind.STRS) or not value:
                continue
            if (type(obj), fs.json) not in _REPEATS_ALLOWED:
                seen = spaces.setdefault(_SHARED_KEYS.get((type(obj), fs.json), fs.json), set())
                for i, item in enumerate(value):
                    key = _key(item)
                    if key in seen:
                        self.error((*path, fs.json, i), DUPLICATE)
                    seen.add(key)
            if fs.kind is Kind.OBJS:
                for i, item in enumerate(value):
                    self.duplicates(item, (*path, fs.json, i))


# Lists that share one key space: a path is one node whether file, directory or link, and a
# kernel argument cannot be both wanted and unwanted.
_SHARED_KEYS: dict[tuple[type, str], str] = {
    (Storage, "directories"): "node",
    (Storage, "files"): "node",
    (Storage, "links"): "node",
    (KernelArguments, "shouldExist"): "karg",
    (KernelArguments, "shouldNotExist"): "karg",
}
# Lists whose entries may repeat (Ignition's IgnoreDuplicates).
_REPEATS_ALLOWED = frozenset(
    {
        (File, "append"),
        (Filesystem, "options"),
        (Filesystem, "mountOptions"),
        (Luks, "options"),
        (Raid, "options"),
    }
)


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


def _references(v: _Validator, refs: tuple[Resource, ...], path: Path) -> None:
    """Config merge entries and CAs: from 3.1 a source is required and checked at the entry too."""
    for i, res in enumerate(refs):
        if v.spec < Spec.V3_1:
            continue
        if not res.source:
            v.error((*path, i), SOURCE_REQUIRED)
        else:
            v.error((*path, i), urls.check_url(res.source, v.spec))


def _ignition_config(v: _Validator, c: IgnitionConfig, path: Path) -> None:
    _references(v, c.merge, (*path, "merge"))


def _tls(v: _Validator, t: TLS, path: Path) -> None:
    _references(v, t.certificate_authorities, (*path, "certificateAuthorities"))
    if v.spec < Spec.V3_1:
        # In 3.0 a CA's source is a plain string, checked even when empty.
        for i, res in enumerate(t.certificate_authorities):
            if not res.source:
                v.error((*path, "certificateAuthorities", i, "source"), urls.INVALID_SCHEME)


def _proxy(v: _Validator, p: Proxy, path: Path) -> None:
    for key, value in (("httpProxy", p.http_proxy), ("httpsProxy", p.https_proxy)):
        if value is None:
            continue
        scheme = urls.scheme_of(value)
        if scheme is None:
            v.error((*path, key), urls.INVALID_URL)
        elif scheme not in ("http", "https"):
            v.error((*path, key), "proxies must be http(s)")
        elif key == "httpsProxy" and scheme == "http":
            v.warning((*path, key), "insecure plaintext HTTP proxy specified for HTTPS resources")


def _resource(v: _Validator, r: Resource, path: Path, *, ref: bool = False) -> None:
    if r.compression not in (None, "", "gzip"):
        v.error((*path, "compression"), "invalid compression method")
    # In 3.0, config and CA references had no verification-without-source rule.
    if r.verification.hash is not None and r.source is None and not (ref and v.spec < Spec.V3_1):
        v.error((*path, "verification", "hash"), "source must be specified if verification is specified")
    if r.source:
        v.error((*path, "source"), urls.check_url(r.source, v.spec))
    if r.http_headers:
        scheme = urls.scheme_of(r.source) if r.source else None
        if scheme is None:
            v.error((*path, "httpHeaders"), urls.INVALID_URL)
        elif scheme not in ("http", "https"):
            v.error((*path, "httpHeaders"), "cannot use HTTP headers with this source scheme")


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
        # The digest is not checked to be hex, only its length, as in the real tool.
        v.error((*path, "hash"), "incorrect size for hash sum")


def _http_header(v: _Validator, h: HTTPHeader, path: Path) -> None:
    if not h.name:
        v.error((*path, "name"), "HTTP header name can't be empty")


def _storage(v: _Validator, s: Storage, path: Path) -> None:
    link_paths = Counter(link.path for link in s.links)

    def links_above(p: str) -> int:
        """How many links sit at a proper ancestor of ``p`` (``p`` starts with ``link + "/"``)."""
        if not link_paths:
            return 0
        return sum(link_paths.get(p[:i], 0) for i, c in enumerate(p) if c == "/")

    for i, d in enumerate(s.directories):
        for _ in range(links_above(d.path)):
            v.error((*path, "directories", i), "directory path includes link in config")
    for i, f in enumerate(s.files):
        for _ in range(links_above(f.path)):
            v.error((*path, "files", i), "file path includes link in config")
    for i, link in enumerate(s.links):
        lpath = (*path, "links", i)
        for _ in range(links_above(link.path)):
            v.error(lpath, "link path includes link in config")
        if not link.target:
            # Before 3.3 the target was a plain string and an empty one was not reported.
            if v.spec >= Spec.V3_3:
                v.error((*lpath, "target"), "link target is required")
            continue
        if not link.hard:
            continue
        target = posixpath.normpath(link.target)
        if not target.startswith("/"):
            # Joined to the link's own path, not its directory: the real tool's rule.
            target = posixpath.join(link.path, link.target)
        for d in s.directories:
            if d.path == target:
                v.error(lpath, "hard link target is a directory")
        for key, owner in (("user", link.user), ("group", link.group)):
            for attr in ("id", "name"):
                if getattr(owner, attr) is not None:
                    v.warning((*lpath, key, attr), "user/group ignored for hard link")
    disks = {d.device: d for d in s.disks}
    for i, fs in enumerate(s.filesystems):
        disk = disks.get(fs.device)
        if disk is None:
            continue
        if disk.partitions:
            v.warning((*path, "filesystems", i, "device"), "filesystem overwrites partitioned device")
        elif disk.wipe_table and not fs.wipe_filesystem:
            v.warning(
                (*path, "filesystems", i, "device"),
                "device matches disk with wipeTable enabled; filesystem will be wiped",
            )


def _node(v: _Validator, n: File | Directory | Link, path: Path) -> None:
    v.error((*path, "path"), check_path(n.path))


def _owner(v: _Validator, owner: NodeUser | NodeGroup, path: Path) -> None:
    if owner.id is not None and owner.name:
        v.error(path, "cannot set both id and name")


def _file(v: _Validator, f: File, path: Path) -> None:
    _node(v, f, path)
    _check_mode(v, f.mode, (*path, "mode"))
    if f.overwrite and f.contents.source is None:
        v.error((*path, "overwrite"), "overwrite must be false if source is unspecified")


def _directory(v: _Validator, d: Directory, path: Path) -> None:
    _node(v, d, path)
    _check_mode(v, d.mode, (*path, "mode"))


def _disk(v: _Validator, d: Disk, path: Path) -> None:
    if not d.device:
        v.error((*path, "device"), "disk device is required")
        return
    v.error((*path, "device"), check_path(d.device))
    parts = d.partitions
    seen: set[int] = set()
    for i, p in enumerate(parts):
        if p.number != 0 and p.number in seen:
            v.error((*path, "partitions", i), "partition numbers collide")
            break
        seen.add(p.number)
    overlap = _overlapping(parts)
    if overlap is not None:
        v.error((*path, "partitions", overlap), "partitions overlap")
    if any(p.should_exist is False for p in parts) and any(p.number == 0 for p in parts):
        v.error(
            (*path, "partitions"),
            "shouldExist is false for a partition and other partition(s) has start or size 0",
        )
    labels: set[str] = set()
    for i, p in enumerate(parts):
        if p.label is None:
            continue
        if p.label in labels:
            v.error((*path, "partitions", i), "cannot use the same partition label twice")
        labels.add(p.label)


def _overlapping(parts: tuple[Partition, ...]) -> int | None:
    """Index of the first partition another one overlaps, by the real tool's (quirky) rule."""

    def span(p: Partition) -> tuple[int, int] | None:
        if p.start_mib is None or p.size_mib is None or p.start_mib == 0:
            return None
        end = p.start_mib if p.size_mib == 0 else p.start_mib + p.size_mib - 1
        return p.start_mib, end

    for a_index, a in enumerate(parts):
        sa = span(a)
        if sa is None:
            continue
        for i, o in enumerate(parts):
            so = span(o)
            if so is None or i == a_index:
                continue
            if so[0] <= sa[0] <= so[1] or so[0] <= sa[1] <= so[1] or (sa[0] < so[0] and sa[1] > so[1]):
                return i
    return None


def _partition(v: _Validator, p: Partition, path: Path) -> None:
    if p.should_exist is False and (
        p.label is not None or p.type_guid or p.guid or p.start_mib is not None or p.size_mib is not None
    ):
        v.error(path, "shouldExist specified false with other options also specified")
    if p.number == 0 and p.label is None:
        v.error(path, "a partition number >= 1 or a label must be specified")
    if p.label is not None:
        if len(p.label.encode()) > 36:
            v.error((*path, "label"), "partition labels may not exceed 36 characters")
        elif ":" in p.label:
            v.error((*path, "label"), "partition label will be truncated to text before the colon")
    for key, guid in (("guid", p.guid), ("typeGuid", p.type_guid)):
        if guid is not None and not _GUID.match(guid):
            v.error((*path, key), 'doesn\'t match the form "01234567-89AB-CDEF-EDCB-A98765432101"')


def _raid(v: _Validator, r: Raid, path: Path) -> None:
    if not r.level:
        # Before 3.3 the level was a plain string, and "" fell through to "unrecognized".
        v.error(
            (*path, "level"), "raid level is required" if v.spec >= Spec.V3_3 else "unrecognized raid level"
        )
    elif r.level in _NO_SPARES:
        if r.spares:
            v.error((*path, "level"), "spares unsupported for linear and raid0 arrays")
    elif r.level not in _RAID_LEVELS:
        v.error((*path, "level"), "unrecognized raid level")
    if not r.devices:
        v.error((*path, "devices"), "raid devices required")
    for i, device in enumerate(r.devices):
        v.error((*path, "devices", i), check_path(device))


def _filesystem_formats(spec: Spec) -> frozenset[str]:
    formats = {"ext4", "btrfs", "xfs", "vfat", "swap"}
    if spec >= Spec.V3_3:
        formats.add("none")
    if spec >= Spec.V3_7_EXP:
        formats.add("virtiofs")
    return frozenset(formats)


def _filesystem(v: _Validator, fs: Filesystem, path: Path) -> None:
    if fs.path:
        v.error((*path, "path"), check_path(fs.path))
    fmt = fs.format or ""
    virtiofs = fmt == "virtiofs" and v.spec >= Spec.V3_7_EXP
    if virtiofs:
        # The device of a virtiofs filesystem is its tag, not a path.
        if not fs.device:
            v.error((*path, "device"), "device is required")
        elif len(fs.device) > 36:
            v.error((*path, "device"), "virtiofs tags cannot be longer than 36 characters")
    else:
        v.error((*path, "device"), check_path(fs.device))
    if not fmt:
        if fs.path or fs.label or fs.uuid or fs.wipe_filesystem or fs.mount_options or fs.options:
            v.error(
                (*path, "format"),
                "format cannot be empty when path, label, uuid, wipeFilesystem, options, or mountOptions "
                "is specified",
            )
    elif fmt not in _filesystem_formats(v.spec):
        v.error((*path, "format"), "invalid filesystem format")
    if fs.label:
        if not fmt:
            v.error((*path, "label"), "filesystem must specify format if label is specified")
        elif virtiofs:
            v.error((*path, "label"), "virtiofs filesystems cannot have a label")
        elif fmt in _LABEL_MAX and len(fs.label.encode()) > _LABEL_MAX[fmt]:
            v.error(
                (*path, "label"),
                f"filesystem labels cannot be longer than {_LABEL_MAX[fmt]} characters when using {fmt}",
            )
    if virtiofs:
        if fs.uuid:
            v.error((*path, "uuid"), "uuid is not supported for virtiofs")
        if fs.wipe_filesystem:
            v.error((*path, "wipeFilesystem"), "wipeFilesystem is not supported for virtiofs")
        if fs.options:
            v.error((*path, "options"), "mkfs options are not supported for virtiofs")


def _luks(v: _Validator, luks: Luks, path: Path) -> None:
    if "/" in luks.name:
        v.error((*path, "name"), "device names cannot contain slashes")
    if luks.label and len(luks.label.encode()) > 47:
        v.error((*path, "label"), "luks device labels cannot be longer than 47 characters")
    if not luks.device:
        v.error((*path, "device"), "disk device is required")
    else:
        v.error((*path, "device"), check_path(luks.device))
    clevis = luks.clevis
    custom = clevis.custom
    has_custom = bool(custom.pin) if v.spec >= Spec.V3_3 else custom != ClevisCustom()
    if has_custom and (clevis.tang or clevis.tpm2 or clevis.threshold):
        v.error((*path, "clevis"), "cannot use custom clevis config with tpm2, tang, or threshold")
    if luks.key_file.source and urls.check_url(luks.key_file.source, v.spec):
        # Reported at a key that does not exist (so placed on the luks entry), as the real tool does.
        v.error((*path, "keys"), "invalid key-file source")
    if v.spec >= Spec.V3_5 and luks.cex.enabled:
        if clevis != Clevis():
            v.error((*path, "clevis"), "cannot use both cex and clevis")
        if luks.key_file.source is not None:
            v.error((*path, "keyFile"), "cannot use both cex and a key file")


def _clevis_custom(v: _Validator, c: ClevisCustom, path: Path) -> None:
    if not c.pin and not c.config and not c.needs_network:
        return
    if not c.pin and v.spec >= Spec.V3_3:
        v.error((*path, "pin"), "missing required custom clevis pin")
    elif v.spec < Spec.V3_6 and c.pin not in ("tpm2", "tang", "sss"):
        v.error((*path, "pin"), "unsupported clevis pin")
    if not c.config:
        v.error((*path, "config"), "missing required custom clevis config")


def _tang(v: _Validator, t: Tang, path: Path) -> None:
    scheme = urls.scheme_of(t.url)
    if scheme is None:
        v.error((*path, "url"), urls.INVALID_URL)
    elif scheme not in ("http", "https"):
        v.error((*path, "url"), urls.INVALID_SCHEME)
    if not t.thumbprint:
        v.error((*path, "thumbprint"), "thumbprint is required")
    if t.advertisement and v.spec >= Spec.V3_4:
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
    _unit_options(v, d.contents, (*path, "contents"))
    if posixpath.splitext(d.name)[1] != ".conf":
        v.error((*path, "name"), "invalid systemd drop-in extension")


_INSTANCE = re.compile(r"^(.+?)@(.+?)\.service$")


def _systemd(v: _Validator, s: Systemd, path: Path) -> None:
    """An enabled instance of a template whose unit has no [Install] section enables nothing."""
    by_name = {u.name: u for u in s.units}
    for i, u in enumerate(s.units):
        m = _INSTANCE.match(u.name)
        if not u.enabled or m is None:
            continue
        template = by_name.get(f"{m.group(1)}@.service")
        if template is None or not template.contents:
            continue
        try:
            options = parse_unit(template.contents)
        except UnitSyntaxError:
            continue
        if not any(o.section == "Install" for o in options):
            v.warning(
                (*path, "units", i, "contents"),
                f'template unit "{template.name}" for "{u.name}" doesn\'t have Install section',
            )


def _config(v: _Validator, c: Config, path: Path) -> None:
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
    NodeUser: _owner,
    NodeGroup: _owner,
    Link: _node,
    Disk: _disk,
    Partition: _partition,
    Raid: _raid,
    Filesystem: _filesystem,
    Luks: _luks,
    ClevisCustom: _clevis_custom,
    Tang: _tang,
    Systemd: _systemd,
    Unit: _unit,
    Dropin: _dropin,
}
