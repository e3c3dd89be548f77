"""Find the legacy flows in a repository: shell scripts (root and one level down) that run
`docker build`. Roles are decided by tracing each candidate, never by file names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from migrator.hostfs import RepoTree

_SHELL_SHEBANG = re.compile(rb"^#!\s*(?:/usr)?/bin/(?:env\s+)?(?:ba|da|k|z)?sh\b")
_DOCKER_BUILD = re.compile(r"\b(?:docker|podman)\b[^\n]*\bbuild\b")
# Hints that a script moves files out of a container (so a refusal there is about a real flow).
_EXTRACTION_HINT = re.compile(r"\b(?:docker|podman)\b[^\n]*\b(?:cp|export|create)\b"
                              r"|\b(?:docker|podman)\b[^\n]*\brun\b[^\n]*(?:\s-v\s|--volume|--mount|\s>)")
_OTHER_ORCHESTRATORS = re.compile(r"(?:^|/)(?:GNUmakefile|[Mm]akefile|[^/]*\.mk|[^/]*\.py|[^/]*\.ps1|[^/]*\.cmd|[^/]*\.bat)$")


@dataclass(frozen=True)
class Candidate:
    script: str  # repo-relative
    text: str
    mode: int
    has_extraction_hint: bool


def is_dockerfile_name(name: str) -> bool:
    """`Dockerfile`, `Dockerfile.build`, `build.Dockerfile`, and podman's `Containerfile` spellings."""
    lower = name.lower()
    return lower.startswith(("dockerfile", "containerfile")) or lower.endswith((".dockerfile", ".containerfile"))


def _shallow(path: str) -> bool:
    return path.count("/") <= 1


def find_candidates(repo: Path, tree: RepoTree) -> list[Candidate]:
    """Shell scripts at the root or one level down whose text runs `docker build`."""
    found = []
    for path in sorted(tree.files):
        if not _shallow(path):
            continue
        full = repo / path
        if not (path.endswith((".sh", ".bash")) or "." not in path.rsplit("/", 1)[-1]):
            continue
        try:
            raw = full.read_bytes()
        except OSError:
            continue
        if not (path.endswith((".sh", ".bash")) or _SHELL_SHEBANG.match(raw)):
            continue
        text = raw.decode("utf-8", errors="surrogateescape")  # round-trips any bytes
        if _DOCKER_BUILD.search(text):
            found.append(Candidate(path, text, full.stat().st_mode, bool(_EXTRACTION_HINT.search(text))))
    return found


def find_other_orchestrators(repo: Path, tree: RepoTree) -> list[str]:
    """Makefiles, Python, PowerShell and cmd files that seem to run an extraction."""
    found = []
    for path in sorted(tree.files):
        if _shallow(path) and _OTHER_ORCHESTRATORS.search(path):
            try:
                text = (repo / path).read_text(errors="replace")
            except OSError:
                continue
            if _EXTRACTION_HINT.search(text):
                found.append(path)
    return found
