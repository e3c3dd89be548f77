"""Shell script text -> statements, each a bashlex tree or, where bashlex fails, opaque text.

bashlex cannot parse `[[ ]]`, `case`, arrays or `$(( ))`, and raises NotImplementedError,
AttributeError and more on some input. The whole text is tried first; on failure the script is
cut into the smallest line windows that parse, and a line no window can start becomes an
opaque statement. The tracer decides whether an opaque statement matters.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import bashlex

# A construct that opens on one line and closes on a later one (if … fi, functions, heredocs)
# rarely spans more lines than this; past it the line is left opaque.
_MAX_WINDOW_LINES = 40
_BLANK_OR_COMMENT = re.compile(r"\A(?:[ \t]*(?:#[^\n]*)?\n?)*\Z")


@dataclass(frozen=True)
class Statement:
    node: object | None  # a bashlex node; None when opaque
    start: int
    end: int
    line: int

    @property
    def opaque(self) -> bool:
        return self.node is None


@dataclass(frozen=True)
class ShellScript:
    path: str
    text: str
    statements: tuple[Statement, ...]
    line_starts: tuple[int, ...]

    def line_of(self, offset: int) -> int:
        """1-based line number of a character offset."""
        return bisect.bisect_right(self.line_starts, offset)

    def source(self, start: int, end: int) -> str:
        return self.text[start:end]


def parse_script(path: str, text: str) -> ShellScript:
    lines = text.splitlines(keepends=True)
    line_starts = [0]
    for line in lines:
        line_starts.append(line_starts[-1] + len(line))
    starts = tuple(line_starts[:-1]) or (0,)
    nodes = _parse(text, 0)
    if nodes is not None:
        statements = [Statement(n, n.pos[0], n.pos[1], bisect.bisect_right(starts, n.pos[0])) for n in nodes]
    else:
        statements = _parse_by_windows(text, lines, line_starts)
    return ShellScript(path, text, tuple(statements), starts)


def _parse(text: str, begin: int) -> list | None:
    """Parse text[begin:] keeping absolute offsets: the part before `begin` is blanked, not cut."""
    if _BLANK_OR_COMMENT.match(text, begin):
        return []
    masked = re.sub(r"[^\n]", " ", text[:begin]) + text[begin:]
    try:
        return bashlex.parse(masked)
    except Exception:  # bashlex raises many types on input it does not support
        return None


def _parse_by_windows(text: str, lines: list[str], line_starts: list[int]) -> list[Statement]:
    statements: list[Statement] = []
    i = 0
    while i < len(lines):
        for j in range(i + 1, min(len(lines), i + _MAX_WINDOW_LINES) + 1):
            nodes = _parse(text[: line_starts[j]], line_starts[i])
            if nodes is not None:
                statements.extend(Statement(n, n.pos[0], n.pos[1], i + 1 + text.count("\n", line_starts[i], n.pos[0])) for n in nodes)
                i = j
                break
        else:
            # An unparsable line that opens `if`/`case`/a loop/a function body takes its whole
            # block with it: otherwise the commands inside would look unconditional to the tracer.
            last = _block_end(lines, i)
            statements.append(Statement(None, line_starts[i], line_starts[last + 1], i + 1))
            i = last + 1
    return statements


_OPENERS = {"if", "case", "for", "while", "until", "select", "{"}
_CLOSERS = {"fi", "esac", "done", "}"}
_QUOTED = re.compile(r"'[^']*'|\"(?:[^\"\\]|\\.)*\"")
_COMMENT = re.compile(r"(?:^|(?<=\s))#.*$")
_WORD = re.compile(r"[^\s;&|()]+")


def _block_words(line: str) -> list[str]:
    """The words of a line that can open or close a block: quotes and comments removed, and a
    keyword counts only as a whole word (`fi` in `fix`, `{` in `${x}` do not)."""
    code = _COMMENT.sub("", _QUOTED.sub("''", line))
    words = _WORD.findall(code)
    return [w for w in words if w in _OPENERS or w in _CLOSERS]


def _block_end(lines: list[str], first: int) -> int:
    depth = 0
    for k in range(first, len(lines)):
        for word in _block_words(lines[k]):
            depth += -1 if word in _CLOSERS else 1
        if depth <= 0:
            return k
    return len(lines) - 1
