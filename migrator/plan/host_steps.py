"""Which host commands go with the extraction, and which use an artifact (refused: default-deny).

The territory is every host path that exists only because of the extraction: what `docker cp`
wrote, where a host `mv`/`cp` put it, and the directories the script made to hold it. After the
migration none of it exists. A command goes with the extraction when everything it writes lies in
the territory (so nothing it made is needed any more) and it is no test a flow depends on; any
other command that reads or writes territory would now fail or change, so the migration is refused
naming it. Commands that ran before a path became territory (a pre-clean `rm -rf out`) are kept:
they are no-ops either way.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass

from migrator.findings import refuse
from migrator.hostfs import RepoTree, within
from migrator.model import HostStep, StepKind
from migrator.source import Span


@dataclass(frozen=True)
class HostStepPlan:
    removed: frozenset[Span]
    territory: tuple[str, ...]


def plan_host_steps(steps: tuple[HostStep, ...], tree: RepoTree, decided: frozenset[Span] = frozenset()
                    ) -> HostStepPlan:
    """DECIDED: tests the trace decided on the clean checkout; plan/guards.py checks their removal."""
    since = _territory(steps, tree)
    removed: dict[Span, HostStep] = {}
    kept: dict[Span, HostStep] = {}
    for index, step in enumerate(steps):
        if step.kind is StepKind.EXTRACT:
            removed[step.span] = step
            continue
        reached = [g for g in step.globs if _glob_reaches(g, since, index)]
        if reached:
            raise refuse("MIG128", step.loc, command=step.command, path=reached[0])
        if step.kind is StepKind.OTHER:  # default-deny: a command we do not model may do anything with them
            touched = [p for p in (*step.reads, *step.writes) if _touches(p, since, index)]
            if touched:
                raise refuse("MIG106", step.loc, path=touched[0], command=step.command)
            kept[step.span] = step
            continue
        inside = [p for p in (*step.reads, *step.writes) if _inside(p, since, index)]
        if not inside:
            kept[step.span] = step
            continue  # only paths that hold territory (`rm -rf bin`, `ls out`): as harmless as before
        if not all(_inside(p, since, index) for p in step.writes):
            if step.kind is StepKind.REMOVE and step.tolerates_missing:
                kept[step.span] = step  # `rm -f` of what no longer exists is a no-op
                continue
            raise refuse("MIG106", step.loc, path=inside[0], command=step.command)
        if step.in_test and step.span not in decided:
            raise refuse("MIG108", step.loc, command=step.command,
                         construct="a test of the extracted files that decides what the script does next")
        removed[step.span] = step
    shared = next((span for span in removed if span in kept), None)
    if shared is not None:
        raise refuse("MIG147", removed[shared].loc, command=f"`{removed[shared].command}`")
    return HostStepPlan(frozenset(removed), tuple(sorted(since)))


def _territory(steps: tuple[HostStep, ...], tree: RepoTree) -> dict[str, int]:
    """Host path -> the index of the step from which on it is territory."""
    since: dict[str, int] = {}
    for index, step in enumerate(steps):
        if step.kind is StepKind.EXTRACT:
            for path in step.writes:
                since.setdefault(path, index)
    changed = True
    while changed:
        changed = False
        for index, step in enumerate(steps):
            if step.kind in (StepKind.MOVE, StepKind.COPY) and any(_touches(p, since, index) for p in step.reads):
                for path in step.writes:
                    if path not in since:
                        since[path] = index
                        changed = True
            elif step.kind is StepKind.MKDIR:
                for path in step.writes:
                    made = path not in tree.files and not tree.is_dir(path)
                    if made and since.get(path, len(steps)) > index and any(within(t, path) for t in since):
                        since[path] = index  # a directory the script made to hold the extraction
                        changed = True
    return since


def _touches(path: str, since: dict[str, int], index: int) -> bool:
    """Does PATH lie in territory, or hold some, at step INDEX?"""
    return any(start <= index and (within(path, t) or within(t, path)) for t, start in since.items())


def _inside(path: str, since: dict[str, int], index: int) -> bool:
    return any(start <= index and within(path, t) for t, start in since.items())


def _glob_reaches(pattern: str, since: dict[str, int], index: int) -> str | None:
    patterns = pattern.split("/")
    for path, start in since.items():
        parts = path.split("/")
        if start <= index and all(fnmatch.fnmatchcase(a, b) for a, b in zip(parts, patterns, strict=False)):
            return path
    return None
