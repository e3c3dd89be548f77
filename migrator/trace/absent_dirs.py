"""A `docker cp` into a directory the clean checkout lacks (capability-classes §HD):
`docker cp c:/w/app bin/app` or `… bin/` where bin/ is git-ignored. On a clean checkout the copy
fails (Docker does not make the destination's directory), so the legacy flow only ever worked where
the directory was there already, made by hand or by an earlier run. In that one working state the
copy has one result, so the trace takes the directory as there and empty, and records it
(Flow.absent_dirs): the plan refuses a COPY that reads the directory itself (the legacy build saw
whatever was left in it), and verify makes it in the legacy copy of the repository.

The directory is assumed only when the script never made, removed or tested it: what the script
did to it decides its state, and a test that found it missing contradicts the assumption (a test of
a path below it answers the same in an empty directory).
"""

from __future__ import annotations

import posixpath

from migrator.findings import finding
from migrator.hostfs import EmptyDir, Kind, within
from migrator.source import Loc
from migrator.trace.state import TraceState


def assume_absent_dir(state: TraceState, directory: str, loc: Loc) -> bool:
    """Take DIRECTORY (repository-relative) as an empty directory that was on the host before the
    script ran, when nothing in the trace says otherwise; False when it cannot be assumed."""
    missing = _missing_chain(state, directory)
    if not missing:
        return False
    steps = state.record.host_steps
    tested = [p for step in steps if _is_test(step.command) for p in step.reads]
    named = [layer.at for layer in state.host.layers] + [
        p for step in steps if not _is_test(step.command) for p in (*step.reads, *step.writes, *step.globs)]
    if any(within(path, missing[0]) or within(missing[0], path) for path in named):
        return False  # the script made, removed or used it (or something around it): its own state decides
    if any(path in missing for path in tested):
        return False  # a test found it missing; one of a path below it answers alike in an empty one
    for path in missing:
        state.host = state.host.place(path, EmptyDir(loc))
    state.record.absent_dir(directory, finding("MIG521", loc, path=directory + "/"))
    return True


def _is_test(command: str) -> bool:
    return command.split(" ", 1)[0] in ("[", "[[", "test")


def _missing_chain(state: TraceState, directory: str) -> list[str]:
    """DIRECTORY and its missing parents, outermost first, below its nearest existing ancestor,
    which must be a directory; empty when something is at DIRECTORY or the ancestor is no directory."""
    chain: list[str] = []
    path = directory
    while path not in (".", "") and state.host.kind(path) is None:
        chain.append(path)
        path = posixpath.dirname(path) or "."
    if path not in (".", "") and state.host.kind(path) is not Kind.DIR:
        return []
    return chain[::-1]
