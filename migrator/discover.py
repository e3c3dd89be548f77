"""Find the legacy flows in a repository: every front end lists the files it reads that may hold
one (frontends/registry.py); roles are then decided by tracing each, never by file names."""

from __future__ import annotations

import re
from pathlib import Path

from migrator.frontends.base import Source
from migrator.frontends.registry import FRONT_ENDS, front_end_for
from migrator.frontends.shell import EXTRACTION_HINT
from migrator.hostfs import RepoTree

# Orchestration files no front end reads yet.
_OTHER_ORCHESTRATORS = re.compile(r"(?:^|/)(?:GNUmakefile|[Mm]akefile|[^/]*\.mk|[^/]*\.ps1|[^/]*\.cmd|"
                                  r"[^/]*\.bat)$")


def is_dockerfile_name(name: str) -> bool:
    """`Dockerfile`, `Dockerfile.build`, `build.Dockerfile`, and podman's `Containerfile` spellings."""
    lower = name.lower()
    return lower.startswith(("dockerfile", "containerfile")) or lower.endswith((".dockerfile", ".containerfile"))


def reader(repo: Path):
    def read(path: str) -> bytes | None:
        try:
            return (repo / path).read_bytes()
        except OSError:
            return None
    return read


def find_sources(repo: Path, tree: RepoTree) -> list[Source]:
    read = reader(repo)
    return [source for front_end in FRONT_ENDS.values() for source in front_end.find(tree, read)]


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


def find_other_orchestrators(repo: Path, tree: RepoTree) -> list[str]:
    """Makefiles, Python, PowerShell and cmd files that seem to run an extraction."""
    found = []
    read = reader(repo)
    for path in sorted(tree.files):
        if path.count("/") <= 1 and _OTHER_ORCHESTRATORS.search(path):
            raw = read(path)
            if raw is not None and EXTRACTION_HINT.search(raw.decode("utf-8", errors="replace")):
                found.append(path)
    return found
