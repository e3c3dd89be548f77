"""Shell script text -> statements, each a bashlex tree or, where bashlex fails, opaque text.

Constructs bashlex lacks (`[[ ]]`, `case`, arrays, `$(( ))` …) are lowered first (lower.py) into
ones it parses, and every position in the trees is mapped back to the original text. bashlex also
raises NotImplementedError, AttributeError and more on some input: the whole text is tried first;
on failure the script is cut into the smallest line windows that parse, each window parsed on its
own (so recovery costs time linear in the script's length), and a line no window can start becomes
an opaque statement. The walk decides whether an opaque statement matters.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import bashlex
from bashlex.ast import node as BashNode

from migrator.findings import refuse
from migrator.frontends.shell.lower import lower
from migrator.source import Loc, Span

MAX_SCRIPT_BYTES = 1 << 20  # a build script past this is data, not a script; refused at once

# A construct that opens on one line and closes on a later one (if … fi, functions, heredocs)
# rarely spans more lines than this; past it the line is left opaque.
_MAX_WINDOW_LINES = 40
_BLANK_OR_COMMENT = re.compile(r"\A(?:[ \t]*(?:#[^\n]*)?\n?)*\Z")


@dataclass(frozen=True)
class Statement:
    node: BashNode | None  # None when opaque
    start: int
    end: int
    line: int

    @property
    def opaque(self) -> bool:
        return self.node is None


@dataclass(frozen=True)
class Embedding:
    """Where a shell snippet sits inside another file (a Makefile recipe, a CI file's `run:` block,
    a Python `os.system` string): the snippet is what the shell runs, with the host file's own
    syntax undone (`$$`, indentation, continuations); TO_HOST maps a snippet offset to the host
    file's (END: as the exclusive end of a span)."""

    host_line_starts: tuple[int, ...]
    to_host: Callable[..., int]
    host_text: str


@dataclass(frozen=True)
class ShellScript:
    path: str  # the file the text was read from (the host file, for an embedded snippet)
    text: str
    statements: tuple[Statement, ...]
    line_starts: tuple[int, ...]
    embedding: Embedding | None = None

    def host(self, offset: int, end: bool = False) -> int:
        """OFFSET in the file's own text (the same, unless the script is embedded in another)."""
        return offset if self.embedding is None else self.embedding.to_host(offset, end=end)

    def line_of(self, offset: int) -> int:
        """1-based line number, in the file, of a character offset of the text."""
        if self.embedding is None:
            return bisect.bisect_right(self.line_starts, offset)
        return bisect.bisect_right(self.embedding.host_line_starts, self.host(offset))

    def span(self, start: int, end: int) -> Span:
        """The file's span of the text's [START, END): what the plan's edits name."""
        return Span(self.host(start), self.host(end, end=True), self.path)

    def source(self, start: int, end: int) -> str:
        return self.text[start:end]

    def written(self, start: int, end: int) -> str:
        """The text of [START, END) as the file has it, for messages: an embedded snippet's own
        text is what its host made of the file (make's expansion, the unknown values' names)."""
        if self.embedding is None:
            return self.text[start:end]
        return self.embedding.host_text[self.host(start):self.host(end, end=True)]


def parse_script(path: str, text: str) -> ShellScript:
    size = len(text.encode("utf-8", "surrogateescape"))
    if size > MAX_SCRIPT_BYTES:
        raise refuse("MIG151", Loc(path, 1), path=path, size=size, limit=MAX_SCRIPT_BYTES)
    return _parse_text(path, text, None)


def parse_embedded(path: str, host_text: str, snippet: str, to_host: Callable[..., int]) -> ShellScript:
    """SNIPPET, the shell code a front end found inside the file PATH (whose text is HOST_TEXT):
    statements, Locs and spans all point into PATH, so refusals name its lines and the plan's
    edits name its bytes; TO_HOST maps a snippet offset there (see Embedding)."""
    return _parse_text(path, snippet, Embedding(_line_starts(host_text), to_host, host_text))


def _parse_text(path: str, text: str, embedding: Embedding | None) -> ShellScript:
    script = ShellScript(path, text, (), _line_starts(text), embedding)
    statements = tuple(Statement(node, first, last, script.line_of(first)) for node, first, last in _trees(text))
    return dataclasses.replace(script, statements=statements)


@lru_cache(maxsize=64)
def _trees(text: str) -> tuple[tuple[BashNode | None, int, int], ...]:
    """(tree or None, start, end) of each statement, in TEXT's own positions. Cached by text: a
    flow parses the same script (or snippet) for its trace, for each candidate flow, and again for
    the rewrite. Nothing changes a tree once it is made, so the trees are shared."""
    lowered = lower(text)
    nodes = _parse(lowered.text)
    if nodes is not None:
        spans = [(n, n.pos[0], n.pos[1]) for n in nodes]
    else:
        spans = _parse_by_windows(lowered.text)
    to_original = lowered.original
    trees = []
    for node, start, end in spans:
        if node is not None:
            _remap(node, to_original)
        trees.append((node, to_original(start), to_original(end, end=True)))
    return tuple(trees)


def _line_starts(text: str) -> tuple[int, ...]:
    starts = [0]
    for line in text.splitlines(keepends=True)[:-1]:
        starts.append(starts[-1] + len(line))
    return tuple(starts)


def _parse(text: str) -> list | None:
    if _BLANK_OR_COMMENT.match(text):
        return []
    try:
        return bashlex.parse(text)
    except Exception:  # bashlex raises many types on input it does not support
        return None


def _parse_by_windows(text: str) -> list[tuple[object | None, int, int]]:
    """(node or None, start, end) in TEXT's positions: each window of lines parsed on its own, so a
    failure costs time proportional to the window, not to the text before it."""
    lines = text.splitlines(keepends=True)
    line_starts = [0]
    for line in lines:
        line_starts.append(line_starts[-1] + len(line))
    found: list[tuple[object | None, int, int]] = []
    i = 0
    while i < len(lines):
        for j in range(i + 1, min(len(lines), i + _MAX_WINDOW_LINES) + 1):
            offset = line_starts[i]
            nodes = _parse(text[offset:line_starts[j]])
            if nodes is not None:
                for node in nodes:
                    _remap(node, lambda position, end=False, shift=offset: position + shift)
                    found.append((node, node.pos[0], node.pos[1]))
                i = j
                break
        else:
            # An unparsable line that opens `if`/`case`/a loop/a function body takes its whole
            # block with it: otherwise the commands inside would look unconditional to the walk.
            last = _block_end(lines, i)
            found.append((None, line_starts[i], line_starts[last + 1]))
            i = last + 1
    return found


def _remap(root: BashNode, to: Callable[..., int]) -> None:
    """Every `pos` in ROOT's tree through TO (start and exclusive end alike)."""
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(getattr(node, "pos", None), tuple):
            node.pos = (to(node.pos[0]), to(node.pos[1], end=True))
        for value in vars(node).values():
            if isinstance(value, BashNode):
                stack.append(value)
            elif isinstance(value, list):
                stack.extend(v for v in value if isinstance(v, BashNode))


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
