# SPDX-License-Identifier: Apache-2.0
"""Position-aware views of a JSON config text, matching what ``ignition-validate`` reports.

The config is parsed with :func:`json.loads`; this module does the slower work that needs positions,
and only when a report needs them:

* :func:`find_syntax_error` re-scans a text that Python refused (or that Go would refuse) exactly like
  Go's ``encoding/json`` scanner (``checkValid``) and returns Go's error message and Go's
  ``SyntaxError.Offset``.  The scan is iterative (no recursion), works on the UTF-8 bytes, and applies
  Go's limit of 10000 nested arrays/objects.
* :func:`line_col` turns a Go byte offset into the ``line L col C`` that Ignition prints.
* :func:`locate`, :func:`locate_keys`, :func:`locate_nearest` and :func:`value_spans` find, in one
  iterative pass over a valid text, where the values (or keys) at given JSON paths are.
* :func:`type_error_offset` gives the offset Go puts in ``UnmarshalTypeError.Offset`` for the value at a
  path.

Position rules, established against Debian's ``ignition-validate`` 2.14:

* Ignition turns a byte offset into a position by walking the bytes: the byte at index ``offset`` is at
  line ``1 + number of b"\\n" before it`` and column ``offset - (index of the previous b"\\n" + 1) + 1``.
  Columns count bytes of UTF-8 (a multibyte character before the position counts for 2..4 columns; a
  tab counts 1; ``\\r`` counts 1).  An offset that is not the index of a byte of the text (in practice
  ``offset == len(bytes)``) is never reached by that walk, so it prints as ``line 0 col 0``.
* A syntax error is printed with Go's ``SyntaxError.Offset``, which is the index just *after* the byte
  that was rejected (so the column is one past that byte's own column), or ``len(bytes)`` for errors
  found at the end of the input; hence ``printf 'E' | ignition-validate -`` prints ``line 0 col 0``
  while ``printf ' E '`` prints ``line 1 col 3``.  At the end of the input Go feeds a space to its
  scanner: inputs cut inside a number, a literal or an escape report ``invalid character ' ' ...``.
* A type error (``json: cannot unmarshal ...``) is printed with ``UnmarshalTypeError.Offset``: just
  after the value for a string, number or boolean; just after the opening ``{``/``[`` for an object or
  an array.  No JSON path is printed.  Go reports the first one in document order and, unlike
  :func:`json.loads`, also decodes earlier duplicates of a key (and merges duplicate object members into
  the same struct), so an earlier duplicate can be the one reported.
* A report entry with a JSON path (``error at $.storage.files.0.path, line 1 col 61: ...``) is placed
  at the *value* of that path: the first byte of a string/number/literal, or the byte just after the
  opening ``{``/``[`` of an object/array (that is also the case for array elements and for the root).
* An ``Unused key`` warning is placed at the opening quote of the *key*.
* Keys are matched exactly (after unescaping); with duplicate keys the last one wins (a later duplicate
  replaces the whole earlier subtree).  Go's case-insensitive struct field matching is not applied to
  positions: for ``{"Storage": {...}}`` Ignition validates ``$.storage...`` but cannot find it in the
  text.
* When the path of an entry is not in the text (a missing required field, a key matched only
  case-insensitively, ...), Ignition uses the deepest ancestor that is present, down to the root
  (:func:`locate_nearest`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import AnyStr, Final

__all__ = [
    "MAX_DEPTH",
    "JSONPath",
    "SyntaxProblem",
    "ValueSpan",
    "find_syntax_error",
    "line_col",
    "locate",
    "locate_keys",
    "locate_nearest",
    "root_position",
    "type_error_offset",
    "type_error_position",
    "value_spans",
]

JSONPath = tuple[str | int, ...]
"""Object keys and array indices from the root, e.g. ``("storage", "files", 3, "mode")``."""

MAX_DEPTH: Final = 10000
"""Go's ``encoding/json`` limit of nested arrays/objects."""


@dataclass(frozen=True)
class SyntaxProblem:
    """A JSON syntax error as Go's ``encoding/json`` reports it."""

    message: str
    """Go's ``SyntaxError.Error()``, e.g. ``invalid character 'x' after array element``."""
    offset: int
    """Go's ``SyntaxError.Offset``: a byte offset into the UTF-8 text (see :func:`line_col`)."""


