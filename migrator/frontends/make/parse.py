"""Makefile text -> the logical lines GNU make reads, each with the offsets it came from.

Make reads two kinds of line. A recipe line (a tab first, after a rule) goes to the shell as it
is written, backslash-newlines included. Every other line is make's own: backslash-newlines join
it into one logical line (the break and the blanks around it become one space) and an unescaped
`#` starts a comment. `define … endef` bodies are kept raw. Every character of a logical line
keeps its offset in the file, so what the walk reads and the rewrite edits name the file's bytes.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from enum import Enum

from migrator.findings import refuse
from migrator.frontends.shell.parse import MAX_SCRIPT_BYTES
from migrator.source import Loc

CONDITIONALS = ("ifeq", "ifneq", "ifdef", "ifndef", "else", "endif")
_DEFINE = re.compile(r"^(?:(?:override|export|private)\s+)*define(?:\s|$)")
_ENDEF = re.compile(r"^endef(?:\s|#|$)")


class LineKind(Enum):
    RECIPE = "recipe"  # a tab-led line after a rule: shell code
    MAKE = "make"  # a rule, an assignment or a directive: make's own syntax
    DEFINE = "define"  # `define NAME` … `endef`: TEXT is the head, BODY the raw lines


@dataclass(frozen=True)
class Line:
    kind: LineKind
    start: int  # offset of the line's first character in the file
    end: int  # offset past its last character (its newline excluded)
    stop: int  # offset past its newline: where the next line starts
    number: int  # 1-based line number of START
    text: str  # MAKE/DEFINE: the logical text, joined and without comment; RECIPE: the raw text
    positions: tuple[int, ...] = ()  # MAKE/DEFINE: the file offset of each character of TEXT
    body: str = ""  # DEFINE: the raw body lines, joined by newlines
    inline: bool = False  # RECIPE: the recipe after `;` on a rule line (no tab in front)

    def host(self, index: int) -> int:
        """File offset of TEXT[INDEX] (INDEX may be len(TEXT): just past the last character)."""
        if self.kind is LineKind.RECIPE:
            return self.start + index
        if index < len(self.positions):
            return self.positions[index]
        return self.positions[-1] + 1 if self.positions else self.start


@dataclass(frozen=True)
class MakefileText:
    path: str
    text: str
    lines: tuple[Line, ...]
    line_starts: tuple[int, ...]

    def loc(self, offset: int) -> Loc:
        return Loc(self.path, bisect.bisect_right(self.line_starts, offset))


def parse_makefile(path: str, text: str) -> MakefileText:
    size = len(text.encode("utf-8", "surrogateescape"))
    if size > MAX_SCRIPT_BYTES:
        raise refuse("MIG151", Loc(path, 1), path=path, size=size, limit=MAX_SCRIPT_BYTES)
    physical = text.split("\n")  # make ends a line at a newline only (no \f, \v or \u2028)
    physical = [line + "\n" for line in physical[:-1]] + ([physical[-1]] if physical[-1] else [])
    starts = [0]
    for line in physical:
        starts.append(starts[-1] + len(line))
    return MakefileText(path, text, tuple(_Lexer(path, text, physical, starts).lines()), tuple(starts[:-1]))


def continues(line: str) -> bool:
    """Does a physical line (without its newline) end in an odd number of backslashes?"""
    stripped = line.rstrip("\\")
    return (len(line) - len(stripped)) % 2 == 1


def is_rule_line(text: str) -> bool:
    """A `targets: prerequisites` line rather than an assignment: its first `:` or `=` outside
    `$(…)` is a `:` that does not start `:=`/`::=`."""
    depth, i = 0, 0
    while i < len(text):
        c = text[i]
        if c == "$" and i + 1 < len(text) and text[i + 1] in "({":
            depth += 1
            i += 2
            continue
        if depth and c in ")}":
            depth -= 1
        elif not depth and c == "=":
            return False
        elif not depth and c == ":":
            rest = text[i:]
            return not (rest.startswith(":=") or rest.startswith("::=") or rest.startswith(":::="))
        i += 1
    return False


class _Lexer:
    def __init__(self, path: str, text: str, physical: list[str], starts: list[int]):
        self.path = path
        self.text = text
        self.physical = physical
        self.starts = starts
        self.i = 0
        self.in_rule = False  # after a rule line, until make reads another kind of line

    def lines(self) -> list[Line]:
        out: list[Line] = []
        while self.i < len(self.physical):
            raw = self._content(self.i)
            if raw.startswith("\t") and self.in_rule:
                out.append(self.recipe())
                continue
            line = self.logical()
            if line is None:
                continue
            head = line.text.strip()
            if _DEFINE.match(head):
                line = self.define(line)
                self.in_rule = False
            elif head.split(None, 1)[0] not in CONDITIONALS:
                self.in_rule = is_rule_line(head)
            out.append(line)
        return out

    def _content(self, index: int) -> str:
        """The physical line without its newline; make reads a CRLF line end as a newline too."""
        line = self.physical[index]
        return line[:-2] if line.endswith("\r\n") else line.removesuffix("\n")

    def recipe(self) -> Line:
        first = self.i
        while continues(self._content(self.i)) and self.i + 1 < len(self.physical):
            self.i += 1
        last = self.i
        self.i += 1
        start = self.starts[first]
        end = self.starts[last] + len(self._content(last))
        return Line(LineKind.RECIPE, start, end, self.starts[last + 1], first + 1, self.text[start:end])

    def logical(self) -> Line | None:
        """A make line: continuations joined, the comment cut; None for a blank or comment line."""
        first = self.i
        chars: list[str] = []
        positions: list[int] = []
        while True:
            content = self._content(self.i)
            offset = self.starts[self.i]
            more = continues(content) and self.i + 1 < len(self.physical)
            body = content[:-1] if more else content
            lead = len(body) - len(body.lstrip(" \t")) if self.i > first else 0
            if self.i > first:
                chars.append(" ")
                positions.append(offset - 1)
            for k in range(lead, len(body.rstrip(" \t")) if more else len(body)):
                chars.append(body[k])
                positions.append(offset + k)
            self.i += 1
            if not more:
                break
        last = self.i - 1
        text, kept = _cut_comment("".join(chars), positions)
        if not text.strip():
            return None
        start = self.starts[first]
        end = self.starts[last] + len(self._content(last))
        return Line(LineKind.MAKE, start, end, self.starts[last + 1], first + 1, text, tuple(kept))

    def define(self, head: Line) -> Line:
        """`define NAME` … `endef`, nested defines counted; the body stays raw."""
        depth, body = 1, list[str]()
        while self.i < len(self.physical):
            content = self._content(self.i)
            self.i += 1
            stripped = content.strip()
            if _DEFINE.match(stripped):
                depth += 1
            elif _ENDEF.match(stripped):
                depth -= 1
                if depth == 0:
                    end = self.starts[self.i - 1] + len(content)
                    return Line(LineKind.DEFINE, head.start, end, self.starts[self.i], head.number, head.text,
                                head.positions, "\n".join(body))
            body.append(content)
        raise refuse("MIG167", Loc(self.path, head.number), why="`define` without its `endef`")


def _cut_comment(text: str, positions: list[int]) -> tuple[str, list[int]]:
    """Drop everything from the first unescaped `#`; `\\#` is a plain `#`."""
    out: list[str] = []
    kept: list[int] = []
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text) and text[i + 1] == "#":
            out.append("#")
            kept.append(positions[i + 1])
            i += 2
            continue
        if c == "#":
            break
        out.append(c)
        kept.append(positions[i])
        i += 1
    return "".join(out), kept
