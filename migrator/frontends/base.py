"""What every front end is: the protocol the pipeline drives, the candidate file it returns, and
how one file calls another."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from migrator.hostfs import RepoTree
from migrator.plan.edits import ScriptEdits
from migrator.trace.command import Command
from migrator.trace.engine import TraceEngine
from migrator.trace.values import Value

# repo-relative path -> its bytes; None when nothing is there; raises Refusal when it cannot be read
Reader = Callable[[str], bytes | None]


@dataclass(frozen=True)
class Source:
    """An orchestration file a front end claimed: a candidate flow."""

    path: str  # repo-relative
    text: str  # decoded with surrogateescape, so any bytes survive a rewrite
    front_end: str
    extraction_hint: bool  # it seems to move files out of a container (so a refusal there is about a flow)
    entry: str | None = None  # where the flow starts inside the file (a Makefile target); None: the default


@dataclass(frozen=True)
class Call:
    """A command that runs another orchestration file: which file, and how."""

    path: str  # repo-relative
    entry: str | None  # a Makefile target, a CI job; None: the file's default
    args: tuple[Value, ...]  # the arguments it passes ($1 … for a script)


class FrontEnd(Protocol):
    name: str

    def find(self, tree: RepoTree, read: Reader) -> list[Source]:
        """The files of the repository this front end reads that may hold a builder-pattern flow."""

    def claims(self, path: str, head: bytes) -> bool:
        """Is PATH (starting with HEAD) a file of this front end's kind, whatever it holds?"""

    def start_dirs(self, source: Source) -> list[str]:
        """The directories the file may be run from, most likely first."""

    def runner(self, source: Source) -> list[str]:
        """The command its users run the flow with (its path relative to the directory it is run
        from: the flow's run_from), for verify to run the legacy and the migrated flow alike."""

    def walk(self, source: Source, engine: TraceEngine, call: Call | None) -> None:
        """Hand the file's commands, in order, to ENGINE (from the directory it is in); CALL: how
        another file ran this one, None for the flow's own start. Raises Refusal."""

    def called_by(self, command: Command, engine: TraceEngine) -> Call | None:
        """When COMMAND runs one of this front end's files (`./build.sh`, `make -C app image`)."""

    def rewrite(self, source: Source, edits: ScriptEdits) -> str:
        """The file's text after the edits that name it, every other byte as it was."""