@dataclass(frozen=True)
class ValueSpan:
    """Where a value sits in the text, as byte offsets into its UTF-8 encoding."""

    key_start: int | None
    """Offset of the opening quote of the member's key; ``None`` for array elements and the root."""
    start: int
    """Offset of the first byte of the value."""
    end: int
    """Offset just after the last byte of the value."""
    container: bool
    """Whether the value is an object or an array."""

    @property
    def position_offset(self) -> int:
        """The offset Ignition reports for the value: after the opening bracket of a container."""
        return self.start + 1 if self.container else self.start

    @property
    def type_error_offset(self) -> int:
        """Go's ``UnmarshalTypeError.Offset`` if this value has the wrong type."""
        return self.start + 1 if self.container else self.end


# --------------------------------------------------------------------------------------------------
# Text helpers


def _encode(text: str) -> bytes:
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass")


def _match_end(pattern: re.Pattern[AnyStr], data: AnyStr, pos: int) -> int:
    """End of a match of ``pattern`` (which can match the empty string) at ``pos``."""
    m = pattern.match(data, pos)
    assert m is not None
    return m.end()


def _as_bytes(text: str | bytes) -> bytes:
    return text if isinstance(text, bytes) else _encode(text)


def _as_str(text: str | bytes) -> str:
    return text.decode("utf-8", "surrogateescape") if isinstance(text, bytes) else text


def line_col(text: str | bytes, offset: int) -> tuple[int, int]:
    """The ``(line, col)`` Ignition prints for the byte ``offset`` of ``text`` (both 1-based).

    ``(0, 0)`` when ``offset`` is not the index of a byte of the text, e.g. at the end of the input.
    """
    data = _as_bytes(text)
    if not 0 <= offset < len(data):
        return 0, 0
    line = data.count(b"\n", 0, offset) + 1
    col = offset - data.rfind(b"\n", 0, offset)
    return line, col


class _Positions:
    """Batch conversion of ``str`` indices to byte offsets and Ignition's line/col."""

    def __init__(self, text: str, indices: Iterable[int]) -> None:
        ascii_only = text.isascii()
        self.offset: dict[int, int] = {}
        self.line_col: dict[int, tuple[int, int]] = {}
        line = 1
        line_start_b = 0
        prev = 0
        prev_b = 0
        n = len(text)
        for idx in sorted(set(indices)):  # str indices in 0..len(text)
            b = idx if ascii_only else prev_b + len(_encode(text[prev:idx]))
            newlines = text.count("\n", prev, idx)
            if newlines:
                line += newlines
                ls = text.rfind("\n", prev, idx) + 1
                line_start_b = ls if ascii_only else prev_b + len(_encode(text[prev:ls]))
            prev, prev_b = idx, b
            self.offset[idx] = b
            self.line_col[idx] = (0, 0) if idx >= n else (line, b - line_start_b + 1)


# --------------------------------------------------------------------------------------------------
# Go's encoding/json scanner (checkValid)

# strconv.Quote's named escapes.
_GO_NAMED_ESCAPES: Final = {
    0x07: "\\a",
    0x08: "\\b",
    0x0C: "\\f",
    0x0A: "\\n",
    0x0D: "\\r",
    0x09: "\\t",
    0x0B: "\\v",
}


def _go_printable(c: int) -> bool:
    """Go's ``unicode.IsPrint`` for U+0000..U+00FF: graphic characters and the ASCII space."""
    return 0x20 <= c <= 0x7E or (0xA1 <= c <= 0xFF and c != 0xAD)


def _quote_char(c: int) -> str:
    """Go's ``quoteChar``: a byte shown as the rune with that value, strconv-quoted in single quotes."""
    if c == 0x27:
        return "'\\''"
    if c == 0x22:
        return "'\"'"
    if c == 0x5C:
        return "'\\\\'"
    if _go_printable(c):
        return f"'{chr(c)}'"
    if c in _GO_NAMED_ESCAPES:
        return f"'{_GO_NAMED_ESCAPES[c]}'"
    if c < 0x20 or c == 0x7F:
        return f"'\\x{c:02x}'"
    return f"'\\u{c:04x}'"


