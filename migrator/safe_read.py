"""Reading a repository's files without surprises, for every step that reads one.

Only regular files are read: a FIFO named `run.sh` would block a plain `open()` for ever, and a
device file is not a script. Files are opened with O_NONBLOCK all the same, in case one is swapped
for a FIFO between the check and the open. A file larger than the caller's limit is not read at
all (only its first bytes, so the caller can tell what kind of file it is). What cannot be read
raises Unreadable, an OSError whose `strerror` says why in words a user can act on."""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from migrator.findings import refuse

HEAD_BYTES = 128  # what a front end needs to tell a file's kind (its #! line)

_KINDS = {stat.S_IFIFO: "a FIFO", stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device",
          stat.S_IFSOCK: "a socket", stat.S_IFDIR: "a directory"}


class Unreadable(OSError):
    """PATH exists but cannot be read as a regular file; `strerror` says why."""

    def __init__(self, path: str | Path, why: str, code: int = errno.EINVAL):
        super().__init__(code, why, str(path))


class TooLarge(Exception):
    """The file is larger than the caller's limit; HEAD holds its first bytes."""

    def __init__(self, path: str | Path, size: int, limit: int, head: bytes):
        super().__init__(f"{path} is {size} bytes")
        self.size, self.limit, self.head = size, limit, head


def read_regular(path: str | Path, limit: int | None = None) -> bytes:
    """The bytes of the regular file at PATH, through symbolic links. FileNotFoundError when
    nothing is there (a dangling link included), Unreadable for anything else that cannot be read,
    TooLarge (before reading) when it holds more than LIMIT bytes."""
    info = _stat(path)
    _require_regular(path, info.st_mode)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except FileNotFoundError:
        raise
    except OSError as error:
        raise Unreadable(path, error.strerror or str(error), error.errno or errno.EIO) from None
    try:
        info = os.fstat(fd)
        _require_regular(path, info.st_mode)  # swapped for something else since the stat
        if limit is not None and info.st_size > limit:
            raise TooLarge(path, info.st_size, limit, os.pread(fd, HEAD_BYTES, 0))
        chunks = []
        while chunk := os.read(fd, max(info.st_size, 1 << 16)):
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as error:
        if isinstance(error, Unreadable):
            raise
        raise Unreadable(path, error.strerror or str(error), error.errno or errno.EIO) from None
    finally:
        os.close(fd)


def _stat(path: str | Path) -> os.stat_result:
    try:
        return os.stat(path)
    except FileNotFoundError:
        raise
    except OSError as error:  # a symlink loop (ELOOP), a folder on the way we may not enter (EACCES) …
        raise Unreadable(path, error.strerror or str(error), error.errno or errno.EIO) from None


def _require_regular(path: str | Path, mode: int) -> None:
    if not stat.S_ISREG(mode):
        kind = _KINDS.get(stat.S_IFMT(mode), "not a regular file")
        raise Unreadable(path, f"it is {kind}, not a regular file")


@dataclass(frozen=True)
class RepoFile:
    """A repository file as a migration changes it: PATH is where its bytes live (for a symbolic
    link, the file it names, so a rewrite goes through the link and the link stays)."""

    path: str  # relative to the repository
    data: bytes
    mode: int


def read_repo_file(repo: Path, path: str) -> RepoFile:
    """PATH (relative to REPO) for a rewrite, through symbolic links; a link that leads out of
    the repository is refused (MIG300) rather than written through, and a file that cannot be
    read as read_regular says (MIG123)."""
    real = Path(os.path.realpath(repo / path))
    root = Path(os.path.realpath(repo))
    if not real.is_relative_to(root):
        raise refuse("MIG300", None, path=path, why=f"it is a symbolic link to {real}, outside the repository")
    try:
        data = read_regular(real)
        mode = os.stat(real).st_mode
    except OSError as error:
        raise refuse("MIG123", None, path=path, why=error.strerror) from None
    return RepoFile(real.relative_to(root).as_posix(), data, mode)
