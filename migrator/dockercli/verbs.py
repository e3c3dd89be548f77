"""Which docker (or podman, buildah) command a command line runs: global options skipped,
management-command spellings (`docker container cp`, `docker image build`, `docker buildx build`)
mapped to the verb they stand for, `sudo` and its options dropped."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from migrator.dockercli.options import GLOBAL_VALUE_OPTIONS

# (group, verb) -> the verb it stands for
ALIASES = {
    ("container", "create"): "create", ("container", "run"): "run", ("container", "cp"): "cp",
    ("container", "rm"): "rm", ("container", "remove"): "rm", ("container", "start"): "start",
    ("container", "exec"): "exec", ("container", "export"): "export",
    ("image", "build"): "build", ("buildx", "build"): "build", ("builder", "build"): "build",
    ("image", "rm"): "rmi", ("image", "remove"): "rmi", ("image", "push"): "push", ("image", "tag"): "tag",
}
GROUPS = {"container", "image", "buildx", "builder"}
# buildah's own spellings of what the migration cares about
BUILDAH_VERBS = {"bud": "build", "build": "build", "build-using-dockerfile": "build"}
_SUDO_VALUE_OPTIONS = {"-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U", "-T"}


@dataclass(frozen=True)
class Invocation:
    program: str  # "docker", "podman" or "buildah"
    verb: str | None  # None when the line names no verb
    verb_at: int  # index (in the words given) of the word that names the verb; -1 without one
    args_from: int  # index of the first argument after the verb


def strip_sudo(words: Sequence[str | None]) -> int:
    """How many leading words `sudo [options]` takes (0 when the line does not start with sudo)."""
    if not words or words[0] != "sudo":
        return 0
    i = 1
    while i < len(words) and (words[i] or "").startswith("-"):
        i += 2 if words[i] in _SUDO_VALUE_OPTIONS else 1
    return i


def invocation(words: Sequence[str | None]) -> Invocation:
    """WORDS start with the program name (`docker`, `podman`, `buildah`)."""
    program = words[0] or "docker"
    i = 1
    while i < len(words) and (words[i] or "").startswith("-"):
        flag = words[i] or ""
        i += 2 if flag in GLOBAL_VALUE_OPTIONS and "=" not in flag else 1
    if i >= len(words) or words[i] is None:
        return Invocation(program, None, -1, i)
    first = words[i]
    assert first is not None  # checked above
    if program == "buildah":
        return Invocation(program, BUILDAH_VERBS.get(first, first), i, i + 1)
    second = words[i + 1] if i + 1 < len(words) else None
    if first in GROUPS and second is not None:
        return Invocation(program, ALIASES.get((first, second), second), i + 1, i + 2)
    return Invocation(program, first, i, i + 1)