class _GoSyntaxError(Exception):
    def __init__(self, problem: SyntaxProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _fail(data: bytes, index: int, context: str) -> _GoSyntaxError:
    """The error for the byte at ``index``; at the end of the input Go's scanner is fed a space."""
    if index >= len(data):
        return _GoSyntaxError(SyntaxProblem(f"invalid character ' ' {context}", len(data)))
    return _GoSyntaxError(SyntaxProblem(f"invalid character {_quote_char(data[index])} {context}", index + 1))


_B_WS: Final = re.compile(rb"[ \t\r\n]*")
# Unrolled loops: every byte can be matched in one way only, so a failure never backtracks much.
# (Possessive quantifiers are avoided: some Python 3.11 releases mishandle them with alternations.)
_B_STRING_BODY: Final = re.compile(rb'[^"\\\x00-\x1f]*(?:\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})[^"\\\x00-\x1f]*)*')
_B_DIGITS: Final = re.compile(rb"[0-9]*")
_B_HEX: Final = b"0123456789abcdefABCDEF"

# Expectations of the scanner between tokens (Go's step functions).
_BEGIN_VALUE: Final = 0  # stateBeginValue
_BEGIN_VALUE_OR_EMPTY: Final = 1  # stateBeginValueOrEmpty (after '[')
_BEGIN_STRING: Final = 2  # stateBeginString (after ',' in an object)
_BEGIN_STRING_OR_EMPTY: Final = 3  # stateBeginStringOrEmpty (after '{')
_END_VALUE: Final = 4  # stateEndValue / stateEndTop

# Go's parse states.
_PARSE_OBJECT_KEY: Final = 0
_PARSE_OBJECT_VALUE: Final = 1
_PARSE_ARRAY_VALUE: Final = 2

_LITERALS: Final = {ord("t"): b"true", ord("f"): b"false", ord("n"): b"null"}


def _scan_string(data: bytes, pos: int) -> int:
    """Skip the string whose opening quote is at ``pos``; return the offset after its closing quote."""
    n = len(data)
    j = _match_end(_B_STRING_BODY, data, pos + 1)
    if j >= n:
        raise _GoSyntaxError(SyntaxProblem("unexpected end of JSON input", n))
    c = data[j]
    if c == 0x22:
        return j + 1
    if c == 0x5C:
        k = j + 1
        if k < n and data[k] == 0x75:  # \u with fewer than 4 hex digits
            q = k + 1
            while q < n and q < k + 5 and data[q] in _B_HEX:
                q += 1
            raise _fail(data, q, "in \\u hexadecimal character escape")
        raise _fail(data, k, "in string escape code")
    raise _fail(data, j, "in string literal")


def _scan_number(data: bytes, pos: int) -> int:
    """Skip the number starting at ``pos`` (``-`` or a digit); return the offset after it."""
    n = len(data)
    j = pos
    if data[j] == 0x2D:  # '-'
        j += 1
        if j >= n or not 0x30 <= data[j] <= 0x39:
            raise _fail(data, j, "in numeric literal")
    if data[j] == 0x30:
        j += 1
    else:
        j = _match_end(_B_DIGITS, data, j)
    if j < n and data[j] == 0x2E:  # '.'
        j += 1
        if j >= n or not 0x30 <= data[j] <= 0x39:
            raise _fail(data, j, "after decimal point in numeric literal")
        j = _match_end(_B_DIGITS, data, j)
    if j < n and data[j] in b"eE":
        j += 1
        if j < n and data[j] in b"+-":
            j += 1
        if j >= n or not 0x30 <= data[j] <= 0x39:
            raise _fail(data, j, "in exponent of numeric literal")
        j = _match_end(_B_DIGITS, data, j)
    return j


def _scan_literal(data: bytes, pos: int, word: bytes) -> int:
    """Skip ``true``, ``false`` or ``null`` starting at ``pos``; return the offset after it."""
    name = word.decode()
    for k in range(1, len(word)):
        j = pos + k
        if j >= len(data) or data[j] != word[k]:
            raise _fail(data, j, f"in literal {name} (expecting {chr(word[k])!r})")
    return pos + len(word)


def _after_value(data: bytes, pos: int, stack: list[int]) -> int:
    """Go's ``stateEndValue``/``stateEndTop`` for the byte at ``pos`` (not a space); the next state."""
    c = data[pos]
    if not stack:
        raise _fail(data, pos, "after top-level value")
    top = stack[-1]
    if top == _PARSE_OBJECT_KEY:
        if c != 0x3A:  # ':'
            raise _fail(data, pos, "after object key")
        stack[-1] = _PARSE_OBJECT_VALUE
        return _BEGIN_VALUE
    if top == _PARSE_OBJECT_VALUE:
        if c == 0x2C:  # ','
            stack[-1] = _PARSE_OBJECT_KEY
            return _BEGIN_STRING
        if c == 0x7D:  # '}'
            stack.pop()
            return _END_VALUE
        raise _fail(data, pos, "after object key:value pair")
    if c == 0x2C:
        return _BEGIN_VALUE
    if c == 0x5D:  # ']'
        stack.pop()
        return _END_VALUE
    raise _fail(data, pos, "after array element")


def _begin_value(data: bytes, pos: int, stack: list[int]) -> tuple[int, int]:
    """Go's ``stateBeginValue`` for the byte at ``pos`` (not a space); the next offset and state."""
    c = data[pos]
    if c in b"{[":
        stack.append(_PARSE_OBJECT_KEY if c == 0x7B else _PARSE_ARRAY_VALUE)
        if len(stack) > MAX_DEPTH:
            raise _fail(data, pos, "exceeded max depth")
        return pos + 1, _BEGIN_STRING_OR_EMPTY if c == 0x7B else _BEGIN_VALUE_OR_EMPTY
    if c == 0x22:
        return _scan_string(data, pos), _END_VALUE
    if c == 0x2D or 0x30 <= c <= 0x39:
        return _scan_number(data, pos), _END_VALUE
    if c in _LITERALS:
        return _scan_literal(data, pos, _LITERALS[c]), _END_VALUE
    raise _fail(data, pos, "looking for beginning of value")


def _check_valid(data: bytes) -> None:
    """Go's ``checkValid``, one token per iteration; raises :class:`_GoSyntaxError`."""
    n = len(data)
    stack: list[int] = []  # Go's parseState
    state = _BEGIN_VALUE
    pos = 0
    while True:
        pos = _match_end(_B_WS, data, pos)
        if pos >= n:
            if state == _END_VALUE and not stack:
                return
            raise _GoSyntaxError(SyntaxProblem("unexpected end of JSON input", n))
        c = data[pos]
        if state == _END_VALUE:
            state = _after_value(data, pos, stack)
            pos += 1
        elif state in (_BEGIN_STRING, _BEGIN_STRING_OR_EMPTY):
            if c == 0x22:
                pos = _scan_string(data, pos)
            elif c == 0x7D and state == _BEGIN_STRING_OR_EMPTY:
                stack.pop()
                pos += 1
            else:
                raise _fail(data, pos, "looking for beginning of object key string")
            state = _END_VALUE
        elif c == 0x5D and state == _BEGIN_VALUE_OR_EMPTY:
            stack.pop()
            pos += 1
            state = _END_VALUE
        else:
            pos, state = _begin_value(data, pos, stack)


def find_syntax_error(text: str | bytes) -> SyntaxProblem | None:
    """Go's ``encoding/json`` syntax error for ``text``, or ``None`` if Go accepts it.

    Offsets are in bytes of the UTF-8 encoding of ``text``.  Unlike :func:`json.loads`, Go rejects
    ``NaN``/``Infinity`` and accepts nesting up to :data:`MAX_DEPTH` levels; it does not check UTF-8.
    """
    try:
        _check_valid(_as_bytes(text))
    except _GoSyntaxError as err:
        return err.problem
    return None


# --------------------------------------------------------------------------------------------------
# Locating paths in a valid text

_WS: Final = re.compile(r"[ \t\r\n]*")
_STRING: Final = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_SCALAR: Final = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[^ \t\r\n,:{}\[\]"]+', re.S)
_STRUCTURE: Final = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\]]', re.S)


