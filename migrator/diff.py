"""File changes -> one git-style unified diff that `git apply` accepts at the repository root.

Text that is not UTF-8 is decoded with surrogateescape, so the diff, encoded back the same way
(as the CLI prints it), holds the file's very bytes."""

from __future__ import annotations

import difflib
import stat

from migrator.model import FileChange

_NO_NEWLINE = "\\ No newline at end of file\n"


def _lines(data: bytes | None) -> list[str]:
    """Lines as git sees them: split at \\n only (str.splitlines would also split at a form feed)."""
    if not data:
        return []
    lines = [line + "\n" for line in data.decode("utf-8", "surrogateescape").split("\n")]
    lines[-1] = lines[-1][:-1]
    return lines if lines[-1] else lines[:-1]


def _git_mode(mode: int) -> str:
    """The modes git knows: a symbolic link, an executable file, any other file."""
    if stat.S_ISLNK(mode):
        return "120000"
    return "100755" if mode & 0o100 else "100644"


def _hunks(old: list[str], new: list[str], a: str, b: str) -> list[str]:
    out = []
    for line in difflib.unified_diff(old, new, a, b, n=3):
        if line.startswith(("---", "+++")):
            out.append(line.rstrip("\n") + "\n")
        elif line.endswith("\n"):
            out.append(line)
        else:
            out.append(line + "\n" + _NO_NEWLINE)
    return out


def render_diff(changes: tuple[FileChange, ...], prefix: str = "") -> str:
    """The patch; PREFIX (`services/api/`) is put before every path, so that a patch of a project
    inside a larger repository applies at that repository's root."""
    out = []
    for change in changes:
        path = prefix + change.path
        out.append(f"diff --git a/{path} b/{path}\n")
        if change.old is None:
            out.append(f"new file mode {_git_mode(change.mode)}\n")
            out.extend(_hunks([], _lines(change.new), "/dev/null", f"b/{path}"))
        elif change.new is None:
            out.append(f"deleted file mode {_git_mode(change.mode)}\n")
            out.extend(_hunks(_lines(change.old), [], f"a/{path}", "/dev/null"))
        else:
            out.extend(_hunks(_lines(change.old), _lines(change.new), f"a/{path}", f"b/{path}"))
    return "".join(out)
