"""A command as the trace engine sees it, whatever front end read it: expanded words with where
they sit in the source, redirects, and the circumstances it runs under."""

from __future__ import annotations

from dataclasses import dataclass

from migrator.source import Loc, Span
from migrator.trace.values import Value


@dataclass(frozen=True)
class Word:
    value: Value
    start: int
    end: int
    source: str  # as the script spells it, quotes included
    assigns: str | None = None  # `NAME` for an assignment word such as `export NAME=value`


@dataclass(frozen=True)
class Redirect:
    operator: str  # ">", ">>", "<", "&>", ">&", …
    target: Value | None  # None when it names a file descriptor (2>&1)
    fd: int | None = None  # the descriptor it redirects when written (`2>`), else the operator's own

    @property
    def writes(self) -> bool:
        return ">" in self.operator

    @property
    def appends(self) -> bool:
        return ">>" in self.operator


@dataclass(frozen=True)
class Command:
    words: tuple[Word, ...]
    span: Span
    loc: Loc
    redirects: tuple[Redirect, ...]
    in_pipeline: bool
    condition: str | None  # e.g. "if at build.sh:4" when the command may not run
    captured: bool  # inside $(…): its output is used
    text: str  # as the script spells it, whitespace collapsed: for messages
    statement: Span  # the whole statement it is part of; for `id=$(docker create …)`, the assignment
    in_test: bool = False  # it is the test of an if/while/until
    piped_out: bool = False  # its standard output is the next command's input (`a | b`: a)

    @property
    def name(self) -> str | None:
        return self.words[0].value.literal if self.words else None

    def args(self, skip: int = 1) -> tuple[Word, ...]:
        return self.words[skip:]

    def without_first(self, count: int) -> Command:
        """The same command with its first COUNT words dropped (`sudo docker …` -> `docker …`)."""
        return Command(self.words[count:], self.span, self.loc, self.redirects, self.in_pipeline, self.condition,
                       self.captured, self.text, self.statement, self.in_test, self.piped_out)