@dataclass(frozen=True)
class _Span:
    key_start: int | None
    start: int
    end: int
    container: bool


class _Node:
    """A node of the trie of the requested paths; ``span`` is filled in by the scan."""

    __slots__ = ("children", "span")

    def __init__(self) -> None:
        self.children: dict[str | int, _Node] = {}
        self.span: _Span | None = None

    def clear(self) -> None:
        """Forget the spans found in this subtree (a later duplicate key replaces it)."""
        todo = [self]
        while todo:
            node = todo.pop()
            node.span = None
            todo.extend(node.children.values())


def _build_trie(paths: Iterable[JSONPath]) -> _Node:
    root = _Node()
    for path in paths:
        node = root
        for step in path:
            child = node.children.get(step)
            if child is None:
                child = node.children[step] = _Node()
            node = child
    return root


def _trie_get(root: _Node, path: JSONPath) -> _Node | None:
    node: _Node | None = root
    for step in path:
        if node is None:
            return None
        node = node.children.get(step)
    return node


@dataclass(slots=True)
class _Frame:
    node: _Node
    is_object: bool
    start: int
    key_start: int | None
    index: int = 0
    seen: set[str] = field(default_factory=set)


def _invalid(pos: int) -> ValueError:
    return ValueError(f"not valid JSON near character {pos}")


