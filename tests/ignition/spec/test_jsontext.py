# SPDX-License-Identifier: Apache-2.0
"""Tests of nestos.ignition.spec.jsontext: Go's JSON syntax errors and Ignition's positions.

Every expectation in the tables below was checked against Debian's ``ignition-validate`` 2.14; the
differential test re-checks generated inputs against that binary when it is installed.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess

import pytest

from nestos.ignition.spec.jsontext import (
    MAX_DEPTH,
    JSONPath,
    SyntaxProblem,
    ValueSpan,
    find_syntax_error,
    line_col,
    locate,
    locate_keys,
    locate_nearest,
    root_position,
    type_error_offset,
    type_error_position,
    value_spans,
)

V = '{"ignition":{"version":"3.3.0"}'  # start of a config, without its closing brace

# (input, Go's message, Ignition's (line, col))
SYNTAX_CASES: list[tuple[bytes, str, tuple[int, int]]] = [
    (b"E", "invalid character 'E' looking for beginning of value", (0, 0)),
    (b" E ", "invalid character 'E' looking for beginning of value", (1, 3)),
    (b"\n\n  E", "invalid character 'E' looking for beginning of value", (0, 0)),
    (b'{"a":\n\t\tE}', "invalid character 'E' looking for beginning of value", (2, 4)),
    ('{"é":1,\n"ü": E}'.encode(), "invalid character 'E' looking for beginning of value", (2, 8)),
    (b"{", "unexpected end of JSON input", (0, 0)),
    (b"   ", "unexpected end of JSON input", (0, 0)),
    (b"[1,2", "unexpected end of JSON input", (0, 0)),
    (b'"abc', "unexpected end of JSON input", (0, 0)),
    (b'{"a":1,}', "invalid character '}' looking for beginning of object key string", (0, 0)),
    (b"{,}", "invalid character ',' looking for beginning of object key string", (1, 3)),
    (b'{"a":1,"b"}', "invalid character '}' after object key", (0, 0)),
    (b'{"a" 1}', "invalid character '1' after object key", (1, 7)),
    (b'{"a":1 x\n}', "invalid character 'x' after object key:value pair", (1, 9)),
    (b'{"a":1"b"}', "invalid character '\"' after object key:value pair", (1, 8)),
    (b'{"a":1]', "invalid character ']' after object key:value pair", (0, 0)),
    (b"[1 2]", "invalid character '2' after array element", (1, 5)),
    (b"[1, 2}", "invalid character '}' after array element", (0, 0)),
    (b"[01]", "invalid character '1' after array element", (1, 4)),
    (b'["a"\\]', "invalid character '\\\\' after array element", (1, 6)),
    (b"[1,]", "invalid character ']' looking for beginning of value", (0, 0)),
    (b"[1\r\n,\r\n x]", "invalid character 'x' looking for beginning of value", (3, 3)),
    (b'{"a":1}\n}', "invalid character '}' after top-level value", (0, 0)),
    (b'{"a":1}{', "invalid character '{' after top-level value", (0, 0)),
    ((V + "} x").encode(), "invalid character 'x' after top-level value", (0, 0)),
    (b'{"a":"b\ncd"}', "invalid character '\\n' in string literal", (2, 1)),
    (b'"\t"', "invalid character '\\t' in string literal", (1, 3)),
    (b'["\x00"]', "invalid character '\\x00' in string literal", (1, 4)),
    (b'["\x7f\x01"]', "invalid character '\\x01' in string literal", (1, 5)),
    (b'["\\q"]', "invalid character 'q' in string escape code", (1, 5)),
    (b'["\\', "invalid character ' ' in string escape code", (0, 0)),
    (b'["\\u12x]', "invalid character 'x' in \\u hexadecimal character escape", (1, 8)),
    (b'["\\u12', "invalid character ' ' in \\u hexadecimal character escape", (0, 0)),
    (b"-", "invalid character ' ' in numeric literal", (0, 0)),
    (b"[-x]", "invalid character 'x' in numeric literal", (1, 4)),
    (b"[1.]", "invalid character ']' after decimal point in numeric literal", (0, 0)),
    (b"[1.", "invalid character ' ' after decimal point in numeric literal", (0, 0)),
    (b"[1e+]", "invalid character ']' in exponent of numeric literal", (0, 0)),
    (b"[1.5e]", "invalid character ']' in exponent of numeric literal", (0, 0)),
    (b"[tru", "invalid character ' ' in literal true (expecting 'e')", (0, 0)),
    (b"[tru]", "invalid character ']' in literal true (expecting 'e')", (0, 0)),
    (b"[fx]", "invalid character 'x' in literal false (expecting 'a')", (1, 4)),
    (b"[fals", "invalid character ' ' in literal false (expecting 'e')", (0, 0)),
    (b"[nul]", "invalid character ']' in literal null (expecting 'l')", (0, 0)),
    (b"[\x01]", "invalid character '\\x01' looking for beginning of value", (1, 3)),
    (b"[\x1b]", "invalid character '\\x1b' looking for beginning of value", (1, 3)),
    (b"[\x0b]", "invalid character '\\v' looking for beginning of value", (1, 3)),
    (b"[\x7f]", "invalid character '\\x7f' looking for beginning of value", (1, 3)),
    (b"[\x80]", "invalid character '\\u0080' looking for beginning of value", (1, 3)),
    (b"[\xa0]", "invalid character '\\u00a0' looking for beginning of value", (1, 3)),
    (b"[\xad]", "invalid character '\\u00ad' looking for beginning of value", (1, 3)),
    (b"[\xff]", "invalid character 'ÿ' looking for beginning of value", (1, 3)),
    (b"[\\]", "invalid character '\\\\' looking for beginning of value", (1, 3)),
    (b"[']", "invalid character '\\'' looking for beginning of value", (1, 3)),
    ("[é]".encode(), "invalid character 'Ã' looking for beginning of value", (1, 3)),
    (b'["\xff", ' + "😀]".encode(), "invalid character 'ð' looking for beginning of value", (1, 8)),
    (b"\xef\xbb\xbf" + (V + "}").encode(), "invalid character 'ï' looking for beginning of value", (1, 2)),
    (b"[" * 10001, "invalid character '[' exceeded max depth", (0, 0)),
    (b"[" * 100000, "invalid character '[' exceeded max depth", (1, 10002)),
    (b'{"a":' * 10001, "invalid character '{' exceeded max depth", (1, 50002)),
    (b"[" * 10001 + b"]" * 10001, "invalid character '[' exceeded max depth", (1, 10002)),
    (b"[ " * 10001 + b"]" * 10001, "invalid character '[' exceeded max depth", (1, 20002)),
    (b"[" * 10000, "unexpected end of JSON input", (0, 0)),
]


@pytest.mark.parametrize(("data", "message", "position"), SYNTAX_CASES, ids=lambda v: repr(v)[:40])
def test_syntax_error_matches_go_and_ignition(data: bytes, message: str, position: tuple[int, int]) -> None:
    problem = find_syntax_error(data)
    assert problem is not None
    assert problem.message == message
    assert line_col(data, problem.offset) == position


def test_syntax_error_accepts_str_and_counts_bytes() -> None:
    text = '{"é":1,\n"ü": E}'
    assert find_syntax_error(text) == SyntaxProblem(
        "invalid character 'E' looking for beginning of value", 16
    )
    assert line_col(text, 16) == (2, 8)


@pytest.mark.parametrize(
    "text",
    [
        V + "}",
        ' [1, -0.5, 0, 1e5, 2E-3, -0.0e+1, true, false, null, "\\u00e9\\n\\"", {}, []] \n\t',
        '{"a": {"b": [{"c": "d"}]}, "a": 1}',
        "5",
        '"x"',
        "[" * MAX_DEPTH + "]" * MAX_DEPTH,
        '"\x7f é 😀"',
    ],
)
def test_valid_json_has_no_syntax_error(text: str) -> None:
    assert find_syntax_error(text) is None


@pytest.mark.parametrize("text", ["NaN", "[Infinity]", "[-Infinity]"])
def test_python_only_constants_are_syntax_errors(text: str) -> None:
    # json.loads accepts them, Go does not.
    assert json.loads(text) is not None
    assert find_syntax_error(text) is not None


def test_deep_nesting_does_not_recurse() -> None:
    cases = [
        (b"[" * 100000, "'['", MAX_DEPTH + 1),
        (b'{"a":' * 100000, "'{'", 5 * MAX_DEPTH + 1),
        (b'[{"a":' * 50000, "'['", 3 * MAX_DEPTH + 1),
    ]
    for data, char, offset in cases:
        assert find_syntax_error(data) == SyntaxProblem(
            f"invalid character {char} exceeded max depth", offset
        )


def test_line_col_rules() -> None:
    text = "ab\ncé\n"
    assert line_col(text, 0) == (1, 1)
    assert line_col(text, 2) == (1, 3)  # the newline itself ends line 1
    assert line_col(text, 3) == (2, 1)
    assert line_col(text, 5) == (2, 3)  # 'é' counts two bytes
    assert line_col(text, 6) == (2, 4)
    assert line_col(text, 7) == (0, 0)  # end of input
    assert line_col(text, 100) == (0, 0)
    assert line_col(text, -1) == (0, 0)
    assert line_col(b"a\r\nb", 3) == (2, 1)


# --------------------------------------------------------------------------------------------------
# Positions of paths, all checked against ignition-validate.

P0 = ("storage", "files", 0, "path")
FILES_REL = V + ',"storage":{"files":[{"path":"rel"}]}}'
FILES_DUP = V + ',"storage":{"files":[{"path":"/a"},{"path":"/a"}]}}'


def test_locate_scalar_value_is_its_first_byte() -> None:
    assert locate(FILES_REL, [("storage", "files", 0, "path")]) == {("storage", "files", 0, "path"): (1, 61)}


def test_locate_container_is_after_its_bracket() -> None:
    assert locate(FILES_DUP, [("storage", "files", 1)]) == {("storage", "files", 1): (1, 68)}
    raid = V + ',"storage":{"raid":[{"name":"a","level":"raid1","devices":[]}]}}'
    assert locate(raid, [("storage", "raid", 0, "devices")]) == {("storage", "raid", 0, "devices"): (1, 91)}
    merge = '{"ignition":{"version":"3.3.0","config":{"merge":[{}]}}}'
    assert locate(merge, [("ignition", "config", "merge", 0)]) == {
        ("ignition", "config", "merge", 0): (1, 52)
    }


def test_locate_string_array_element() -> None:
    text = V + ',"kernelArguments":{"shouldExist":["a","b"],"shouldNotExist":["b"]}}'
    path = ("kernelArguments", "shouldNotExist", 0)
    assert locate(text, [path]) == {path: (1, 94)}


def test_locate_multiline() -> None:
    text = V + ',"storage":{"files":[ {"path":"/a"}, \n  {   "path":"/a"}]}}'
    assert locate(text, [("storage", "files", 1)]) == {("storage", "files", 1): (2, 4)}
    # The bracket is the last byte of its line: the position is that of the newline.
    text = V + ',"storage":{"files":[ {"path":"/a"}, {\n    "path":"/a"}]}}'
    assert locate(text, [("storage", "files", 1)]) == {("storage", "files", 1): (1, 70)}
    text = V + ',\r\n"storage":{"files":[{"path":"a"}]}}'
    assert locate(text, [("storage", "files", 0, "path")]) == {("storage", "files", 0, "path"): (2, 29)}


def test_locate_unicode_counts_bytes() -> None:
    text = V + ',"x€":1,\t"storage":{"files":[{"path":"a"}]},"ü":2}'
    assert locate(text, [("storage", "files", 0, "path")]) == {("storage", "files", 0, "path"): (1, 71)}
    assert locate_keys(text, [("x€",), ("ü",)]) == {("x€",): (1, 33), ("ü",): (1, 78)}
    assert locate(text.encode(), [("ü",)]) == {("ü",): (1, 83)}


def test_locate_escaped_key() -> None:
    text = V + ',"x\\u20ac":1,"storage":{"files":[{"path":"a"}]}}'
    assert locate(text, [("storage", "files", 0, "path")]) == {("storage", "files", 0, "path"): (1, 73)}
    assert locate_keys(text, [("x€",)]) == {("x€",): (1, 33)}


def test_locate_unused_key_is_the_key() -> None:
    text = V + ',"bogus":{"a":1}}'
    assert locate_keys(text, [("bogus",)]) == {("bogus",): (1, 33)}
    assert locate(text, [("bogus",)]) == {("bogus",): (1, 42)}
    text = V + ',"bogus":[1],"storage":{"bogus2":1,"files":[{"path":"/a","bogus3":{}}]}}'
    paths: list[JSONPath] = [("bogus",), ("storage", "bogus2"), ("storage", "files", 0, "bogus3")]
    assert locate_keys(text, paths) == dict(zip(paths, [(1, 33), (1, 56), (1, 89)], strict=True))
    assert locate_keys(text, [(), ("storage", "files", 0), ("nope",)]) == {}


def test_locate_duplicate_keys_last_wins() -> None:
    text = V + ',\n "bogus":1, "bogus":2,\n   "storage":{"files":[{"path":"a", "path":  "b"}]}}'
    assert locate(text, [("storage", "files", 0, "path")]) == {("storage", "files", 0, "path"): (3, 46)}
    assert locate_keys(text, [("bogus",)]) == {("bogus",): (2, 13)}
    # A later duplicate replaces the whole earlier subtree.
    text = '{"a":{"b":1},"a":2}'
    assert locate(text, [("a", "b"), ("a",)]) == {("a",): (1, 18)}
    text = '{"a":{"b":1},"a":{"c":2}}'
    assert locate(text, [("a", "b"), ("a", "c")]) == {("a", "c"): (1, 23)}


def test_locate_nearest_uses_deepest_present_ancestor() -> None:
    text = V + ',"Storage":{"files":[{"path":"a"}]}}'
    assert locate_nearest(text, [P0]) == {P0: (1, 2)}
    text = V + ',"storage":{"Files":[{"path":"a"}]}}'
    assert locate_nearest(text, [P0]) == {P0: (1, 44)}
    text = V + ',"storage":{"files":[{"Path":"a"}]}}'
    assert locate_nearest(text, [P0]) == {P0: (1, 54)}
    text = V + ',"storage":{"files":[{"path":"/a"}],"Files":[{"path":"a"}]}}'
    assert locate_nearest(text, [P0]) == {P0: (1, 61)}
    text = V + ',"storage":{"files":[{"path":"a"}]},"storage":{"directories":[]}}'
    assert locate_nearest(text, [P0]) == {P0: (1, 79)}
    text = '{"ignition":{"version":"3.3.0","config":{"merge":[{}]}}}'
    path = ("ignition", "config", "merge", 0, "source")
    assert locate_nearest(text, [path]) == {path: (1, 52)}
    assert locate_nearest("", [path]) == {path: (0, 0)}
    # Through a scalar: the scalar.
    assert locate_nearest('{"a": 5}', [("a", "b", 3)]) == {("a", "b", 3): (1, 7)}


def test_root_position() -> None:
    assert root_position(V + "}") == (1, 2)
    assert root_position("\n  " + V + "}") == (2, 4)
    assert root_position(" [1]") == (1, 3)
    assert root_position(" 5") == (1, 2)
    assert root_position("") == (0, 0)
    assert root_position(" \n") == (0, 0)
    assert locate(V + "}", [()]) == {(): (1, 2)}


def test_locate_absent_paths_are_left_out() -> None:
    assert locate(FILES_DUP, [("storage", "files", 2), ("nope",), ("storage", "files", "0"), ()]) == {
        (): (1, 2)
    }
    assert locate(FILES_DUP, []) == {}


def test_locate_deep_valid_nesting() -> None:
    depth = MAX_DEPTH
    text = "[" * depth + "]" * depth
    deepest: JSONPath = (0,) * (depth - 1)
    assert locate(text, [deepest]) == {deepest: (1, depth + 1)}
    assert locate_nearest(text, [(0,) * (depth + 5)]) == {(0,) * (depth + 5): (1, depth + 1)}


def test_locate_invalid_text_raises() -> None:
    with pytest.raises(ValueError, match="not valid JSON"):
        locate('{"a": [1, 2}', [("a", 1)])


def test_value_spans_are_byte_offsets() -> None:
    text = '{"é": [1, "x"], "b": {"c": true}}'
    spans = value_spans(text, [("é",), ("é", 1), ("b",), ("b", "c"), ()])
    assert spans[("é",)] == ValueSpan(key_start=1, start=7, end=15, container=True)
    assert spans[("é", 1)] == ValueSpan(key_start=None, start=11, end=14, container=False)
    assert spans[("b", "c")] == ValueSpan(key_start=23, start=28, end=32, container=False)
    assert spans[()] == ValueSpan(key_start=None, start=0, end=len(text.encode()), container=True)
    assert spans[("b",)].position_offset == spans[("b",)].start + 1
    assert spans[("b", "c")].type_error_offset == 32


TYPE_CASES: list[tuple[str, JSONPath, tuple[int, int]]] = [
    (V + ',"storage":{"files":[{"path":"/a","mode":"x"}]}}', ("storage", "files", 0, "mode"), (1, 76)),
    (V + ', "storage":{"files":[{"path":"/a","mode":"x"  }]}}  ', ("storage", "files", 0, "mode"), (1, 77)),
    (V + ',"storage":{"files":[{"path":"/a","mode":"x"\n}]}}', ("storage", "files", 0, "mode"), (1, 76)),
    (V + ',"storage":[1,2]}', ("storage",), (1, 44)),
    (V + ',"storage":{"files":{"a":1}}}', ("storage", "files"), (1, 53)),
    (V + ',"storage":{"files":[{"path":"/a","mode":true}]}}', ("storage", "files", 0, "mode"), (1, 77)),
    (V + ',"storage":{"files":[{"path":"/a","mode":"x\\u0041"}]}}', ("storage", "files", 0, "mode"), (1, 82)),
    (V + ',"storage":{"files":[{"path":"/a","mode":1.5}]}}', ("storage", "files", 0, "mode"), (1, 76)),
    (V + ',"storage":{"files":[{"path":"/a","mode":1e400}]}}', ("storage", "files", 0, "mode"), (1, 78)),
    (V + ',"storage":{"files":[{"path":{}}]}}', ("storage", "files", 0, "path"), (1, 62)),
    ('{"ignition":"x"}', ("ignition",), (1, 16)),
    ('{"ignition":5}', ("ignition",), (1, 14)),
    ('{"ignition":{"version":3}}', ("ignition", "version"), (1, 25)),
    ('["x"]', (), (1, 2)),
    ('"x"', (), (0, 0)),
    ("5", (), (0, 0)),
]


@pytest.mark.parametrize(("text", "path", "position"), TYPE_CASES, ids=lambda v: repr(v)[:40])
def test_type_error_position(text: str, path: JSONPath, position: tuple[int, int]) -> None:
    assert type_error_position(text, path) == position
    offset = type_error_offset(text, path)
    assert offset is not None
    assert line_col(text, offset) == position


def test_type_error_absent_path() -> None:
    assert type_error_offset(FILES_REL, ("nope",)) is None
    assert type_error_position(FILES_REL, ("nope",)) is None


def test_locate_many_paths_on_a_large_config() -> None:
    files = [
        {"path": f"/etc/f{i}", "mode": 420, "contents": {"source": "data:," + "x" * 150 + "é"}}
        for i in range(1500)
    ]
    text = json.dumps({"ignition": {"version": "3.3.0"}, "storage": {"files": files}}, ensure_ascii=False)
    assert len(text.encode()) > 300_000
    paths: list[JSONPath] = [("storage", "files", i, "path") for i in range(1500)]
    found = locate(text, paths)
    assert len(found) == 1500
    needle = '"/etc/f1499"'
    col = len(text[: text.index(needle)].encode()) + 1
    assert found[("storage", "files", 1499, "path")] == (1, col)


# --------------------------------------------------------------------------------------------------
# Differential test against the real ignition-validate.

IGNITION_VALIDATE = shutil.which("ignition-validate")
_PLAIN = re.compile(r"^error at line (\d+) col (\d+): (.*)$")
_WITH_PATH = re.compile(r"^(error|warning) at \$((?:\.[^,]*)?), line (\d+) col (\d+): (.*)$")


def _run_tool(data: bytes) -> list[str]:
    assert IGNITION_VALIDATE is not None
    proc = subprocess.run([IGNITION_VALIDATE, "-"], input=data, capture_output=True, timeout=60, check=False)
    return proc.stdout.decode("utf-8", "replace").splitlines()


def _broken_inputs(rnd: random.Random) -> list[bytes]:
    bases = [
        V + ',"storage":{"files":[{"path":"/a","mode":420,"contents":{"source":"data:,h%C3%A9"}}]}}',
        '{\n  "ignition": {\n    "version": "3.3.0"\n  },\n\t"passwd": {"users": [{"name": "é€😀",'
        ' "sshAuthorizedKeys": ["k\\u00e9y\\n"]}]},\n  "x": [true, false, null, -1.5e+3, 0, 12.25E-2]\n}\n',
    ]
    chars = [*"{}[]:,\"\\ \t\n-+.eE019tfnulx€'", "\x01", "\x7f", "\u00a0"]
    out: list[bytes] = []
    while len(out) < 24:
        base = rnd.choice(bases).replace("%", "")  # ignition-validate uses its report as a format string
        k = rnd.randrange(1, len(base))
        op = rnd.random()
        if op < 0.3:
            text = base[:k]
        elif op < 0.7:
            text = base[:k] + rnd.choice(chars) + base[k + 1 :]
        else:
            text = base[:k] + rnd.choice(chars) + base[k:]
        if find_syntax_error(text) is not None:
            out.append(text.encode())
    return out


def _positional_inputs(rnd: random.Random) -> list[str]:
    ws = ["", " ", "\n", "\t", "\r\n  ", "\n    "]
    uni = ["é", "€", "😀", "x"]

    def s(v: object) -> str:
        return json.dumps(v, ensure_ascii=rnd.random() < 0.5)

    out: list[str] = []
    for _ in range(12):
        w = [rnd.choice(ws) for _ in range(8)]
        u = rnd.choice(uni)
        files = [
            f'{{{w[0]}"path":{w[1]}{s("rel" + u)}}}',
            f'{{"path":{s("/a")},{w[2]}"bogus{u}":{w[3]}{{"k":[1,{{}}]}}}}',
            f'{{{w[4]}"path":"/a"}}',
            f"{{{w[5]}}}",
        ]
        rnd.shuffle(files)
        out.append(
            f'{w[6]}{{"ignition":{{"version":"3.3.0"}},{w[7]}"x{u}":{s([u])},'
            f'"storage":{{"files":[{",".join(files)}]}},"kernelArguments":'
            f'{{"shouldExist":["a"],"shouldNotExist":["b",{w[0]}"a"]}}}}'
        )
    return out


def _path_of(text: str) -> JSONPath:
    return tuple(int(p) if p.isdigit() else p for p in text.split(".")[1:])


@pytest.mark.skipif(IGNITION_VALIDATE is None, reason="ignition-validate is not installed")
def test_differential_against_ignition_validate() -> None:
    rnd = random.Random(20240501)
    mismatches: list[str] = []
    checked = 0

    for data in _broken_inputs(rnd):
        problem = find_syntax_error(data)
        assert problem is not None
        line, col = line_col(data, problem.offset)
        ours = f"error at line {line} col {col}: {problem.message}"
        first = (_run_tool(data) or [""])[0]
        checked += 1
        if first != ours:
            mismatches.append(f"{data!r}\n  tool: {first}\n  ours: {ours}")

    for text in _positional_inputs(rnd):
        assert find_syntax_error(text) is None
        lines = _run_tool(text.encode())
        assert lines, text
        for line_text in lines:
            m = _WITH_PATH.match(line_text)
            assert m is not None, line_text
            path = _path_of(m.group(2))
            want = (int(m.group(3)), int(m.group(4)))
            if m.group(5).startswith("Unused key"):
                got = locate_keys(text, [path]).get(path)
            else:
                got = locate_nearest(text, [path])[path]
            checked += 1
            if got != want:
                mismatches.append(f"{text!r}\n  tool: {line_text}\n  ours: {got}")

    for text, path, _ in TYPE_CASES[:8]:
        comma, colon = rnd.choice([", ", ",\n\t", ",\r\n"]), rnd.choice([": ", ":\n"])
        spaced = text.replace(",", comma).replace(":", colon)
        m = _PLAIN.match((_run_tool(spaced.encode()) or [""])[0])
        assert m is not None, spaced
        checked += 1
        got = type_error_position(spaced, path)
        if got != (int(m.group(1)), int(m.group(2))):
            mismatches.append(f"{spaced!r}\n  tool: {m.group(0)}\n  ours: {got}")

    assert checked >= 40
    assert not mismatches, "\n".join(mismatches)
