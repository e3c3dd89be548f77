"""Where the walk keeps names: one frame per inlined function call (the module's is the first),
and how the values of names join again after branches that may or may not have run."""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from migrator.frontends.python.values import Opaque, Str


@dataclass
class Frame:
    scope: dict[str, object]
    enclosing: list[dict[str, object]]  # the scopes of the functions it was defined in (closures)
    function: cst.FunctionDef | None  # None: the module
    depth: int  # how many conditions held when it started: a `return` deeper than that may not run
    globals_declared: set[str] = field(default_factory=set)
    result: object = None  # what it returns, once a `return` ran


@dataclass(frozen=True)
class Snapshot:
    scopes: tuple[dict[str, object], ...]

    def restore(self, frames: list[Frame]) -> None:
        for frame, saved in zip(frames, self.scopes, strict=True):
            frame.scope.clear()
            frame.scope.update(saved)


def snapshot(frames: list[Frame]) -> Snapshot:
    return Snapshot(tuple(dict(frame.scope) for frame in frames))


def merge_branches(frames: list[Frame], before: Snapshot, after: list[Snapshot]) -> None:
    """Each name gets the value every branch agrees on, or an Opaque one."""
    for index, frame in enumerate(frames):
        names = set(before.scopes[index]).union(*(set(a.scopes[index]) for a in after))
        for name in names:
            values = [a.scopes[index].get(name, _UNSET) for a in after]
            first = values[0]
            if all(_same(first, v) for v in values[1:]):
                if first is _UNSET:
                    frame.scope.pop(name, None)
                else:
                    frame.scope[name] = first
            else:
                frame.scope[name] = Opaque(name)


_UNSET = object()


def _same(a: object, b: object) -> bool:
    if isinstance(a, Str) and isinstance(b, Str):
        return a.value == b.value
    return a is b or a == b
