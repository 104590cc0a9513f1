# SPDX-License-Identifier: Apache-2.0
"""Typed models of the Ignition config, spec 3.0.0 to 3.7.0-experimental.

One family of frozen value classes (:func:`.model.model`) covers every version: each field
records the JSON key it is read from and the first spec version that has it, so a config of
version V has exactly V's field set
(a newer field in an older config is an unused key, as in the real tool). The models mirror
Ignition's Go types: a Go pointer is ``X | None`` (absent), a Go value is a plain default ("" or 0),
a list is a tuple. Fields are declared in Go's field order, which is the order of the JSON that
Ignition and Butane write.
"""

from __future__ import annotations

from typing import Any

from nestos.ignition.spec.model import FieldSpec, model
from nestos.ignition.spec.model import Kind as Kind
from nestos.ignition.spec.versions import Spec

# Defaults the spec gives to absent values (applied when the config is used, not when it is read,
# so that a written-back config stays as the user wrote it).
DEFAULT_FILE_MODE = 0o644
DEFAULT_DIRECTORY_MODE = 0o755
DEFAULT_HTTP_RESPONSE_HEADERS_TIMEOUT = 10  # seconds
DEFAULT_HTTP_TOTAL_TIMEOUT = 0  # no limit
DEFAULT_CLEVIS_THRESHOLD = 1


def _f(json: str, kind: Kind, default: Any, since: Spec, cls: type | None = None, **extra: Any) -> Any:
    return FieldSpec(json, kind, default, since, cls, **extra)


def opt_str(json: str, since: Spec = Spec.V3_0) -> Any:
    return _f(json, Kind.STR, None, since)


def req_str(json: str, since: Spec = Spec.V3_0, *, omitempty: bool = False) -> Any:
    """A Go ``string`` (not a pointer): absent and "" are the same; written even when empty."""
    return _f(json, Kind.STR, "", since, omitempty=omitempty)


def opt_int(json: str, since: Spec = Spec.V3_0) -> Any:
    return _f(json, Kind.INT, None, since)


def req_int(json: str, since: Spec = Spec.V3_0) -> Any:
    return _f(json, Kind.INT, 0, since)


def opt_bool(json: str, since: Spec = Spec.V3_0) -> Any:
    return _f(json, Kind.BOOL, None, since)


def strs(json: str, since: Spec = Spec.V3_0) -> Any:
    return _f(json, Kind.STRS, (), since)


def obj(json: str, cls: type, since: Spec = Spec.V3_0, **extra: Any) -> Any:
    return _f(json, Kind.OBJ, None, since, cls, **extra)


def objs(json: str, cls: type, since: Spec = Spec.V3_0, **extra: Any) -> Any:
    return _f(json, Kind.OBJS, (), since, cls, **extra)


# --- resources -------------------------------------------------------------------------------


@model
class HTTPHeader:
    name: str = req_str("name")
    value: str | None = opt_str("value")


@model
class Verification:
    hash: str | None = opt_str("hash")


@model
class Resource:
    """Where data comes from. In 3.0 only file contents had ``compression``; ``httpHeaders`` is 3.1."""

    compression: str | None = _f("compression", Kind.STR, None, Spec.V3_0, ref_since=Spec.V3_1)
    http_headers: tuple[HTTPHeader, ...] = objs("httpHeaders", HTTPHeader, Spec.V3_1)
    source: str | None = opt_str("source")
    verification: Verification = obj("verification", Verification)


# --- ignition section ------------------------------------------------------------------------


@model
class IgnitionConfig:
    merge: tuple[Resource, ...] = objs("merge", Resource, ref=True)
    replace: Resource = obj("replace", Resource, ref=True)


@model
class Proxy:
    http_proxy: str | None = opt_str("httpProxy")
    https_proxy: str | None = opt_str("httpsProxy")
    no_proxy: tuple[str, ...] = strs("noProxy")


@model
class TLS:
    certificate_authorities: tuple[Resource, ...] = objs("certificateAuthorities", Resource, ref=True)


@model
class Security:
    tls: TLS = obj("tls", TLS)


