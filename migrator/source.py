"""Where something is written: a file and line for messages, a character span for edits."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Loc:
    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Span:
    """Character offsets [start, end) of a command in the text of FILE, the orchestration file a
    front end read it from: the plan names what to edit with spans, never with offsets alone."""

    start: int
    end: int
    file: str = ""
