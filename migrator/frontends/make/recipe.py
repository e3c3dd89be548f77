"""A recipe line -> the shell code make hands to `sh -c`, with a map back to the Makefile.

Make takes the line as written, drops the tab in front of it (and of each line a backslash
continues), the `@ - +` prefixes and the blanks after them, then expands its variables. The
shell code keeps, for every character, where it came from: a plain character maps to itself; the
text a variable reference expands to maps, as a whole, to the reference (`$(IMG)`, `$$`, `$@`).
What make cannot know (the environment, `$(shell …)` output) becomes a shell variable of its own
(`${_MAKE_1}`) holding the unknown value (inside single quotes, the quotes are closed around it)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from migrator.findings import refuse
from migrator.frontends.make.database import Rule
from migrator.frontends.make.expand import Expander
from migrator.frontends.make.parse import Line
from migrator.source import Loc
from migrator.trace.values import Unknown, Value

_PREFIX = "@-+ \t"
_SUFFIXES = (".o", ".c", ".cc", ".cpp", ".s", ".S", ".h", ".sh", ".y", ".l")


@dataclass(frozen=True)
class Segment:
    start: int  # [start, end) of the shell code
    end: int
    host_start: int  # [host_start, host_end) of the Makefile
    host_end: int
    literal: bool  # character for character


@dataclass(frozen=True)
class Snippet:
    text: str
    segments: tuple[Segment, ...]
    unknowns: tuple[tuple[str, Value], ...]  # placeholder variable -> the value it holds
    host_start: int
    host_end: int

    def to_host(self, offset: int, end: bool = False) -> int:
        starts = [s.start for s in self.segments]
        index = (bisect.bisect_left(starts, offset) if end else bisect.bisect_right(starts, offset)) - 1
        if index < 0:
            return self.host_start
        segment = self.segments[index]
        if offset >= segment.end and not (end and offset == segment.end):
            return segment.host_end
        if segment.literal:
            return segment.host_start + (offset - segment.start)
        return segment.host_end if end else segment.host_start


class _Builder:
    def __init__(self, loc: Loc):
        self.loc = loc
        self.text: list[str] = []
        self.length = 0
        self.segments: list[Segment] = []
        self.unknowns: list[tuple[str, Value]] = []
        self.quote: str | None = None  # the shell's quoting state at the end of the text so far
        self.escaped = False

    def add(self, text: str, host_start: int, host_end: int, literal: bool) -> None:
        if not text:
            return
        self.segments.append(Segment(self.length, self.length + len(text), host_start, host_end, literal))
        self.text.append(text)
        self.length += len(text)
        self._scan(text)

    def expansion(self, value: Value, host_start: int, host_end: int) -> None:
        for part in value.parts:
            if isinstance(part, str):
                if "\n" in part:
                    raise refuse("MIG161", self.loc, construct="a multi-line variable in a recipe",
                                 text=part.split("\n", 1)[0])
                self.add(part, host_start, host_end, False)
                continue
            name = f"_MAKE_{len(self.unknowns) + 1}"
            self.unknowns.append((name, Value((part,))))
            reference = "${" + name + "}"
            if self.quote == "'":
                reference = "'\"" + reference + "\"'"  # close the single quotes around it, then reopen
            self.add(reference, host_start, host_end, False)

    def _scan(self, text: str) -> None:
        for c in text:
            if self.escaped:
                self.escaped = False
            elif self.quote == "'":
                self.quote = None if c == "'" else "'"
            elif c == "\\":
                self.escaped = True
            elif self.quote == '"':
                self.quote = None if c == '"' else '"'
            elif c in "'\"":
                self.quote = c

    def snippet(self, host_start: int, host_end: int) -> Snippet:
        return Snippet("".join(self.text), tuple(self.segments), tuple(self.unknowns), host_start, host_end)


def recipe_snippet(lines: list[Line], expander: Expander, loc: Loc) -> Snippet:
    """The shell code of LINES: one recipe line, or, under .ONESHELL, a whole recipe (the lines
    joined by newlines)."""
    builder = _Builder(loc)
    for k, line in enumerate(lines):
        if k:
            builder.add("\n", lines[k - 1].end, lines[k - 1].end + 1, True)
        chars, positions = _shell_text(line)
        for piece in expander.pieces(chars, positions):
            if piece.literal:
                _add_literal(builder, chars[piece.start:piece.end], positions[piece.start:piece.end])
            else:
                builder.expansion(piece.value, positions[piece.start], positions[piece.end - 1] + 1)
    return builder.snippet(lines[0].start, lines[-1].end)


def _add_literal(builder: _Builder, text: str, positions: tuple[int, ...]) -> None:
    """Plain text, in runs of consecutive offsets (a continuation's dropped tab breaks a run)."""
    run = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or positions[i] != positions[i - 1] + 1:
            builder.add(text[run:i], positions[run], positions[i - 1] + 1, True)
            run = i


def _shell_text(line: Line) -> tuple[str, tuple[int, ...]]:
    """The line as make passes it on, before expansion: the leading tab, the tab after each
    backslash-newline and the `@ - +` prefixes removed; with each character's offset."""
    raw = line.text
    chars: list[str] = []
    positions: list[int] = []
    i = 0 if line.inline else 1
    while i < len(raw):
        if raw.startswith("\r\n", i):  # make drops the CR of a CRLF line end
            i += 1
            continue
        chars.append(raw[i])
        positions.append(line.start + i)
        if raw[i] == "\n" and i + 1 < len(raw) and raw[i + 1] == "\t":
            i += 1
        i += 1
    skip = 0
    while skip < len(chars) and chars[skip] in _PREFIX:
        skip += 1
    return "".join(chars[skip:]), tuple(positions[skip:])


def prefixes(line: Line) -> str:
    """The `@ - +` prefixes of a recipe line."""
    text = line.text[0 if line.inline else 1:]
    return "".join(c for c in text[:len(text) - len(text.lstrip(_PREFIX))] if c in "@-+")


def automatic_variables(target: str, rule: Rule, newer: str | None) -> dict[str, Value]:
    """`$@ $< $^ $+ $| $* $?` for TARGET's recipe; NEWER: the prerequisites newer than it, when known."""
    prerequisites = rule.prerequisites
    stem = next((target[:-len(s)] for s in _SUFFIXES if target.endswith(s)), "")
    return {"@": Value.of(target), "<": Value.of(prerequisites[0] if prerequisites else ""),
            "^": Value.of(" ".join(dict.fromkeys(prerequisites))), "+": Value.of(" ".join(prerequisites)),
            "|": Value.of(" ".join(rule.order_only)), "*": Value.of(stem),
            "?": Value.of(newer) if newer is not None else Value((Unknown("$?"),))}
