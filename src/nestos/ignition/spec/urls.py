# SPDX-License-Identifier: Apache-2.0
"""URL checks as Ignition makes them: Go's ``net/url`` parsing rules, the schemes each spec version
accepts, RFC 2397 ``data:`` URLs, ``s3`` version ids and ``arn:`` S3 access points.

Every check returns an error message or ``None``; nothing here fetches anything.
"""

from __future__ import annotations

import re
import string

from nestos.ignition.spec.versions import Spec

INVALID_URL = "unable to parse url"
INVALID_SCHEME = "invalid url scheme"

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
_HOST_OK = set(string.ascii_letters + string.digits + "-._~!$&'()*+,;=:[]%")
# RFC 2396 characters allowed in a data URL's data part (unreserved, reserved, escapes).
_DATA_OK = set(string.ascii_letters + string.digits + "-_.!~*'()" + ";/?:@&=+$," + "%")
_BASE64_ALPHABET = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
_BASE64_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")
_TOKEN_OK = set(string.ascii_letters + string.digits + "!#$&^_-.+")


def scheme_of(url: str) -> str | None:
    """The scheme Go's ``url.Parse`` finds (lower-cased), "" for none, ``None`` if it fails to parse."""
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in url):
        return None
    if url.startswith(":"):
        return None
    m = _SCHEME.match(url)
    if not m:
        return ""
    scheme = m.group(1).lower()
    rest = url[m.end() :]
    if rest.startswith("//"):
        authority = re.split(r"[/?#]", rest[2:], maxsplit=1)[0]
        host = authority.rpartition("@")[2]
        if not _host_ok(host):
            return None
        path = re.split(r"[?#]", rest[2 + len(authority) :], maxsplit=1)[0]
    else:
        path = re.split(r"[?#]", rest, maxsplit=1)[0] if rest.startswith("/") else ""
    if _BAD_ESCAPE.search(path) or _BAD_ESCAPE.search(url.partition("#")[2]):
        return None
    return scheme


def _host_ok(host: str) -> bool:
    if host.startswith("["):
        end = host.find("]")
        if end < 0:
            return False
        port = host[end + 1 :]
        return port == "" or ((port.startswith(":") and port[1:].isdigit()) or port == ":")
    if not set(host) <= _HOST_OK or "[" in host or "]" in host:
        return False
    if ":" in host:
        port = host.rpartition(":")[2]
        return port == "" or port.isdigit()
    return True


def allowed_schemes(spec: Spec) -> frozenset[str]:
    schemes = {"http", "https", "tftp", "s3", "data"}
    if spec >= Spec.V3_2:
        schemes.add("gs")
    if spec >= Spec.V3_4:
        schemes.add("arn")
    return frozenset(schemes)


def check_url(url: str, spec: Spec) -> str | None:
    """Why ``url`` is not an acceptable resource source for ``spec``, or ``None``."""
    scheme = scheme_of(url)
    if scheme is None:
        return INVALID_URL
    if scheme not in allowed_schemes(spec):
        return INVALID_SCHEME
    if scheme == "s3":
        return _check_s3(url)
    if scheme == "arn":
        return _check_arn(url)
    if scheme == "data":
        return check_data_url(url)
    return None


def _check_s3(url: str) -> str | None:
    query = url.partition("?")[2].partition("#")[0]
    for part in query.split("&"):
        key, eq, value = part.partition("=")
        if key == "versionId" and (not eq or value == ""):
            return "invalid S3 object VersionId"
    return None


_ARN = re.compile(r"^arn:[^:]+:s3:[^:]*:[^:]*:(?:accesspoint/[^/]+/object/.+|[^/]+/.+)$")


def _check_arn(url: str) -> str | None:
    base = url.partition("?")[0]
    if not _ARN.match(base):
        return "invalid S3 ARN format"
    return _check_s3(url)


def check_data_url(url: str) -> str | None:
    """RFC 2397: ``data:[<mediatype>][;base64],<data>``; messages as the Go library Ignition uses."""
    rest = url[len("data:") :]
    header, comma, data = rest.partition(",")
    if not comma:
        return _media_type_problem(header) or "missing comma"
    problem = _media_type_problem(header)
    if problem:
        return problem
    if header.lower().endswith(";base64"):
        # Base64 data is read as is: only the alphabet and padding, no escapes.
        if not set(data) <= _BASE64_CHARS:
            return "invalid data character"
        offset = _go_base64_error(data.encode())
        return None if offset is None else f"illegal base64 data at input byte {offset}"
    if not set(data) <= _DATA_OK:
        return "invalid data character"
    if _BAD_ESCAPE.search(data):
        return "rfc2396: invalid char 0x25 in unescape sequence"
    return None


def _media_type_problem(header: str) -> str | None:
    if header == "" or header.startswith(";"):
        return None
    mtype, _, _params = header.partition(";")
    kind, slash, sub = mtype.partition("/")
    if not slash:
        if not set(kind) <= _TOKEN_OK:
            return "invalid character for media type"
        return "missing media type slash"
    if not kind or not set(kind) <= _TOKEN_OK or not set(sub) <= _TOKEN_OK:
        return "invalid character for media type"
    return None


def _go_base64_error(src: bytes) -> int | None:
    """Where Go's padded standard base64 decoder gives up (``CorruptInputError``), or ``None``."""
    n, si = len(src), 0
    while True:
        for j in range(4):
            if si == n:
                return None if j == 0 else si - j
            c = src[si]
            si += 1
            if c in _BASE64_ALPHABET:
                continue
            if c != ord("=") or j < 2:
                return si - 1
            if j == 2:
                if si == n:
                    return n
                if src[si] != ord("="):
                    return si - 1
                si += 1
            return si if si < n else None