@model
class Timeouts:
    http_response_headers: int | None = opt_int("httpResponseHeaders")
    http_total: int | None = opt_int("httpTotal")

    @property
    def response_headers_seconds(self) -> int:
        return (
            DEFAULT_HTTP_RESPONSE_HEADERS_TIMEOUT
            if self.http_response_headers is None
            else self.http_response_headers
        )

    @property
    def total_seconds(self) -> int:
        return DEFAULT_HTTP_TOTAL_TIMEOUT if self.http_total is None else self.http_total


@model
class Ignition:
    config: IgnitionConfig = obj("config", IgnitionConfig)
    proxy: Proxy = obj("proxy", Proxy, Spec.V3_1)
    security: Security = obj("security", Security)
    timeouts: Timeouts = obj("timeouts", Timeouts)
    version: str = req_str("version")


# --- storage ---------------------------------------------------------------------------------


@model
class Partition:
    guid: str | None = opt_str("guid")
    label: str | None = opt_str("label")
    number: int = req_int("number")
    resize: bool | None = opt_bool("resize", Spec.V3_2)
    should_exist: bool | None = opt_bool("shouldExist")
    size_mib: int | None = opt_int("sizeMiB")
    start_mib: int | None = opt_int("startMiB")
    type_guid: str | None = opt_str("typeGuid")
    wipe_partition_entry: bool | None = opt_bool("wipePartitionEntry")

    @property
    def exists(self) -> bool:
        """``shouldExist`` defaults to true."""
        return self.should_exist is not False


@model
class Disk:
    device: str = req_str("device")
    partitions: tuple[Partition, ...] = objs("partitions", Partition)
    wipe_table: bool | None = opt_bool("wipeTable")


@model
class Raid:
    devices: tuple[str, ...] = strs("devices")
    level: str | None = opt_str("level")
    name: str = req_str("name")
    options: tuple[str, ...] = strs("options")
    spares: int | None = opt_int("spares")


@model
class Filesystem:
    device: str = req_str("device")
    format: str | None = opt_str("format")
    label: str | None = opt_str("label")
    mount_options: tuple[str, ...] = strs("mountOptions", Spec.V3_1)
    options: tuple[str, ...] = strs("options")
    path: str | None = opt_str("path")
    uuid: str | None = opt_str("uuid")
    wipe_filesystem: bool | None = opt_bool("wipeFilesystem")


@model
class NodeGroup:
    id: int | None = opt_int("id")
    name: str | None = opt_str("name")


@model
class NodeUser:
    id: int | None = opt_int("id")
    name: str | None = opt_str("name")


@model
class File:
    group: NodeGroup = obj("group", NodeGroup)
    overwrite: bool | None = opt_bool("overwrite")
    path: str = req_str("path")
    user: NodeUser = obj("user", NodeUser)
    append: tuple[Resource, ...] = objs("append", Resource)
    contents: Resource = obj("contents", Resource)
    mode: int | None = opt_int("mode")

    @property
    def effective_mode(self) -> int:
        return DEFAULT_FILE_MODE if self.mode is None else self.mode


@model
class Directory:
    group: NodeGroup = obj("group", NodeGroup)
    overwrite: bool | None = opt_bool("overwrite")
    path: str = req_str("path")
    user: NodeUser = obj("user", NodeUser)
    mode: int | None = opt_int("mode")

    @property
    def effective_mode(self) -> int:
        return DEFAULT_DIRECTORY_MODE if self.mode is None else self.mode


@model
class Link:
    group: NodeGroup = obj("group", NodeGroup)
    overwrite: bool | None = opt_bool("overwrite")
    path: str = req_str("path")
    user: NodeUser = obj("user", NodeUser)
    hard: bool | None = opt_bool("hard")
    target: str | None = opt_str("target")


Node = File | Directory | Link


@model
class Cex:
    enabled: bool | None = opt_bool("enabled")


@model
class ClevisCustom:
    config: str | None = opt_str("config")
    needs_network: bool | None = opt_bool("needsNetwork")
    pin: str | None = opt_str("pin")


@model
class Tang:
    advertisement: str | None = opt_str("advertisement", Spec.V3_4)
    thumbprint: str | None = opt_str("thumbprint")
    url: str = req_str("url", omitempty=True)


