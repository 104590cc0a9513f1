# SPDX-License-Identifier: Apache-2.0
"""URL checks as Ignition makes them: Go's ``net/url`` parsing rules, the schemes each spec version
accepts, RFC 2397 ``data:`` URLs, ``s3`` version ids and ``arn:`` S3 access points.

Ignition first hands a source to Go's ``url.Parse`` (any error is "unable to parse url"), then switches
on the lower-cased scheme; ``data:`` URLs then go whole through the dataurl library
(github.com/vincent-petithory/dataurl), whose lexer and decoder messages become ours. Both are
reproduced rule for rule, quirks included, because the messages are part of the validator's output and
are compared with the real ``ignition-validate``.

Every check returns an error message or ``None``; nothing here fetches anything. The checks run once
per URL of a config that may list thousands of files, some with megabytes of inline data, so long
stretches are scanned with compiled regular expressions rather than in Python loops.
"""

from __future__ import annotations

import re

from nestos.ignition.spec.versions import Spec

INVALID_URL = "unable to parse url"
INVALID_SCHEME = "invalid url scheme"
INVALID_VERSION_ID = "invalid S3 object VersionId"

# --- Go's net/url.Parse -------------------------------------------------------------------------------

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
_PERCENT = re.compile(r"%([0-9A-Fa-f]{2})")
_PORT = re.compile(r"(?::[0-9]*)?")
# What Go's unescape in host mode lets through as is: any non-ASCII character, and the ASCII
# unreserved and sub-delim characters plus the few it leaves alone for its own reasons (":" "[" "]" "<"
# ">" '"'). Written as what it refuses, which is also much cheaper to compile than a non-ASCII range.
_HOST_CHAR = r"[^\x00-\x20#%/?@\\^`{|}\x7f]"
# %-escapes in a host may only encode non-ASCII bytes (first hex digit 8 or above), or be "%25".
_HOST = re.compile(rf"(?:{_HOST_CHAR}|%[89A-Fa-f][0-9A-Fa-f]|%25)*")
_ZONE = re.compile(rf"(?:{_HOST_CHAR}|%[0-9A-Fa-f]{{2}})*")
_ESCAPABLE_IN_ZONE = re.compile(rf"[ %]|{_HOST_CHAR}")
_USERINFO = re.compile(r"(?:[A-Za-z0-9\-._:~!$&'()*+,;=@]|%[0-9A-Fa-f]{2})*")


def _go_parse(url: str) -> tuple[str, str] | None:
    """``(scheme, raw query)`` as Go's ``url.Parse`` finds them, ``None`` where it returns an error.

    The scheme is lower-cased, "" for none. Go checks %-escapes in the host, path and fragment, but
    neither in the query nor in an opaque part (``scheme:`` followed by anything but "/").
    """
    head, _, fragment = url.partition("#")
    # Control characters are only looked for before the fragment; the fragment's escapes are checked.
    if _CONTROL.search(head) or (fragment and _BAD_ESCAPE.search(fragment)):
        return None
    m = _SCHEME.match(head)
    if m:
        scheme, rest = head[: m.end() - 1].lower(), head[m.end() :]
    elif head.startswith(":"):
        return None  # "missing protocol scheme"
    else:
        scheme, rest = "", head
    # A lone trailing "?" (Go's ForceQuery) leaves the same path and an empty query as a plain cut.
    rest, _, query = rest.partition("?")
    if not rest.startswith("/"):
        if scheme:
            return scheme, query
        if ":" in rest.partition("/")[0]:
            return None  # "first path segment in URL cannot contain colon"
    elif rest.startswith("//") and (scheme or not rest.startswith("///")):
        authority, slash, path = rest[2:].partition("/")
        if not _authority_ok(authority):
            return None
        rest = slash + path
    if _BAD_ESCAPE.search(rest):
        return None
    return scheme, query


