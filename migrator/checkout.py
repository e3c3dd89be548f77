"""The repository as a clean checkout: the files a migration reasons about.

A leftover `out/` from an earlier build, or any other untracked or git-ignored file, must not
change what `docker cp` does in the model, so when PATH lies in a git work tree its tracked files
are the repository (git decides, through `git ls-files`). Elsewhere every file under PATH is.
This module runs git, so it is one of the edges; the stages only see the RepoTree it returns."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from migrator.findings import refuse
from migrator.hostfs import RepoTree

# Never part of a build's model, whatever tracks them.
SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv"}


def read_checkout(repo: Path) -> RepoTree:
    """Raises Refusal (MIG123) for a folder that cannot be listed or a tracked file that cannot be
    looked at: what is in it could change the flow, so it is never taken for empty."""
    tracked = tracked_files(repo)
    if tracked is not None:
        return _tree(tracked)
    files = []
    for root, subdirs, names in os.walk(repo, onerror=lambda error: _unreadable(repo, error)):
        subdirs[:] = [d for d in subdirs if d not in SKIP_DIRS]
        rel_root = os.path.relpath(root, repo)
        files += [os.path.normpath(os.path.join(rel_root, n)).replace(os.sep, "/") for n in names]
    return _tree(files)


def tracked_files(repo: Path) -> list[str] | None:
    """The files git tracks under REPO that are in the working tree, relative to REPO; None when
    REPO is not in a git work tree, git tracks nothing under it, or git is not installed."""
    git = shutil.which("git")
    if git is None or not _inside_work_tree(repo):
        return None
    try:
        done = subprocess.run([git, "ls-files", "-z", "--cached", "--full-name", "--", "."], cwd=repo,
                              capture_output=True, timeout=60)
        top = subprocess.run([git, "rev-parse", "--show-prefix"], cwd=repo, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0 or top.returncode != 0:
        return None
    prefix = top.stdout.strip()
    paths = [p.decode("utf-8", "surrogateescape") for p in done.stdout.split(b"\0") if p]
    paths = [p[len(prefix):] for p in paths if p.startswith(prefix)]
    paths = [p for p in paths if not set(p.split("/")) & SKIP_DIRS and _in_working_tree(repo, p)]
    # nothing tracked here (a repository copied in, not yet added): the working tree is all there is
    return paths or None


def _in_working_tree(repo: Path, path: str) -> bool:
    """False for a tracked file deleted from the working tree; a refusal when it cannot be told."""
    try:
        os.lstat(repo / path)
    except FileNotFoundError:
        return False
    except OSError as error:
        _unreadable(repo, error)
    return True


def _unreadable(repo: Path, error: OSError) -> None:
    where = os.path.relpath(error.filename, repo).replace(os.sep, "/") if error.filename else "."
    if os.path.isdir(error.filename or repo):
        where = where.rstrip("/") + "/"
    raise refuse("MIG123", None, path=where, why=error.strerror) from None


def _inside_work_tree(repo: Path) -> bool:
    """Is there a `.git` at or above REPO? Asked before running git, which costs milliseconds a
    batch of thousands of repositories should not pay where no git work tree can be."""
    return any((directory / ".git").exists() for directory in (repo.resolve(), *repo.resolve().parents))


def _tree(files: list[str]) -> RepoTree:
    dirs = set()
    for path in files:
        parent = os.path.dirname(path)
        while parent and parent not in dirs:
            dirs.add(parent)
            parent = os.path.dirname(parent)
    return RepoTree(frozenset(files), frozenset(dirs))
