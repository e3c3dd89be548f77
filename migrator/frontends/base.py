"""What every front end is: the protocol the pipeline drives, and the candidate file it returns."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from migrator.hostfs import RepoTree
from migrator.model import Flow
from migrator.plan.edits import ScriptEdits

Reader = Callable[[str], bytes | None]  # repo-relative path -> its bytes, None when unreadable


@dataclass(frozen=True)
class Source:
    """An orchestration file a front end claimed: a candidate flow."""

    path: str  # repo-relative
    text: str  # decoded with surrogateescape, so any bytes survive a rewrite
    front_end: str
    extraction_hint: bool  # it seems to move files out of a container (so a refusal there is about a flow)


class FrontEnd(Protocol):
    name: str

    def find(self, tree: RepoTree, read: Reader) -> list[Source]:
        """The files of the repository this front end reads that may hold a builder-pattern flow."""

    def claims(self, path: str, head: bytes) -> bool:
        """Is PATH (starting with HEAD) a file of this front end's kind, whatever it holds?"""

    def start_dirs(self, source: Source) -> list[str]:
        """The directories the file may be run from, most likely first."""

    def trace(self, source: Source, tree: RepoTree, start_dir: str) -> Flow:
        """Run the file's commands through the trace engine from START_DIR; raises Refusal."""

    def rewrite(self, source: Source, edits: ScriptEdits) -> str:
        """The file's text after the edits, every other byte as it was."""

    def runner(self, source: Source) -> list[str]:
        """The command its users run the flow with (its path relative to the directory it is run
        from: the flow's run_from), for verify to run the legacy and the migrated flow alike."""