def _authority_ok(authority: str) -> bool:
    userinfo, at, host = authority.rpartition("@")
    if at and not _USERINFO.fullmatch(userinfo):
        return False
    if host.startswith("["):
        end = host.rfind("]")
        if end < 0 or not _PORT.fullmatch(host, end + 1):
            return False
        zone = host.find("%25", 0, end)
        if zone >= 0:
            # Go unescapes the three parts separately: "[addr", "%25zone", "]:port".
            return bool(
                _HOST.fullmatch(host, 0, zone)
                and _zone_ok(host, zone + 3, end)
                and _HOST.fullmatch(host, end)
            )
    else:
        colon = host.rfind(":")
        if colon >= 0 and not _PORT.fullmatch(host, colon):
            return False
    return bool(_HOST.fullmatch(host))


def _zone_ok(host: str, start: int, end: int) -> bool:
    """An IPv6 zone may %-escape a space, "%", and the ASCII a host may hold as is; nothing else."""
    if not _ZONE.fullmatch(host, start, end):
        return False
    for m in _PERCENT.finditer(host, start, end):
        byte = int(m[1], 16)
        if byte >= 0x80 or not _ESCAPABLE_IN_ZONE.fullmatch(chr(byte)):
            return False
    return True


def scheme_of(url: str) -> str | None:
    """The scheme Go's ``url.Parse`` finds (lower-cased), "" for none, ``None`` if it fails to parse."""
    parsed = _go_parse(url)
    return None if parsed is None else parsed[0]


def allowed_schemes(spec: Spec) -> frozenset[str]:
    schemes = {"http", "https", "tftp", "s3", "data"}
    if spec >= Spec.V3_2:
        schemes.add("gs")
    if spec >= Spec.V3_4:
        schemes.add("arn")
    return frozenset(schemes)


def check_url(url: str, spec: Spec) -> str | None:
    """Why ``url`` is not an acceptable resource source for ``spec``, or ``None``."""
    parsed = _go_parse(url)
    if parsed is None:
        return INVALID_URL
    scheme, query = parsed
    if scheme not in allowed_schemes(spec):
        return INVALID_SCHEME
    if scheme == "s3":
        return _check_version_id(query)
    if scheme == "arn":
        return _check_arn(url) or _check_version_id(query)
    if scheme == "data":
        return check_data_url(url)
    return None


def _check_version_id(query: str) -> str | None:
    """Go's ``u.Query()["versionId"]``: only the first value counts, and it must not be empty.

    ``Query`` silently drops pairs containing ";" and pairs with a bad escape in key or value, and
    unescapes keys (so ``version%49d`` is ``versionId``).
    """
    if "versionId" not in query and "%" not in query:
        return None
    for pair in query.split("&"):
        if not pair or ";" in pair:
            continue
        key, _, value = pair.partition("=")
        if _BAD_ESCAPE.search(key) or _BAD_ESCAPE.search(value):
            continue
        if "%" in key:
            key = _PERCENT.sub(lambda m: chr(int(m[1], 16)), key)
        if key == "versionId":
            return INVALID_VERSION_ID if value == "" else None
    return None


_ARN = re.compile(r"^arn:[^:]+:s3:[^:]*:[^:]*:(?:accesspoint/[^/]+/object/.+|[^/]+/.+)$")


def _check_arn(url: str) -> str | None:
    base = url.partition("?")[0]
    if not _ARN.match(base):
        return "invalid S3 ARN format"
    return None


# --- github.com/vincent-petithory/dataurl -------------------------------------------------------------

# RFC 2045 tokens: printable ASCII except space and the tspecials.
_TOKEN = frozenset(chr(c) for c in range(0x21, 0x7F)) - frozenset('()<>@,;:\\"/[]?=')
_TOKENS = re.compile("[" + re.escape("".join(sorted(_TOKEN))) + "]*")
# The library's "URL characters" (RFC 2396 minus its delims and unwise characters, "%" kept).
_NOT_URL_CHAR = re.compile(r"[^!$%&'()*+,\-./0-9:;=?@A-Z_a-z~]")
_NOT_BASE64_CHAR = re.compile(r"[^A-Za-z0-9+/=\n]")
_DISCRETE_TYPES = ("text", "image", "audio", "video", "application", "message", "multipart")
_HEX = frozenset("0123456789abcdefABCDEF")


