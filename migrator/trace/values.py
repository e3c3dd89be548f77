"""Symbolic shell values: strings whose parts may be unknown, or a container id captured at run time."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass


@dataclass(frozen=True)
class Unknown:
    """A part whose value only exists when the script runs: `$1`, `$(git rev-parse HEAD)`, `$HOME`."""

    name: str


@dataclass(frozen=True)
class ContainerId:
    key: str


Part = str | Unknown | ContainerId


@dataclass(frozen=True)
class Value:
    parts: tuple[Part, ...] = ()
    assumed: tuple[str, ...] = ()  # unset variables whose `${X:-default}` default was used
    glob: bool = False  # holds an unquoted * ? or [

    @staticmethod
    def of(text: str) -> Value:
        return Value((text,) if text else ())

    @property
    def literal(self) -> str | None:
        """The plain string, or None when any part is unknown."""
        if all(isinstance(p, str) for p in self.parts):
            return "".join(self.parts)  # type: ignore[arg-type]
        return None

    @property
    def text(self) -> str:
        """How the value reads in messages and tags: unknown parts keep their shell spelling."""
        out = []
        for p in self.parts:
            if isinstance(p, Unknown):
                out.append(p.name)
            elif isinstance(p, ContainerId):
                out.append(f"<container {p.key}>")
            else:
                out.append(p)
        return "".join(out)

    @property
    def unknown_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.parts if isinstance(p, Unknown))

    def __add__(self, other: Value) -> Value:
        parts = list(self.parts)
        for p in other.parts:
            if parts and isinstance(p, str) and isinstance(parts[-1], str):
                parts[-1] = parts[-1] + p
            else:
                parts.append(p)
        return Value(tuple(parts), self.assumed + other.assumed, self.glob or other.glob)


# Host paths inside the tracer are absolute; the repository sits at this made-up root so that
# `cd ..` out of it, or an absolute /tmp path, can be told apart from a path in the repo.
REPO_ROOT = "/@repo"


def to_repo_relative(path: str) -> str | None:
    """'/@repo/out/app' -> 'out/app'; None for a path outside the repository."""
    path = posixpath.normpath(path)
    if path == REPO_ROOT:
        return "."
    if path.startswith(REPO_ROOT + "/"):
        return path[len(REPO_ROOT) + 1:]
    return None


def from_repo_relative(path: str) -> str:
    return posixpath.normpath(posixpath.join(REPO_ROOT, path))


def show_path(path: str) -> str:
    """A tracer path as a user reads it: repo-relative when inside the repo."""
    rel = to_repo_relative(path)
    return path if rel is None else rel
