"""String literals in the file as Strs whose characters know where they are written, and the
static shape of a literal that holds shell code (its text with `${__pyN}` for each `{…}`), which
the walk and the rewrite both read, so that they see the same shell script."""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from migrator.frontends.python.parse import PythonScript
from migrator.frontends.python.strings import Decoded, Quoting, decode, quoting_of
from migrator.frontends.python.values import Piece, Str
from migrator.trace.values import Value

StringNode = cst.SimpleString | cst.FormattedString


def simple_string(script: PythonScript, node: cst.SimpleString) -> Str | None:
    """A plain literal's value, each character with its place; None for an escape not read."""
    quoting = quoting_of(node.value[: len(node.prefix) + len(node.quote)])
    start, end = script.offsets(node)
    token_start = script.text.index(node.value, start, end)
    content = token_start + len(node.prefix) + len(node.quote)
    decoded = decode(node.raw_value, content, quoting)
    if decoded is None:
        return None
    return Str((_piece(decoded),), quoting.is_bytes)


def formatted_text(script: PythonScript, node: cst.FormattedStringText, quoting: Quoting) -> Piece | None:
    start, _ = script.offsets(node)
    decoded = decode(node.value, start, quoting)
    return _piece(decoded) if decoded is not None else None


def _piece(decoded: Decoded) -> Piece:
    at = (decoded.starts[0], decoded.ends[-1]) if decoded.text else (0, 0)
    return Piece(Value.of(decoded.text), decoded.starts, decoded.ends, at)


@dataclass(frozen=True)
class Placeholder:
    name: str  # the shell variable that stands for it: __py1, __py2 …
    node: cst.FormattedStringExpression
    at: tuple[int, int]


@dataclass(frozen=True)
class Shape:
    """A literal holding shell code, as the shell reads it: TEXT with `${__pyN}` for each
    interpolation; STARTS/ENDS: each character's place in the file (a placeholder's characters all
    name its `{…}`)."""

    node: StringNode
    quoting: Quoting
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    placeholders: tuple[Placeholder, ...]
    content: tuple[int, int]  # the literal's text between its quotes, in the file

    def to_host(self, offset: int, end: bool = False) -> int:
        if not self.starts:
            return self.content[0]
        if end:
            return self.ends[offset - 1] if offset > 0 else self.starts[0]
        return self.starts[offset] if offset < len(self.starts) else self.ends[-1]


def shape_of(script: PythonScript, node: StringNode) -> Shape | None:
    """None when a part of the literal cannot be read (an unknown escape, a nested format spec)."""
    if isinstance(node, cst.SimpleString):
        written = simple_string(script, node)
        if written is None:
            return None
        quoting = quoting_of(node.value[: len(node.prefix) + len(node.quote)])
        piece = written.pieces[0]
        start, end = script.offsets(node)
        token = script.text.index(node.value, start, end)
        content = (token + len(node.prefix) + len(node.quote), token + len(node.value) - len(node.quote))
        return Shape(node, quoting, piece.value.literal or "", piece.starts, piece.ends, (), content)
    quoting = quoting_of(node.start)
    text: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    placeholders: list[Placeholder] = []
    for part in node.parts:
        if isinstance(part, cst.FormattedStringText):
            found = formatted_text(script, part, quoting)
            if found is None:
                return None
            text.append(found.value.literal or "")
            starts += found.starts
            ends += found.ends
        elif isinstance(part, cst.FormattedStringExpression):
            at = script.offsets(part)
            holder = Placeholder(f"__py{len(placeholders) + 1}", part, at)
            placeholders.append(holder)
            spelled = "${" + holder.name + "}"
            text.append(spelled)
            starts += [at[0]] * len(spelled)
            ends += [at[1]] * len(spelled)
        else:
            return None
    start, end = script.offsets(node)
    token = script.text.index(node.start, start, end)
    content = (token + len(node.start), script.text.rindex(node.end, token + len(node.start), end))
    return Shape(node, quoting, "".join(text), tuple(starts), tuple(ends), tuple(placeholders), content)