def _skip_container(text: str, pos: int) -> int:
    """The index just after the object/array whose opening bracket is at ``pos``."""
    depth = 0
    for m in _STRUCTURE.finditer(text, pos):
        c = text[m.start()]
        if c in "{[":
            depth += 1
        elif c in "}]":
            depth -= 1
            if depth == 0:
                return m.end()
    raise _invalid(pos)


def _decode_key(raw: str) -> str:
    if "\\" not in raw:
        return raw[1:-1]
    key = json.loads(raw)
    if not isinstance(key, str):
        raise _invalid(0)
    return key


class _Locator:
    """One iterative pass over a valid JSON text recording the spans of the nodes of a path trie.

    Only containers on a requested path are entered; other containers and all scalars are skipped
    with a regex.
    """

    def __init__(self, text: str, root: _Node) -> None:
        self.text = text
        self.root = root
        self.frames: list[_Frame] = []

    def run(self) -> None:
        node: _Node | None = self.root
        key_start: int | None = None
        pos = _match_end(_WS, self.text, 0)
        if pos >= len(self.text):
            return  # no value at all
        while True:
            pos, opened = self._value(pos, node, key_start)
            nxt = self._next(pos, opened)
            if nxt is None:
                return
            pos, node, key_start = nxt

    def _value(self, pos: int, node: _Node | None, key_start: int | None) -> tuple[int, bool]:
        """Handle the value at ``pos``: the offset after it (or inside it) and whether it was entered."""
        text = self.text
        if pos >= len(text):
            raise _invalid(pos)
        c = text[pos]
        if c in "{[":
            if node is None:
                return _skip_container(text, pos), False
            if not node.children:
                end = _skip_container(text, pos)
                node.span = _Span(key_start, pos, end, True)
                return end, False
            node.span = _Span(key_start, pos, -1, True)
            self.frames.append(_Frame(node, c == "{", pos, key_start))
            return pos + 1, True
        m = _SCALAR.match(text, pos)
        if m is None:
            raise _invalid(pos)
        if node is not None:
            node.span = _Span(key_start, pos, m.end(), False)
        return m.end(), False

    def _next(self, pos: int, opened: bool) -> tuple[int, _Node | None, int | None] | None:
        """From after a value (or just inside a container), find the next value: offset, node, key."""
        text = self.text
        frames = self.frames
        while frames:
            pos = _match_end(_WS, text, pos)
            if pos >= len(text):
                raise _invalid(pos)
            c = text[pos]
            frame = frames[-1]
            if c in "}]":
                frames.pop()
                pos += 1
                opened = False
                frame.node.span = _Span(frame.key_start, frame.start, pos, True)
                continue
            if c == ",":
                if opened:
                    raise _invalid(pos)
                pos = _match_end(_WS, text, pos + 1)
                if not frame.is_object:
                    frame.index += 1
            elif not opened:
                raise _invalid(pos)
            if frame.is_object:
                node, value = self._key(frame, pos)
                return value, node, pos
            return pos, frame.node.children.get(frame.index), None
        return None

    def _key(self, frame: _Frame, pos: int) -> tuple[_Node | None, int]:
        """Read the key at ``pos`` of an object member: its trie node and the offset of its value."""
        text = self.text
        m = _STRING.match(text, pos)
        if m is None:
            raise _invalid(pos)
        key = _decode_key(m.group())
        node = frame.node.children.get(key)
        if node is not None:
            if key in frame.seen:
                node.clear()  # a later duplicate replaces the whole earlier value
            frame.seen.add(key)
        after = _match_end(_WS, text, m.end())
        if after >= len(text) or text[after] != ":":
            raise _invalid(after)
        return node, _match_end(_WS, text, after + 1)


def _scan(text: str, paths: Collection[JSONPath]) -> dict[JSONPath, _Span]:
    """Spans (``str`` indices) of the values at ``paths``; last duplicate wins."""
    root = _build_trie(paths)
    _Locator(text, root).run()
    found: dict[JSONPath, _Span] = {}
    for path in paths:
        node = _trie_get(root, path)
        if node is not None and node.span is not None:
            found[path] = node.span
    return found