def _skip_tokens(url: str, i: int) -> int:
    """Past the run of token characters at ``i`` (possibly empty)."""
    m = _TOKENS.match(url, i)
    return m.end() if m else i


class _DataURLError(Exception):
    """The first problem the lexer or the decoder meets; carries Go's message."""


def check_data_url(url: str) -> str | None:
    """RFC 2397: ``data:[<mediatype>][;base64],<data>``; messages as the Go library Ignition uses."""
    try:
        start, base64 = _lex_header(url)
    except _DataURLError as e:
        return str(e)
    data = url[start:]
    if base64:
        if _NOT_BASE64_CHAR.search(data):
            return "invalid data character"
        offset = _go_base64_error(data)
        return None if offset is None else f"illegal base64 data at input byte {offset}"
    if _NOT_URL_CHAR.search(data):
        return "invalid data character"
    return _rfc2396_error(data)


def _lex_header(url: str) -> tuple[int, bool]:
    """Walk the media type and parameters as the library's lexer does.

    Returns where the data starts and whether it is base64. Parameter values are decoded (and their
    errors raised) at the point where the lexer emits them, as the library's parser reads the lexer's
    items in order and stops at the first error from either.
    """
    if not url.startswith("data:"):
        raise _DataURLError("missing data prefix")
    n, i = len(url), 5
    if i == n:
        raise _DataURLError("missing comma before data")
    c = url[i]
    if c == ",":
        return i + 1, False
    if c != ";":
        i = _lex_media_type(url, i)
    return _lex_parameters(url, i)


def _lex_media_type(url: str, i: int) -> int:
    """From the first character of the type to the ";" or "," after the subtype."""
    n, c = len(url), url[i]
    checked = True
    if c in "xX":
        i += 1
        if i < n and url[i] == "-":
            checked = False  # "x-" extension types are not checked against the known ones
        # Otherwise the lexer has consumed whatever follows the "x" without looking at it, even a
        # "/" or ","; it is not backed up, so that character is taken as part of the type.
        i = min(i + 1, n)
    elif c in _TOKEN:
        i += 1
    else:
        raise _DataURLError("invalid character after data prefix")
    i = _skip_tokens(url, i)
    if i == n:
        raise _DataURLError("missing media type slash")
    if url[i] != "/":
        raise _DataURLError("invalid character for media type")
    if checked and not url.startswith(_DISCRETE_TYPES, 5, i):
        # Prefixes only, case-sensitively: "textual/x" passes, "Text/plain" does not.
        raise _DataURLError("invalid media type")
    i = _skip_tokens(url, i + 1)
    if i == n:
        raise _DataURLError("incomplete media type")
    if url[i] not in ";,":
        raise _DataURLError("invalid character for media subtype")
    return i


def _lex_parameters(url: str, i: int) -> tuple[int, bool]:
    """From a ";" or "," to the start of the data."""
    n = len(url)
    # The parser's "unquote the next value" flag: set by an opening quote, cleared by the next value
    # it sees. An empty quoted value emits no value, so the flag then applies to the following
    # unquoted value, which is unquoted (always fine) instead of unescaped.
    unquote = False
    while url[i] == ";":
        i += 1
        if i == n or url[i] in "=,":
            raise _DataURLError("unterminated parameter sequence")
        attr_start = i
        i = _skip_tokens(url, i)
        if i == attr_start:
            raise _DataURLError("invalid character for parameter attribute")
        if i == n:
            raise _DataURLError("unterminated parameter sequence")
        if url[i] == ",":
            attr = url[attr_start:i]
            if attr != "base64":
                raise _DataURLError(f"expected base64, got {attr}")
            return i + 1, True
        if url[i] != "=":
            raise _DataURLError("invalid character for parameter attribute")
        i += 1
        if i == n:
            raise _DataURLError("missing comma before data")
        if url[i] == '"':
            unquote = True
            i, value = _lex_quoted(url, i + 1)
            if value:
                unquote = False
                if not _go_unquote_ok(value):
                    raise _DataURLError("invalid syntax")
        else:
            value_start = i
            i = _skip_tokens(url, i)
            if i == value_start:
                raise _DataURLError("invalid character for parameter value")
            if i == n:
                raise _DataURLError("missing comma before data")
            if url[i] not in ";,":
                raise _DataURLError("invalid character for parameter value")
            if unquote:
                unquote = False  # a token needs no unquoting and has nothing to fail on
            else:
                problem = _rfc2396_error(url[value_start:i])
                if problem:
                    raise _DataURLError(problem)
        if i == n:
            raise _DataURLError("missing comma before data")
        if url[i] not in ";,":
            raise _DataURLError("expected semicolon or comma")
    return i + 1, False


