"""The batch-file syntax tree the parser builds and the walk and the rewrite read: commands with
their words (characters as cmd read them, each with its offset), blocks, chains, `if`, labels.
Every node keeps its span [start, end) in the file's text."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from migrator.source import Loc


@dataclass(frozen=True)
class Char:
    text: str
    offset: int  # in the original text
    quoted: bool  # inside double quotes (the quote characters themselves count as quoted)
    escaped: bool  # preceded by ^


@dataclass(frozen=True)
class CmdWord:
    chars: tuple[Char, ...]

    @property
    def raw(self) -> str:
        return "".join(c.text for c in self.chars)

    @property
    def start(self) -> int:
        return self.chars[0].offset

    @property
    def end(self) -> int:
        return self.chars[-1].offset + 1


@dataclass(frozen=True)
class Redirection:
    operator: str  # ">", ">>", "<", "2>", "2>&1" …
    target: CmdWord | None  # None for a handle (>&1)


@dataclass
class Simple:
    words: list[CmdWord]
    tail: tuple[Char, ...]  # everything after the command name (for `set`, which reads it raw)
    redirects: list[Redirection]
    start: int
    end: int


@dataclass
class Block:
    body: list[Node]
    start: int
    end: int


@dataclass
class Chain:
    """Commands joined by `&`, `&&`, `||` or `|`: OPERATORS[k] sits between PARTS[k] and PARTS[k+1]."""

    parts: list[Node]
    operators: list[str]
    start: int
    end: int


@dataclass
class If:
    negated: bool
    test: str  # "exist", "defined", "errorlevel", "cmdextversion", or a comparison: "==", "equ", "neq" …
    operands: list[CmdWord]
    then: Node
    otherwise: Node | None
    start: int
    end: int
    condition_end: int  # where the test ends and the command it guards starts
    ignore_case: bool = False  # `if /i`

    @property
    def checks_status(self) -> bool:
        """`if errorlevel 1 …`, `if %errorlevel% neq 0 …`: a check of the previous command's exit code."""
        return self.test == "errorlevel" or any("errorlevel" in w.raw.lower() for w in self.operands)

    @property
    def compares(self) -> bool:
        return self.test not in ("exist", "defined", "errorlevel", "cmdextversion")


@dataclass
class Opaque:
    """A construct the walk does not follow (`for`): refused where it touches the flow."""

    keyword: str
    start: int
    end: int


@dataclass
class ForCapture:
    """`for /f %%i in ('docker create img') do set ID=%%i`: COMMAND runs in a child cmd and its
    output line becomes the variable NAME (the one form of `for` the walk follows)."""

    command: Simple
    name: str
    start: int
    end: int


@dataclass
class Label:
    name: str  # lower-case, without the colon
    start: int
    end: int


Node = Simple | Block | Chain | If | ForCapture | Opaque | Label


@dataclass
class BatchScript:
    path: str
    text: str
    statements: list[Node] = field(default_factory=list)
    line_starts: list[int] = field(default_factory=list)

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset)

    def loc(self, offset: int) -> Loc:
        return Loc(self.path, self.line_of(offset))
