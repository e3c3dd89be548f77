"""Apply file changes so that the repository ends either wholly migrated or exactly as it was.

Every new content is first staged as a temporary file beside its target and every file to delete
is moved aside; only when all of that worked are the new files renamed into place (one atomic
rename each) and the moved-aside ones removed. A failure at any point (a read-only folder, a full
disk, Ctrl-C) undoes what was done and raises WriteError naming the file, so the repository is
never left half migrated. File modes survive; content is written byte for byte as rendered. A
change's path is the file itself, never a symbolic link to it (the pipeline resolves links), so
a link in the repository stays a link."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from migrator.findings import finding
from migrator.model import FileChange
from migrator.outcome import Migrated, Outcome, Refused


class WriteError(OSError):
    """PATH (relative to the repository) could not be written; nothing was changed."""

    def __init__(self, path: str, error: OSError):
        super().__init__(error.errno, error.strerror or str(error), path)
        self.path = path

    def __str__(self) -> str:
        return f"cannot write {self.path}: {self.strerror}"


def apply_changes(repo: Path, changes: tuple[FileChange, ...]) -> None:
    staged: list[tuple[Path, Path]] = []  # (temporary file, target)
    aside: list[tuple[Path, Path]] = []  # (moved-aside name, file to delete)
    replaced: list[tuple[Path, bytes | None, int]] = []  # targets renamed over: (target, old bytes, mode)
    current = ""
    try:
        for change in changes:
            current = change.path
            if change.new is None:
                aside.append((_move_aside(repo / change.path), repo / change.path))
            else:
                staged.append((_stage(repo / change.path, change.new, change.mode), repo / change.path))
        for (temp, target), change in zip(staged, (c for c in changes if c.new is not None), strict=True):
            current = change.path
            os.replace(temp, target)
            replaced.append((target, change.old, change.mode))
    except BaseException as error:
        _undo(staged, aside, replaced)
        if isinstance(error, OSError):
            raise WriteError(current, error) from None
        raise
    for moved, _ in aside:
        with contextlib.suppress(OSError):  # the migration is done; a leftover is only untidy
            os.unlink(moved)


def _stage(target: Path, data: bytes, mode: int) -> Path:
    fd, name = tempfile.mkstemp(prefix=".migrate-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(name, mode & 0o7777)
    except BaseException:
        os.unlink(name)
        raise
    return Path(name)


def _move_aside(target: Path) -> Path:
    """TARGET renamed to a free temporary name in its folder (so that its removal cannot fail later)."""
    fd, name = tempfile.mkstemp(prefix=".migrate-deleted-", dir=target.parent)
    os.close(fd)
    try:
        os.replace(target, name)
    except BaseException:
        os.unlink(name)
        raise
    return Path(name)


def _undo(staged: list[tuple[Path, Path]], aside: list[tuple[Path, Path]],
          replaced: list[tuple[Path, bytes | None, int]]) -> None:
    """Best effort back to the old state: the renamed-over files get their old bytes again."""
    done = {target for target, _, _ in replaced}
    for temp, target in staged:
        if target not in done:
            with contextlib.suppress(OSError):
                os.unlink(temp)
    for target, old, mode in replaced:
        with contextlib.suppress(OSError):
            if old is None:
                os.unlink(target)
            else:
                os.replace(_stage(target, old, mode), target)
    for moved, target in aside:
        with contextlib.suppress(OSError):
            os.replace(moved, target)


def write_migration(repo: Path, outcome: Migrated) -> Outcome:
    """OUTCOME written into REPO; a write that fails is an `error` outcome (MIG300), with nothing
    written."""
    try:
        apply_changes(repo, outcome.changes)
    except WriteError as error:
        return Refused(outcome.repo, (finding("MIG300", None, path=error.path, why=error.strerror),), outcome.flow)
    return outcome