def _lex_quoted(url: str, i: int) -> tuple[int, str]:
    """A quoted value from after its opening quote: (index after the closing quote, raw content)."""
    n, start = len(url), i
    while True:
        if i == n:
            raise _DataURLError("unclosed quoted string")
        c = url[i]
        i += 1
        if c == '"':
            return i, url[start : i - 1]
        if c == "\\":
            # A backslash at the very end falls back to the string state, which then reports the
            # unclosed string: the library's "unexpected eof" can never be reached.
            if i < n:
                if url[i] > "\x7f":
                    raise _DataURLError("invalid escaped character")
                i += 1
        elif c > "\x7f":
            raise _DataURLError("invalid character for parameter value")


_UNQUOTE_ESCAPE = re.compile(
    r"\\(?:[abfnrtv\\\"]|x[0-9A-Fa-f]{2}|[0-3][0-7]{2}|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8}))|[^\\\n]+"
)


def _go_unquote_ok(value: str) -> bool:
    """Whether Go's ``strconv.Unquote`` accepts ``value`` between double quotes.

    Raw newlines are refused (only reachable after a "#", which ends Go's control character check);
    ``\\'`` is refused in a double-quoted string; ``\\u`` and ``\\U`` must name a valid rune.
    """
    if "\\" not in value and "\n" not in value:
        return True
    i, n = 0, len(value)
    while i < n:
        m = _UNQUOTE_ESCAPE.match(value, i)
        if not m:
            return False
        code = m[1] or m[2]
        if code is not None:
            rune = int(code, 16)
            if rune > 0x10FFFF or 0xD800 <= rune <= 0xDFFF:
                return False
        i = m.end()
    return True


def _rfc2396_error(s: str) -> str | None:
    """The library's ``Unescape``: every "%" must start two hex digits."""
    m = _BAD_ESCAPE.search(s)
    if not m:
        return None
    p = m.start() + 1
    # Go reads the two digits one at a time: running out of input comes before a bad digit only if
    # the digits present are good. The message names "%", not the bad character (0x25 always).
    if p == len(s) or (s[p] in _HEX and p + 1 == len(s)):
        return "rfc2396: unexpected end of unescape sequence"
    return "rfc2396: invalid char 0x25 in unescape sequence"


_BASE64_DIGITS = re.compile(r"[A-Za-z0-9+/\n]*")


def _go_base64_error(src: str) -> int | None:
    """Where Go's padded standard base64 decoder gives up (``CorruptInputError``), or ``None``.

    ``src`` holds only base64 digits, "=" and newlines (the lexer let nothing else through). Go
    skips newlines anywhere but counts them in offsets, so the digit count decides where in a quantum
    the first non-digit falls.
    """
    n = len(src)
    m = _BASE64_DIGITS.match(src)
    p = m.end() if m else 0
    j = (p - src.count("\n", 0, p)) % 4
    if p == n:
        # Out of input inside a quantum: Go reports the length less the digits read of that quantum.
        return None if j == 0 else n - j
    # src[p] is "=": padding may only replace the last one or two digits of a quantum.
    if j < 2:
        return p
    si = p + 1
    if j == 2:
        while si < n and src[si] == "\n":
            si += 1
        if si == n:
            return n
        if src[si] != "=":
            return si - 1
        si += 1
    while si < n and src[si] == "\n":
        si += 1
    return si if si < n else None
