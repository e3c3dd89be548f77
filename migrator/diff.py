"""File changes -> one git-style unified diff that `git apply` accepts at the repository root."""

from __future__ import annotations

import difflib

from migrator.model import FileChange

_NO_NEWLINE = "\\ No newline at end of file\n"


def _lines(data: bytes | None) -> list[str]:
    return data.decode("utf-8").splitlines(keepends=True) if data else []


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


def render_diff(changes: tuple[FileChange, ...]) -> str:
    out = []
    for change in changes:
        path = change.path
        out.append(f"diff --git a/{path} b/{path}\n")
        if change.old is None:
            out.append(f"new file mode {change.mode:o}\n")
            out.extend(_hunks([], _lines(change.new), "/dev/null", f"b/{path}"))
        elif change.new is None:
            out.append(f"deleted file mode {change.mode:o}\n")
            out.extend(_hunks(_lines(change.old), [], f"a/{path}", "/dev/null"))
        else:
            out.extend(_hunks(_lines(change.old), _lines(change.new), f"a/{path}", f"b/{path}"))
    return "".join(out)
