"""Find the legacy flows in a repository: every front end lists the files it reads that may hold
one (frontends/registry.py); roles are then decided by tracing each, never by file names."""

from __future__ import annotations

import os
import re
from pathlib import Path

from migrator.findings import refuse
from migrator.frontends.base import Reader, Source
from migrator.frontends.registry import FRONT_ENDS, front_end_for
from migrator.frontends.shell.parse import MAX_SCRIPT_BYTES
from migrator.hostfs import RepoTree
from migrator.safe_read import TooLarge, read_regular
from migrator.source import Loc


# Orchestration files no front end reads yet.
def is_dockerfile_name(name: str) -> bool:
    """`Dockerfile`, `Dockerfile.build`, `build.Dockerfile`, and podman's `Containerfile` spellings."""
    lower = name.lower()
    return lower.startswith(("dockerfile", "containerfile")) or lower.endswith((".dockerfile", ".containerfile"))


def reader(repo: Path) -> Reader:
    """How front ends read the repository's files: None when nothing is there (a dangling link),
    or for a file over the size limit that no front end reads; a refusal for a file that cannot be
    read (a FIFO, a symlink loop, no permission) or one a front end would read over the limit, so
    an unreadable script never passes for "nothing to migrate"."""
    def read(path: str) -> bytes | None:
        try:
            return read_regular(repo / path, MAX_SCRIPT_BYTES)
        except FileNotFoundError:
            return None
        except TooLarge as big:
            if front_end_for(path, big.head) is None:
                return None
            raise refuse("MIG151", Loc(path, 1), path=path, size=big.size, limit=big.limit) from None
        except OSError as error:
            raise refuse("MIG123", None, path=path, why=error.strerror) from None
    return read


def find_sources(repo: Path, tree: RepoTree) -> list[Source]:
    """Every flow the front ends find; a file found also through a symbolic link to it (`build.sh
    -> ci/build.sh`) is one flow, found at the file itself (a rewrite goes through the link)."""
    read = reader(repo)
    found = [source for front_end in FRONT_ENDS.values() for source in front_end.find(tree, read)]
    real = {(s.path, s.entry): os.path.realpath(repo / s.path) for s in found}
    links = {s.path for s in found if os.path.islink(repo / s.path)}
    kept = {(real[s.path, s.entry], s.entry) for s in found if s.path not in links}
    return [s for s in found if s.path not in links or (real[s.path, s.entry], s.entry) not in kept]


def forced_source(repo: Path, path: str, entry: str | None = None) -> Source | None:
    """The file --script names (from ENTRY, a Makefile target or a CI job, when given), read by
    whichever front end claims it (None: none does)."""
    raw = reader(repo)(path)
    if raw is None:
        return None
    front_end = front_end_for(path, raw[:128])
    if front_end is None:
        return None
    return Source(path, raw.decode("utf-8", errors="surrogateescape"), front_end.name, True, entry)


_BUILDS = re.compile(rb"\b(?:docker|podman|buildah)\b[^\n]*\b(?:build|bud)\b")
_DEEP_SCRIPTS_READ = 200  # a hint is not worth reading a whole monorepo for


def nothing_found(repo: Path, tree: RepoTree) -> str:
    """Why no source was found: where discovery looked and, when a script deeper down runs a
    build, the --script that picks it."""
    if not tree.files:
        return "there are no files here (in a git work tree: git tracks none under this folder)"
    deeper = _deeper_build_scripts(repo, tree)
    looked = "looked at shell scripts at the root and one level down"
    if deeper:
        return f"no build script found ({looked}); {deeper[0]} runs a build deeper down: try `--script {deeper[0]}`"
    return f"no build script found ({looked}); name one deeper down with --script"


def _deeper_build_scripts(repo: Path, tree: RepoTree) -> list[str]:
    candidates = [p for p in sorted(tree.files, key=lambda p: (p.count("/"), p))
                  if p.count("/") > 1 and front_end_for(p, b"") is not None][:_DEEP_SCRIPTS_READ]
    found = []
    for path in candidates:
        try:
            if _BUILDS.search(read_regular(repo / path, MAX_SCRIPT_BYTES)):
                found.append(path)
        except (OSError, TooLarge):
            continue  # only a hint: a file that cannot be read is not suggested
    return found
