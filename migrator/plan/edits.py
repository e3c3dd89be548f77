"""What the build script must lose and how its runtime build changes, as the plan decides it. Each
front end applies these edits in its own syntax; the plan never writes script text."""

from __future__ import annotations

from dataclasses import dataclass

from migrator.source import Span


@dataclass(frozen=True)
class ScriptEdits:
    remove: frozenset[Span]  # the commands that go, named by where the front end read them
    runtime_build: Span  # the build that stays
    drop_no_cache: bool  # its --no-cache only existed to pick up the host's copy of the artifact
    add_build_args: tuple[str, ...]  # the builder's --build-arg flags, as they are to be written
