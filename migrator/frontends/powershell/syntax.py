"""The PowerShell syntax tree the parser builds and the walk and the rewrite read: statements,
commands with their arguments, and the small part of the expression language build scripts use.
Every node keeps its span [start, end) in the file's text."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from migrator.source import Loc

# --- expressions -----------------------------------------------------------------------------


@dataclass
class Lit:
    text: str
    start: int
    end: int


@dataclass
class Var:
    name: str  # lower-cased, with its scope: "x", "env:path", "script:out"
    start: int
    end: int


@dataclass
class Str:
    """A double-quoted string (or a bare argument): literal pieces and what it expands."""

    pieces: list[Expr]
    start: int
    end: int


@dataclass
class Sub:
    """`$( … )`, `@( … )` or `( … )`: the value of the statements inside."""

    statements: list[Statement]
    start: int
    end: int


@dataclass
class Binary:
    operator: str  # lower-cased: "+", "-eq", "-and" …
    left: Expr
    right: Expr
    start: int
    end: int


@dataclass
class Unary:
    operator: str  # "-not", "!", "-"
    operand: Expr
    start: int
    end: int


@dataclass
class Array:
    items: list[Expr]
    start: int
    end: int


@dataclass
class Other:
    """An expression the walk does not evaluate (a method call, a hashtable, a cast): unknown."""

    start: int
    end: int


Expr = Lit | Var | Str | Sub | Binary | Unary | Array | Other

# --- commands and statements -----------------------------------------------------------------


@dataclass
class Argument:
    value: Expr
    start: int
    end: int
    parameter: str | None = None  # `-Recurse` -> "recurse"; `-Path:x` -> "path" with VALUE x
    attached: bool = False  # `-Name:value`: the value is in this argument


@dataclass
class Redirection:
    operator: str  # ">", ">>", "2>", "2>&1", "*>" …
    target: Expr | None


@dataclass
class Command:
    call: str | None  # "&" or "." (dot-sourcing), None for a plain command
    elements: list[Argument]  # the command name first
    redirects: list[Redirection]
    start: int
    end: int


@dataclass
class Pipeline:
    parts: list[Command | Expr]
    start: int
    end: int


@dataclass
class Chain:
    """PowerShell 7's `a && b`, `a || b`."""

    parts: list[Pipeline]
    operators: list[str]
    start: int
    end: int


@dataclass
class Assign:
    target: Var
    operator: str  # "=", "+=" …
    value: Statement
    start: int
    end: int


@dataclass
class Block:
    statements: list[Statement]
    start: int
    end: int


@dataclass
class If:
    clauses: list[tuple[Pipeline, Block]]  # if and each elseif
    otherwise: Block | None
    start: int
    end: int

    @property
    def checks_status(self) -> bool:
        """`if ($LASTEXITCODE -ne 0) …`, `if (-not $?) …`: a check of the previous command's exit code."""
        return _mentions_status(self.clauses[0][0])


@dataclass
class Loop:
    keyword: str  # foreach, for, while, do, switch
    variable: str | None  # foreach's loop variable
    items: Pipeline | None  # foreach's collection
    body: Block
    start: int
    end: int


@dataclass
class Try:
    body: Block
    handlers: list[Block]  # catch blocks
    final: Block | None
    start: int
    end: int


@dataclass
class Function:
    name: str  # lower-cased
    parameters: list[tuple[str, Expr | None]]  # names (lower-cased) and defaults
    body: Block
    start: int
    end: int


@dataclass
class Param:
    """The script's own `param( … )` block."""

    parameters: list[tuple[str, Expr | None]]
    start: int
    end: int


@dataclass
class Flow:
    keyword: str  # exit, throw, return, break, continue
    value: Pipeline | None
    start: int
    end: int


Statement = Pipeline | Chain | Assign | If | Loop | Try | Function | Param | Flow | Block


def _mentions_status(node: object) -> bool:
    if isinstance(node, Var):
        return node.name in ("lastexitcode", "?")
    if isinstance(node, (Pipeline,)):
        return any(_mentions_status(p) for p in node.parts)
    if isinstance(node, Binary):
        return _mentions_status(node.left) or _mentions_status(node.right)
    if isinstance(node, Unary):
        return _mentions_status(node.operand)
    if isinstance(node, Sub):
        return any(_mentions_status(s) for s in node.statements)
    return False


@dataclass
class PsScript:
    path: str
    text: str
    statements: list[Statement] = field(default_factory=list)
    line_starts: list[int] = field(default_factory=list)

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset)

    def loc(self, offset: int) -> Loc:
        return Loc(self.path, self.line_of(offset))
