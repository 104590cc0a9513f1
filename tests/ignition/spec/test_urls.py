# SPDX-License-Identifier: Apache-2.0
"""URL checks: Go's ``net/url.Parse`` verdicts and the dataurl library's messages, as Ignition has them.

The table holds facts checked against Debian's ``/usr/bin/ignition-validate`` (Ignition 2.14, built
with Go 1.19); ``test_table_matches_real_tool`` re-checks them when that tool is installed. The
differential test feeds a few hundred generated URLs (every tricky shape we know of, then randomly
mutated) to both validators in one config and compares the messages file by file.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from nestos.core.run import run
from nestos.ignition.spec.parse import parse
from nestos.ignition.spec.report import format_path
from nestos.ignition.spec.urls import (
    INVALID_SCHEME,
    INVALID_URL,
    _go_base64_error,
    check_data_url,
    check_url,
    scheme_of,
)
from nestos.ignition.spec.versions import Spec

GO_VALIDATE = Path("/usr/bin/ignition-validate")
BAD_ESCAPE = "rfc2396: invalid char 0x25 in unescape sequence"
END_ESCAPE = "rfc2396: unexpected end of unescape sequence"
VERSION_ID = "invalid S3 object VersionId"

# (url, what check_url says for spec 3.3.0), every one verified against the real tool.
CASES: list[tuple[str, str | None]] = [
    # Go's url.Parse: what it rejects.
    ("http://a b", INVALID_URL),
    ("http://a\x01", INVALID_URL),
    ("http://a#\x01", None),  # control characters are only looked for before the fragment
    ("http://a#%zz", INVALID_URL),
    ("http://a/%zz", INVALID_URL),
    ("http://a/%2", INVALID_URL),
    ("http://a?%zz", None),  # the query is not checked
    ("gs:%zz", None),  # nor an opaque part
    ("https://%20?versionId=", INVALID_URL),  # host escapes must be of non-ASCII bytes
    ("http://a%C3b", None),
    ("http://a%25b", None),
    ("http://a%7Fb", INVALID_URL),
    ("http://a{b", INVALID_URL),
    ('http://a<b>"', None),
    ('gs://"*$', None),
    ("http://é", None),
    ("http://u%zz@h", INVALID_URL),
    ("http://u:p@h", None),
    ("http://u@v@h", None),
    ("http://ué@h", INVALID_URL),
    ("http://h:8a", INVALID_URL),
    ("http://h:", None),
    ("http://[::1", INVALID_URL),
    ("http://[a]x", INVALID_URL),
    ("http://[::1]:80", None),
    ("http://[::1]%25en0", INVALID_URL),
    ("http://[::1%25%41]", None),
    ("http://[::1%25%C3]", INVALID_URL),  # a zone may not escape non-ASCII bytes
    ("//a:b", INVALID_URL),
    ("///%zz", INVALID_URL),
    (":x", INVALID_URL),  # missing protocol scheme
    ("~0atftp://s3://b/k", INVALID_URL),  # first path segment cannot contain a colon
    ("%20*%4_", INVALID_URL),
    # What it accepts, with a scheme Ignition does not.
    ("*", INVALID_SCHEME),
    ("a:b", INVALID_SCHEME),
    ("/a:b", INVALID_SCHEME),
    ("///a:b", INVALID_SCHEME),
    ("ftp://h/", INVALID_SCHEME),
    ("HTTP://h/", None),
    # s3: the first versionId of the query must not be empty.
    ("s3://b/k?versionId", VERSION_ID),
    ("s3://b/k?versionId=a&versionId=", None),
    ("s3://b/k?versionId=&versionId=a", VERSION_ID),
    ("s3://b/k?version%49d=", VERSION_ID),
    ("s3://b/k?versionId=;a", None),  # pairs with ";" are dropped
    ("s3://b/k?versionId=%zz", None),  # and pairs with bad escapes
    ("s3://b/k?versionId=#x", VERSION_ID),
    ("s3:b?versionId=", VERSION_ID),
    # data: the lexer.
    ("Data:,a", "missing data prefix"),
    ("data:", "missing comma before data"),
    ("data::80?", "invalid character after data prefix"),
    ("data:é", "invalid character after data prefix"),
    ("data:x", "missing media type slash"),
    ("data:x,abc", "missing media type slash"),  # the character after "x" is swallowed
    ("data:x;text/b,", "invalid media type"),
    ("data:xé/b,", "invalid media type"),
    ("data:x-;a/b,", "invalid character for media type"),
    ("data:X-a/b,", None),
    ("data:text;", "invalid character for media type"),
    ("data:Text/plain,", "invalid media type"),
    ("data:textual/plain,", None),
    ("data:multipartx/a,", None),
    ("data:text/plaina", "incomplete media type"),
    ("data:text/plain(&", "invalid character for media subtype"),
    ("data:text/,", None),
    ("data:;", "unterminated parameter sequence"),
    ("data:;,", "unterminated parameter sequence"),
    ("data:text/b;=", "unterminated parameter sequence"),
    ("data:text/plain;base64;a=b,", "invalid character for parameter attribute"),
    ("data:text/b;a;", "invalid character for parameter attribute"),
    ("data:;base64x,", "expected base64, got base64x"),
    ("data:;a,", "expected base64, got a"),
    ("data:text/plain;a=", "missing comma before data"),
    ("data:text/plain;a=b", "missing comma before data"),
    ('data:text/plain;a="b"', "missing comma before data"),
    ("data:text/plain;a=,", "invalid character for parameter value"),
    ("data:text/b;a=b c", "invalid character for parameter value"),
    ("data:text/b;a=b=c,", "invalid character for parameter value"),
    ('data:text/b;c="é",x', "invalid character for parameter value"),
    ('data:text/plain;a="b"c,', "expected semicolon or comma"),
    ('data:text/b;a="b c",', None),
    ('data:text/b;c="a', "unclosed quoted string"),
    ('data:text/b;c="\\', "unclosed quoted string"),  # never "unexpected eof"
    ('data:text/b;c="\\é",x', "invalid escaped character"),
    ("data:,a b", "invalid data character"),
    ("data:,a#b", "invalid data character"),
    ("data:,é", "invalid data character"),
    ("data:,{", "invalid data character"),
    ("data:;base64,aGk%3D", "invalid data character"),
    # data: the decoder.
    ("data:text/b;c=%zz,x", BAD_ESCAPE),
    ("data:text/b;c=%4,x", END_ESCAPE),
    ("data:text/b;a=%41%,x", END_ESCAPE),
    ('data:text/b;c="";d=%zz,x', None),  # an empty quoted value makes the next value unquoted instead
    ('data:text/b;c="";d=%zz;e=%zz,x', BAD_ESCAPE),
    ('data:text/b;c="",%zz', BAD_ESCAPE),
    ('data:text/b;c="\\q",x', "invalid syntax"),
    ('data:text/b;c="\\777",x', "invalid syntax"),
    ('data:text/b;c="\\ud800",x', "invalid syntax"),
    ('data:text/b;c="\\\'",x', "invalid syntax"),
    ('data:text/b;c="\\x41\\u00e9\\101\\"",x', None),
    ('data:;a="#\n";base64,aGk=', "invalid syntax"),
    ("data:,%", END_ESCAPE),
    ("data:,%4", END_ESCAPE),
    ("data:,%4g", BAD_ESCAPE),
    ("data:,%g4", BAD_ESCAPE),
    ("data:/%zz", INVALID_URL),
    ("data:,%zz#%zz", INVALID_URL),
    ("data:;base64,aGk=", None),
    ("data:;base64,aGk", "illegal base64 data at input byte 0"),
    ("data:;base64,aG=k", "illegal base64 data at input byte 2"),
    ("data:;base64,a", "illegal base64 data at input byte 0"),
    ("data:;base64,aGk==", "illegal base64 data at input byte 4"),
    # After a "#" in a quoted value, newlines pass url.Parse and Go's base64 decoder skips them.
    ('data:;a="#";base64,aG\nk=', None),
    ('data:;a="#";base64,aG=\n=', None),
]


@pytest.mark.parametrize(("url", "expected"), CASES)
def test_check_url(url: str, expected: str | None) -> None:
    assert check_url(url, Spec.V3_3) == expected


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("HTTP://h/", "http"),
        ("a+b.c-d:x", "a+b.c-d"),
        ("1http://h", None),  # no scheme, so "1http:" is a first path segment with a colon
        ("1http/h:", ""),
        ("*", ""),
        ("", ""),
        ("data:x y", "data"),
        (":x", None),
        ("http://a b", None),
    ],
)
def test_scheme_of(url: str, scheme: str | None) -> None:
    assert scheme_of(url) == scheme


def test_schemes_by_spec() -> None:
    assert check_url("gs://b/k", Spec.V3_1) == INVALID_SCHEME
    assert check_url("gs://b/k", Spec.V3_2) is None
    assert check_url("arn:aws:s3:::b/k", Spec.V3_3) == INVALID_SCHEME
    assert check_url("arn:aws:s3:::b/k", Spec.V3_4) is None
    assert check_url("arn:aws:s3:::b/k?versionId=", Spec.V3_4) == VERSION_ID
    assert check_url("arn:aws:iam:::b/k", Spec.V3_4) == "invalid S3 ARN format"


def test_messages_keep_config_text_as_is() -> None:
    # Go prints "got b%!d(MISSING)": its report printer formats the message again, ours does not.
    assert check_url("data:;b%d,", Spec.V3_3) == "expected base64, got b%d"


def test_check_data_url_needs_no_parse() -> None:
    # The dataurl library is also usable on its own, without url.Parse in front.
    assert check_data_url("data:,a\x01") == "invalid data character"
    assert check_data_url("data:;base64,aGVsbG8=") is None


# Where Go's base64 decoder stops; newlines are skipped but counted.
BASE64_CASES: list[tuple[str, int | None]] = [
    ("", None),
    ("aGVsbG8=", None),
    ("aGVsbA==", None),
    ("aGVsbA=", 7),
    ("aGVsbA=x", 6),
    ("aGVsbG8", 4),
    ("aGVsbG8=aGk=", 8),
    ("a===", 1),
    ("aGk=\n", None),
    ("aG\n\nk", 2),
    ("aGk\n", 1),
    ("aG=\n", 4),
    ("aG=\nx", 3),
    ("aGk=\nx", 5),
]


@pytest.mark.parametrize(("data", "offset"), BASE64_CASES)
def test_go_base64_error(data: str, offset: int | None) -> None:
    assert _go_base64_error(data) == offset


def test_long_data_is_fast_enough_to_be_linear() -> None:
    # Megabytes of inline data must not go through a Python loop per character.
    big = "data:;base64," + "QUJD" * 500_000
    assert check_url(big, Spec.V3_3) is None
    assert check_url(big + "Q", Spec.V3_3) == f"illegal base64 data at input byte {4 * 500_000}"
    assert check_url("data:," + "a%20" * 500_000 + "%", Spec.V3_3) == END_ESCAPE


# --- against the real tool ------------------------------------------------------------------------------

_GO_ENTRY_START = re.compile(r"(?:error|warning|info) at \$")
_GO_LINE = re.compile(r"(error|warning|info) at (\$[^,:]*)(?:, line -?\d+ col -?\d+)?: (.*)$")

# Pieces of URLs: each shape we know Go or the dataurl library treats specially.
_SCHEMES = ["http", "https", "HTTP", "hTtPs", "s3", "S3", "tftp", "gs", "ftp", "a+b.c-d", "1http", "x y", ""]
_USERINFO = ["", "", "u@", "u:p@", "u%41@", "u%zz@", "u%4@", "ué@", "u p@", "u@v@", "a;b=c!$&'()*+,~@", "u[@"]
_HOSTS = [
    "example.com",
    "b",
    "",
    "[::1]",
    "[::1]:80",
    "[::1]:",
    "[::1]:8a",
    "[::1]x",
    "[::1",
    "[fe80::1%25en0]",
    "[fe80::1%25%65n0]:1",
    "[::1%25%41%2f]",
    "[::1%25%C3%A9]",
    "[::1%25a%20b]",
    "[::1%25%2]",
    "[::1]%25x",
    "h:80",
    "h:",
    "h:x",
    "h::1",
    "h:٣",
    "h%20",
    "h%C3%A9",
    "h%25",
    "h%2",
    "h%zz",
    "é.com",
    '"q"',
    "'q'",
    "<a>",
    "a b",
    "a{b}",
    "a|b",
    "a^b",
    "a`b",
    "a\\b",
    "a[b]",
    "a]b:1",
    "a%7F",
    "a%7f%80",
]
_PATHS = ["", "/", "/a/b", "/a%20b", "/a%zz", "/a%2", "/%", "/a:b", "/é", "/a b", "/\"'", "//x", "/%41%"]
_QUERIES = [
    "",
    "?",
    "?a=b",
    "?versionId=",
    "?versionId",
    "?versionId=1",
    "?versionId=&versionId=1",
    "?versionId=1&versionId=",
    "?version%49d=",
    "?version%49d",
    "?versionId=%zz",
    "?version%zzId=",
    "?versionId=;",
    "?a;b&versionId=",
    "?%zz",
    "?x?y",
    "?versionId=+",
    "?version+Id=",
    "?&&versionId=",
]
_FRAGMENTS = ["", "", "#", "#f", "#%zz", "#%41", "#a b", "#\x01", "#\t%2", "#é", "#a#b"]
_RELATIVE = ["a:b", "~0a:x", "%20", "/a:b", "./a", "//h/p", "///p", ":x", "*", "a/b:c", "a?b:c", "a#:"]

_MEDIA_TYPES = [
    "",
    "",
    "text/plain",
    "text/",
    "Text/plain",
    "textual/x",
    "x-foo/bar",
    "X-a/b",
    "xa/b",
    "x/b",
    "x",
    "x,",
    "x-",
    "image/png",
    "message/rfc822",
    "multipart/mixed",
    "audio",
    "foo/bar",
    "text/pl(ain",
    "text/plain/x",
    "(",
    "é",
    "text/é",
    ":80",
    "text/plain ",
]
_PARAMS = [
    "",
    "",
    ";charset=utf-8",
    ";a=b;c=d",
    ';a="b c"',
    ';a="\\"q\\""',
    ';a="\\x41\\u00e9\\101"',
    ';a="\\U0001F600"',
    ';a="\\U00110000"',
    ';a="\\q"',
    ';a="\\777"',
    ';a="\\377"',
    ';a="\\ud800"',
    ';a="\\\'"',
    ';a=""',
    ';a="";b=%zz',
    ';a="";b=%zz;c=%zz',
    ';a="";b=""',
    ";a=%41",
    ";a=%zz",
    ";a=%4",
    ";a=%",
    ";a=",
    ";a",
    ";=",
    ";",
    ";a=b=c",
    ";a=é",
    ';a="é"',
    ';a="\\é"',
    ';a="b"c',
    ';a="b',
    ";base64x",
    ';a="#"',
    ';a="#\n"',
    ';a="#\\\n"',
]
_ASCII_DATA = [
    "",
    "hello",
    "a%20b",
    "%zz",
    "%4",
    "%",
    "%4g",
    "a b",
    "a#b",
    "é",
    "<>",
    "a[b]",
    "?x=y:z@",
    "%C3%A9",
]
_BASE64_DATA = [
    "",
    "aGk=",
    "aGk",
    "aGVsbG8=",
    "aGVsbG8",
    "aG=k",
    "a",
    "aGk==",
    "aGk=x",
    "a===",
    "YQ==",
    "YQ=",
    "YQ",
    "Y",
    "aGk%3D",
    "a b",
    "aGk=#x",
    "aG\nk=",
    "aGk=\n",
    "aG=\n=",
    "aG\n=",
    "aGk\n",
]
_NOISE = [*"abcXYZ09+/=%;,:/?#[]@!$&'()*-._~ \t\n\"\\é\x7f{}|^`<>", "%20", "%zz", "%4", "%C3", "%25"]


def _data_url(rng: random.Random) -> str:
    prefix = rng.choice(["data:"] * 12 + ["DATA:", "data"])
    header = rng.choice(_MEDIA_TYPES) + rng.choice(_PARAMS) + rng.choice(_PARAMS[:8])
    if rng.random() < 0.5:
        return f"{prefix}{header};base64,{rng.choice(_BASE64_DATA)}"
    return f"{prefix}{header},{rng.choice(_ASCII_DATA)}"


def _hierarchical_url(rng: random.Random) -> str:
    scheme = rng.choice(_SCHEMES)
    if rng.random() < 0.15:
        # Opaque: what follows "scheme:" does not start with "/".
        return f"{scheme}:{rng.choice(_HOSTS)}{rng.choice(_PATHS)}{rng.choice(_QUERIES)}"
    authority = rng.choice(_USERINFO) + rng.choice(_HOSTS)
    return f"{scheme}://{authority}{rng.choice(_PATHS)}{rng.choice(_QUERIES)}{rng.choice(_FRAGMENTS)}"


def _mutate(rng: random.Random, url: str) -> str:
    for _ in range(rng.randint(1, 3)):
        at = rng.randint(0, len(url))
        kind = rng.random()
        if kind < 0.5:
            url = url[:at] + rng.choice(_NOISE) + url[at:]
        elif kind < 0.8:
            url = url[:at] + rng.choice(_NOISE) + url[at + 1 :]
        else:
            url = url[:at] + url[at + 1 :]
    return url


def generated_urls(seed: int, count: int) -> list[str]:
    """``count`` URLs: every listed shape once, then random combinations, a third of them mutated."""
    rng = random.Random(seed)
    urls = [
        *(url for url, _ in CASES),
        *_RELATIVE,
        *(f"http://{h}/" for h in _HOSTS),
        *(f"s3://b/k{q}" for q in _QUERIES),
        *(f"data:text/plain{p},x" for p in _PARAMS),
        *(f"data:;base64,{d}" for d in _BASE64_DATA),
        # A "#" in a quoted value lets newlines past url.Parse into the data.
        *(f'data:;a="#";base64,{d}' for d, _ in BASE64_CASES),
        *(f"data:{m},x" for m in _MEDIA_TYPES),
    ]
    while len(urls) < count:
        pick = rng.random()
        if pick < 0.45:
            url = _data_url(rng)
        elif pick < 0.9:
            url = _hierarchical_url(rng)
        else:
            url = rng.choice(_RELATIVE)
        urls.append(_mutate(rng, url) if rng.random() < 0.35 else url)
    return urls


def _messages_by_file(lines: list[tuple[str, str, str]], count: int) -> list[list[str]]:
    """Report lines about ``$.storage.files.N`` as ``severity path: message``, grouped by N."""
    found: list[list[str]] = [[] for _ in range(count)]
    for severity, path, message in lines:
        m = re.match(r"\$\.storage\.files\.(\d+)(\..*)?$", path)
        if m:
            found[int(m[1])].append(f"{severity} {m[2] or ''}: {message}")
    return [sorted(f) for f in found]


def _compare_with_real_tool(urls: list[str]) -> list[str]:
    """One config with every URL as a file's contents source; the files whose messages differ."""
    files = [{"path": f"/f{i}", "contents": {"source": url}} for i, url in enumerate(urls)]
    doc = json.dumps({"ignition": {"version": "3.3.0"}, "storage": {"files": files}})
    result = run([GO_VALIDATE, "-"], input=doc, check=False, timeout=120)
    go_lines: list[tuple[str, str, str]] = []
    for line in result.stdout.splitlines():
        # The newline ending a message can become a "%" verb's missing operand (see below): the rest,
        # "(MISSING)", then starts the next line, in front of the next entry.
        start = _GO_ENTRY_START.search(line)
        head = line if start is None else line[: start.start()]
        if head:
            assert go_lines, f"unexpected output from {GO_VALIDATE}: {line!r}"
            severity, path, message = go_lines.pop()
            go_lines.append((severity, path, f"{message}\n{head}"))
        if start is not None:
            m = _GO_LINE.match(line, start.start())
            assert m, f"unexpected output from {GO_VALIDATE}: {line!r}"
            go_lines.append((m[1], m[2], m[3]))
    ours = [
        (str(e.severity), format_path(e.path), e.message) for e in parse(doc, locate=False).report.entries
    ]
    go_files, our_files = _messages_by_file(go_lines, len(urls)), _messages_by_file(ours, len(urls))
    return [
        f"{url!r}: go {g}, ours {o}"
        for url, g, o in zip(urls, go_files, our_files, strict=True)
        # Ignition prints every message through fmt as a format string, so a "%" from the config
        # comes out as "%!d(MISSING)" and the like (unit names show it too). That is the report
        # renderer's business; the only URL message carrying config text is "expected base64, got".
        if g != o and not any("%" in message for message in o)
    ]


@pytest.fixture(scope="module")
def real_tool() -> None:
    if not GO_VALIDATE.is_file():
        pytest.skip(f"{GO_VALIDATE} (Debian package ignition) is not installed")


@pytest.mark.usefixtures("real_tool")
def test_table_matches_real_tool() -> None:
    assert _compare_with_real_tool([url for url, _ in CASES]) == []


@pytest.mark.usefixtures("real_tool")
def test_generated_urls_match_real_tool() -> None:
    urls = generated_urls(seed=2397, count=700)
    assert _compare_with_real_tool(urls) == []
