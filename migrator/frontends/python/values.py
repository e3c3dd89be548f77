"""What a Python expression evaluates to, as far as the trace can tell.

Strings keep how they were written: a `Str` is a run of pieces, each either written in the file (a
literal's characters, with where each one is spelled) or computed (a value and the expression that
made it). A shell command built in Python is parsed from those pieces, so its spans point into the
file. Anything the trace cannot know is `Opaque`, and a string part it cannot know is an Unknown in
the Value (trace/values.py), as in the shell front end."""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from migrator.trace.values import Unknown, Value


@dataclass(frozen=True)
class Piece:
    value: Value
    starts: tuple[int, ...] = ()  # written: each character's offset in the file; () when computed
    ends: tuple[int, ...] = ()
    at: tuple[int, int] = (0, 0)  # the expression that computed it (for a written piece, the characters)

    @property
    def written(self) -> bool:
        return bool(self.starts)


@dataclass(frozen=True)
class Str:
    pieces: tuple[Piece, ...]
    is_bytes: bool = False

    @property
    def value(self) -> Value:
        out = Value()
        for piece in self.pieces:
            out = out + piece.value
        return out

    def __add__(self, other: Str) -> Str:
        return Str(self.pieces + other.pieces, self.is_bytes)

    @staticmethod
    def computed(value: Value, at: tuple[int, int], is_bytes: bool = False) -> Str:
        return Str((Piece(value, at=at),), is_bytes)


@dataclass(frozen=True)
class Seq:
    """A list or tuple; NODES: the element expressions, where the sequence was written."""

    items: tuple[object, ...]
    nodes: tuple[cst.CSTNode | None, ...] = ()


@dataclass(frozen=True)
class Const:
    """A number, a bool or None."""

    value: int | float | bool | None


@dataclass(frozen=True)
class PathValue:
    """A pathlib.Path: its path as a string value."""

    path: Str


@dataclass(frozen=True)
class Mapping:
    items: dict[str, object]


@dataclass(frozen=True)
class Process:
    """What subprocess.run and Popen return: the captured output, when it was captured."""

    stdout: object
    returncode: object


@dataclass(frozen=True)
class File:
    """What open() returns: the file, how it was opened, and (read) what it holds."""

    path: Str
    mode: str
    content: object = None


@dataclass(frozen=True)
class Ref:
    """A module, function or object known by its qualified name (`subprocess.run`, `os.environ`)."""

    name: str


@dataclass(frozen=True)
class Bound:
    """A method of a value (`cid.strip`, `Path("out").mkdir`), not called yet."""

    target: object
    method: str
    via: str | None = None  # the variable it was reached through (`cmd.append` changes `cmd`)


@dataclass(frozen=True)
class Function:
    node: cst.FunctionDef
    scope: dict[str, object] = field(compare=False, hash=False)  # where it was defined (closures)
    enclosing: tuple[dict[str, object], ...] = field(default=(), compare=False, hash=False)


@dataclass(frozen=True)
class Opaque:
    """Anything the trace cannot know; WHAT spells it, for messages and unknown string parts."""

    what: str
    code: str = ""  # the source of a function or class it stands for, which a call would run


def as_str(value: object, at: tuple[int, int], what: str) -> Str:
    """VALUE as str() would turn it into a string (unknown parts where the trace cannot tell)."""
    if isinstance(value, Str):
        return value
    if isinstance(value, PathValue):
        return value.path
    if isinstance(value, Const):
        return Str.computed(Value.of(str(value.value)), at)
    return Str.computed(Value((Unknown(what),)), at)


def truth(value: object) -> bool | None:
    """Whether VALUE is true in an `if`, or None when the trace cannot tell."""
    if isinstance(value, Const):
        return bool(value.value)
    if isinstance(value, Str):
        literal = value.value.literal
        if literal is not None:
            return bool(literal)
        return True if any(isinstance(p, str) and p for p in value.value.parts) else None
    if isinstance(value, Seq):
        return bool(value.items)
    if isinstance(value, PathValue | Function | Ref):
        return True
    return None


def literal_of(value: object) -> object | None:
    """A plain Python value (str, number, tuple of them) when fully known, for comparisons."""
    if isinstance(value, Str):
        return value.value.literal
    if isinstance(value, Const):
        return value.value if value.value is not None else _NONE
    if isinstance(value, Seq):
        items = [literal_of(i) for i in value.items]
        return None if any(i is None for i in items) else tuple(items)
    return None


_NONE = ("<None>",)  # None as a known value, told apart from "not known"
