"""A YAML string scalar as the shell code it holds, with a map from each of its characters back to
the bytes of the file that spell it: a block scalar's indentation removed, a quoted scalar's
escapes undone, a multi-line plain or quoted scalar's line folding applied. The decoding is checked
against PyYAML's own value, so a map never disagrees with what the CI service runs."""

from __future__ import annotations

from dataclasses import dataclass

from migrator.findings import refuse
from migrator.frontends.ci.yaml_tree import Document, ScalarNode

Piece = tuple[str, int, int]  # a character of the value, and the [start, end) of the bytes spelling it

_ESCAPES = {"0": "\0", "a": "\x07", "b": "\x08", "t": "\t", "\t": "\t", "n": "\n", "v": "\x0b", "f": "\x0c",
            "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0",
            "L": "\u2028", "P": "\u2029"}
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}


@dataclass(frozen=True)
class Snippet:
    """The value of a scalar and where each of its characters is written in the file."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    end: int  # where the value ends in the file (an empty value's position)
    style: str | None  # None (plain), "'", '"', "|", ">"
    indent: str  # a block scalar's indentation, for a line it gains

    def to_host(self, offset: int, end: bool = False) -> int:
        if end:
            return self.ends[offset - 1] if offset > 0 else (self.starts[0] if self.starts else self.end)
        return self.starts[offset] if offset < len(self.starts) else self.end


def snippet(document: Document, node: ScalarNode) -> Snippet:
    text, start, end = document.text, node.start_mark.index, node.end_mark.index
    style = node.style or None
    if style in ("|", ">"):
        pieces, indent = _block(text, start, end, style)
    elif style in ("'", '"'):
        pieces, indent = _flow(text, start + 1, end - 1, style), ""
    else:
        pieces, indent = _flow(text, start, end, None), ""
    value = "".join(c for c, _, _ in pieces)
    if value != node.value:
        raise refuse("MIG176", document.loc(node), path=document.path,
                     why=f"its {style or 'plain'} scalar could not be mapped to the file")
    last = pieces[-1][2] if pieces else (end if style in ("|", ">", None) else end - 1)
    return Snippet(value, tuple(s for _, s, _ in pieces), tuple(e for _, _, e in pieces), last, style, indent)


def _flow(text: str, start: int, end: int, style: str | None) -> list[Piece]:
    """Plain and quoted scalars: a line break between two lines folds to a space, empty lines
    to newlines; whitespace around a break goes (YAML 1.2 §7.3)."""
    out: list[Piece] = []
    pending: list[Piece] = []  # spaces that only count when more text follows on the line
    i = start
    while i < end:
        c = text[i]
        if c in "\r\n":
            fold_from = pending[0][1] if pending else i
            pending = []
            i, breaks = _skip_breaks(text, i, end)
            out += [(" ", fold_from, i)] if breaks == 1 else [("\n", fold_from, i)] * (breaks - 1)
            continue
        if c in " \t":
            pending.append((c, i, i + 1))
            i += 1
            continue
        out += pending
        pending = []
        if style == "'" and c == "'":
            out.append(("'", i, i + 2))
            i += 2
        elif style == '"' and c == "\\":
            i = _escape(text, i, end, out)
        else:
            out.append((c, i, i + 1))
            i += 1
    return out + pending


def _skip_breaks(text: str, i: int, end: int) -> tuple[int, int]:
    """From a line break: past every following break and the indentation; and how many breaks."""
    breaks = 0
    while i < end:
        if text.startswith("\r\n", i):
            i, breaks = i + 2, breaks + 1
        elif text[i] in "\r\n":
            i, breaks = i + 1, breaks + 1
        elif text[i] in " \t":
            i += 1
        else:
            break
    return i, breaks


def _escape(text: str, i: int, end: int, out: list[Piece]) -> int:
    """A double-quoted escape at I: its character appended to OUT; returns where the text goes on."""
    code = text[i + 1:i + 2]
    if code in ("\r", "\n"):  # an escaped line break joins the lines without a space
        j = i + 1 + (2 if text.startswith("\r\n", i + 1) else 1)
        while j < end and text[j] in " \t":
            j += 1
        return j
    if code in _HEX_ESCAPES:
        digits = text[i + 2:i + 2 + _HEX_ESCAPES[code]]
        out.append((chr(int(digits, 16)), i, i + 2 + len(digits)))
        return i + 2 + len(digits)
    out.append((_ESCAPES.get(code, code), i, i + 2))
    return i + 2


def _block(text: str, start: int, end: int, style: str) -> tuple[list[Piece], str]:
    """`|` and `>` scalars: the header line, then lines at the content's indentation."""
    header_end = text.index("\n", start) + 1
    header = text[start + 1:header_end].split("#", 1)[0].strip()
    lines = _lines(text, header_end, end)
    indent = next((len(line) - len(line.lstrip(" ")) for _, line in lines if line.strip()), 0)
    content = [(at + indent, line[indent:]) if line.strip() else (at + len(line), "") for at, line in lines]
    breaks = [at + len(line) for at, line in lines]  # where each line's break is
    pieces: list[Piece] = []
    for k, (at, line) in enumerate(content):
        pieces += [(c, at + j, at + j + 1) for j, c in enumerate(line)]
        folded = _folded_break(content, k) if style == ">" else "\n"
        if folded:
            pieces.append((folded, breaks[k], _after_break(text, breaks[k])))
    return _chomp(pieces, header), " " * indent


def _lines(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """(offset, text without its break) of each line in [START, END)."""
    out, at = [], start
    while at < end:
        stop = text.find("\n", at)
        stop = end if stop < 0 or stop >= end else stop
        line = text[at:stop].removesuffix("\r")
        out.append((at, line))
        at = stop + 1
    return out


def _after_break(text: str, at: int) -> int:
    return at + (2 if text.startswith("\r\n", at) else 1 if text.startswith("\n", at) else 0)


def _folded_break(content: list[tuple[int, str]], k: int) -> str:
    """What the break after line K of a folded scalar reads as: a space between two lines of text at
    the content's indentation, nothing before empty lines (their own breaks stay), else itself."""
    def normal(line: str) -> bool:
        return bool(line) and line[0] not in " \t"
    following = next((j for j in range(k + 1, len(content)) if content[j][1]), None)
    if not normal(content[k][1]) or following is None or not normal(content[following][1]):
        return "\n"
    return " " if following == k + 1 else ""


def _chomp(pieces: list[Piece], header: str) -> list[Piece]:
    """Trailing line breaks by the header's chomping indicator: `-` none, `+` all, else one."""
    if "+" in header:
        return pieces
    body = list(pieces)
    while body and body[-1][0] == "\n":
        body.pop()
    if "-" in header or not body:
        return body
    return [*body, pieces[len(body)]]
