"""What a command handler may read and change while a script is traced: the working directory,
path resolution, the host's files, the recorder and the checkout. Handlers get this, never the
walker that reads the script, so every front end drives the same handlers."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from migrator.hostfs import HostFiles, Kind, RepoTree
from migrator.model import ImageBuild
from migrator.trace.command import Command
from migrator.trace.record import Recorder
from migrator.trace.values import Value, to_repo_relative

BuilderKind = Callable[[ImageBuild, str], Kind | None]


@dataclass(frozen=True)
class TarStream:
    """`docker cp CONTAINER:PATH -`: a tar of PATH on standard output."""

    container: str
    path: str  # absolute container path, as spelled (a trailing `/.` archives the contents)
    command: Command


@dataclass
class TraceState:
    tree: RepoTree
    cwd: Value
    host: HostFiles
    record: Recorder
    cidfiles: dict[str, str] = field(default_factory=dict)  # host path -> container key written there
    created: dict[str, Any] = field(default_factory=dict)  # container key -> what `docker start` runs (containers.py)
    engine: str = "docker"  # which CLI the command being handled belongs to
    errexit: bool = False  # `set -e` (or its equivalent): a failing command stops the script
    stream: TarStream | None = None  # what the next command of a pipeline reads (tar_stream.py)
    # what a build's own Dockerfile certainly makes at a container path (plan/kinds.py), for a
    # `docker cp` whose result differs for a file and a directory; None: no Dockerfile is read
    builder_kind: BuilderKind | None = None

    def resolve(self, path: Value) -> Value:
        """A path as the script means it, made absolute against the current directory."""
        literal = path.literal
        if literal is not None and literal.startswith("/"):
            return Value(Value.of(posixpath.normpath(literal)).parts, path.assumed, path.glob)
        if path.parts and isinstance(path.parts[0], str) and path.parts[0].startswith("/"):
            return path
        cwd = self.cwd.literal
        if cwd is None or literal is None:
            return Value(self.cwd.parts, self.cwd.assumed) + Value.of("/") + path
        joined = posixpath.normpath(posixpath.join(cwd, literal or "."))
        return Value(Value.of(joined).parts, path.assumed + self.cwd.assumed, path.glob)

    def repo_path(self, path: Value) -> str | None:
        """The repository-relative path PATH names, or None (outside the repository, or unknown)."""
        literal = self.resolve(path).literal
        return to_repo_relative(literal) if literal is not None else None