@model
class Clevis:
    custom: ClevisCustom = obj("custom", ClevisCustom)
    tang: tuple[Tang, ...] = objs("tang", Tang)
    threshold: int | None = opt_int("threshold")
    tpm2: bool | None = opt_bool("tpm2")

    @property
    def effective_threshold(self) -> int:
        return DEFAULT_CLEVIS_THRESHOLD if self.threshold is None else self.threshold


@model
class Luks:
    cex: Cex = obj("cex", Cex, Spec.V3_5)
    clevis: Clevis = obj("clevis", Clevis)
    device: str | None = opt_str("device")
    discard: bool | None = opt_bool("discard", Spec.V3_4)
    key_file: Resource = obj("keyFile", Resource)
    label: str | None = opt_str("label")
    name: str = req_str("name")
    open_options: tuple[str, ...] = strs("openOptions", Spec.V3_4)
    options: tuple[str, ...] = strs("options")
    uuid: str | None = opt_str("uuid")
    wipe_volume: bool | None = opt_bool("wipeVolume")


@model
class Storage:
    directories: tuple[Directory, ...] = objs("directories", Directory)
    disks: tuple[Disk, ...] = objs("disks", Disk)
    files: tuple[File, ...] = objs("files", File)
    filesystems: tuple[Filesystem, ...] = objs("filesystems", Filesystem)
    links: tuple[Link, ...] = objs("links", Link)
    luks: tuple[Luks, ...] = objs("luks", Luks, Spec.V3_2)
    raid: tuple[Raid, ...] = objs("raid", Raid)


# --- systemd, passwd, kernel arguments -------------------------------------------------------


@model
class Dropin:
    contents: str | None = opt_str("contents")
    name: str = req_str("name")


@model
class Unit:
    contents: str | None = opt_str("contents")
    dropins: tuple[Dropin, ...] = objs("dropins", Dropin)
    enabled: bool | None = opt_bool("enabled")
    mask: bool | None = opt_bool("mask")
    name: str = req_str("name")


@model
class Systemd:
    units: tuple[Unit, ...] = objs("units", Unit)


@model
class PasswdGroup:
    gid: int | None = opt_int("gid")
    name: str = req_str("name")
    password_hash: str | None = opt_str("passwordHash")
    should_exist: bool | None = opt_bool("shouldExist", Spec.V3_2)
    system: bool | None = opt_bool("system")

    @property
    def exists(self) -> bool:
        """``shouldExist`` defaults to true."""
        return self.should_exist is not False


@model
class PasswdUser:
    gecos: str | None = opt_str("gecos")
    groups: tuple[str, ...] = strs("groups")
    home_dir: str | None = opt_str("homeDir")
    name: str = req_str("name")
    no_create_home: bool | None = opt_bool("noCreateHome")
    no_log_init: bool | None = opt_bool("noLogInit")
    no_user_group: bool | None = opt_bool("noUserGroup")
    password_hash: str | None = opt_str("passwordHash")
    primary_group: str | None = opt_str("primaryGroup")
    ssh_authorized_keys: tuple[str, ...] = strs("sshAuthorizedKeys")
    shell: str | None = opt_str("shell")
    should_exist: bool | None = opt_bool("shouldExist", Spec.V3_2)
    system: bool | None = opt_bool("system")
    uid: int | None = opt_int("uid")

    @property
    def exists(self) -> bool:
        """``shouldExist`` defaults to true."""
        return self.should_exist is not False


@model
class Passwd:
    groups: tuple[PasswdGroup, ...] = objs("groups", PasswdGroup)
    users: tuple[PasswdUser, ...] = objs("users", PasswdUser)


@model
class KernelArguments:
    should_exist: tuple[str, ...] = strs("shouldExist")
    should_not_exist: tuple[str, ...] = strs("shouldNotExist")


@model
class Config:
    """A whole Ignition config. ``spec`` is the version it was parsed as (not a JSON field)."""

    ignition: Ignition = obj("ignition", Ignition, omitempty=False)
    kernel_arguments: KernelArguments = obj("kernelArguments", KernelArguments, Spec.V3_3)
    passwd: Passwd = obj("passwd", Passwd)
    storage: Storage = obj("storage", Storage)
    systemd: Systemd = obj("systemd", Systemd)

    @property
    def spec(self) -> Spec:
        return Spec(self.ignition.version)