def _scan_nearest(text: str, paths: Collection[JSONPath]) -> dict[JSONPath, _Span]:
    """For each path, the span of its deepest ancestor-or-self present in the text."""
    root = _build_trie(paths)
    _Locator(text, root).run()
    found: dict[JSONPath, _Span] = {}
    for path in paths:
        node: _Node | None = root
        best = root.span
        for step in path:
            node = node.children.get(step) if node is not None else None
            if node is None or node.span is None:
                break
            best = node.span
        if best is not None:
            found[path] = best
    return found


def value_spans(text: str | bytes, paths: Collection[JSONPath]) -> dict[JSONPath, ValueSpan]:
    """Byte-offset spans of the values at ``paths`` in a valid JSON ``text``.

    Paths that are not in the text are absent from the result.  With duplicate keys, the last one wins.
    """
    s = _as_str(text)
    spans = _scan(s, paths)
    indices = [i for sp in spans.values() for i in (sp.start, sp.end)]
    indices += [sp.key_start for sp in spans.values() if sp.key_start is not None]
    pos = _Positions(s, indices)
    return {
        p: ValueSpan(
            None if sp.key_start is None else pos.offset[sp.key_start],
            pos.offset[sp.start],
            pos.offset[sp.end],
            sp.container,
        )
        for p, sp in spans.items()
    }


def _value_index(span: _Span) -> int:
    return span.start + 1 if span.container else span.start


def locate(text: str | bytes, paths: Collection[JSONPath]) -> dict[JSONPath, tuple[int, int]]:
    """Ignition's ``(line, col)`` for the values at ``paths`` in a valid JSON ``text``.

    A scalar is placed at its first byte, an object/array just after its opening bracket.  Paths that
    are not in the text are absent from the result.
    """
    s = _as_str(text)
    spans = _scan(s, paths)
    pos = _Positions(s, (_value_index(sp) for sp in spans.values()))
    return {p: pos.line_col[_value_index(sp)] for p, sp in spans.items()}


def locate_keys(text: str | bytes, paths: Collection[JSONPath]) -> dict[JSONPath, tuple[int, int]]:
    """Ignition's ``(line, col)`` for the keys of the object members at ``paths`` (unused key warnings).

    The position is the key's opening quote.  Array elements, the root and paths that are not in the
    text are absent from the result.
    """
    s = _as_str(text)
    keys = {p: sp.key_start for p, sp in _scan(s, paths).items() if sp.key_start is not None}
    pos = _Positions(s, keys.values())
    return {p: pos.line_col[k] for p, k in keys.items()}


def locate_nearest(text: str | bytes, paths: Collection[JSONPath]) -> dict[JSONPath, tuple[int, int]]:
    """Like :func:`locate`, but a path missing from the text gets the position of its deepest ancestor
    that is present (down to the root), as Ignition does.  Every path is in the result; ``(0, 0)`` when
    even the root is missing (empty text).
    """
    s = _as_str(text)
    spans = _scan_nearest(s, paths)
    pos = _Positions(s, (_value_index(sp) for sp in spans.values()))
    return {p: pos.line_col[_value_index(spans[p])] if p in spans else (0, 0) for p in paths}


def root_position(text: str | bytes) -> tuple[int, int]:
    """Ignition's ``(line, col)`` for the root value (``$``); ``(0, 0)`` for an empty text."""
    return locate(text, [()]).get((), (0, 0))


def type_error_offset(text: str | bytes, path: JSONPath) -> int | None:
    """Go's ``UnmarshalTypeError.Offset`` for the value at ``path`` (``None`` if it is not in the text).

    Just after the value for a string/number/boolean, just after the opening bracket for an
    object/array.  Pass it to :func:`line_col` (or use :func:`type_error_position`).
    """
    span = value_spans(text, [path]).get(path)
    return None if span is None else span.type_error_offset


def type_error_position(text: str | bytes, path: JSONPath) -> tuple[int, int] | None:
    """Ignition's ``(line, col)`` for a type error of the value at ``path`` (``None`` if absent)."""
    s = _as_str(text)
    span = _scan(s, [path]).get(path)
    if span is None:
        return None
    index = span.start + 1 if span.container else span.end
    return _Positions(s, [index]).line_col[index]
