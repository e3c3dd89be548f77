"""Apply file changes atomically: every new file is staged first as a temporary file beside its
target, then all are renamed into place, then deletions run. A failure while staging changes
nothing. File modes survive; content is written byte for byte as rendered."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from migrator.model import FileChange


def apply_changes(repo: Path, changes: tuple[FileChange, ...]) -> None:
    staged: list[tuple[str, Path]] = []
    try:
        for change in changes:
            if change.new is None:
                continue
            target = repo / change.path
            fd, temp = tempfile.mkstemp(prefix=".migrate-", dir=target.parent)
            staged.append((temp, target))
            with os.fdopen(fd, "wb") as handle:
                handle.write(change.new)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temp, change.mode & 0o7777)
    except BaseException:
        for temp, _ in staged:
            os.unlink(temp)
        raise
    for temp, target in staged:
        os.replace(temp, target)
    for change in changes:
        if change.new is None:
            (repo / change.path).unlink()
