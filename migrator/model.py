"""Plain frozen values handed from one pipeline stage to the next.

Host paths are repo-relative POSIX strings ("." is the repo root). Container paths are absolute.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Loc:
    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class RepoTree:
    """The repository's files and directories (repo-relative), read once by discover."""

    files: frozenset[str]
    dirs: frozenset[str]

    def is_dir(self, path: str) -> bool:
        return path == "." or path in self.dirs


@dataclass(frozen=True)
class Span:
    """Character offsets [start, end) of a command in its script's text."""

    start: int
    end: int


@dataclass(frozen=True)
class BuildArg:
    name: str
    value: str | None  # None: passed bare (`--build-arg K`), so taken from the environment
    source: str  # the flag exactly as the script wrote it, carried into the rewritten command


@dataclass(frozen=True)
class HostArtifact:
    """A path on the host that holds what a `docker cp` extracted, at a point in the script."""

    host_path: str
    container: str  # key of the Container it came from
    container_path: str
    merged: bool  # the copy merged into a directory that already existed on the host
    known_dir: bool  # the container path is a directory for sure (it ended in / or /.)
    extracted_at: Loc


@dataclass(frozen=True)
class ImageBuild:
    loc: Loc
    span: Span
    dockerfile: str
    context: str
    tags: tuple[str, ...]
    build_args: tuple[BuildArg, ...]
    target: str | None
    platform: str | None
    no_cache: Span | None  # where `--no-cache` is written, so the rewrite can drop it
    verb_end: int  # offset just after `build`, where carried-over flags are inserted
    unsupported_options: tuple[str, ...]  # options we cannot carry over if this is a builder
    artifacts: tuple[HostArtifact, ...]  # what lay on the host when this build ran
    condition: str | None  # e.g. "if at build.sh:4" when the build may not run


@dataclass(frozen=True)
class Container:
    key: str
    image: str
    loc: Loc
    span: Span  # the command that creates it; for `id=$(docker create …)`, the assignment
    platform: str | None
    condition: str | None


@dataclass(frozen=True)
class Extraction:
    container: str
    container_path: str
    artifact: HostArtifact
    loc: Loc
    span: Span
    follow_links: bool


@dataclass(frozen=True)
class ContainerRemoval:
    containers: tuple[str, ...]
    loc: Loc
    span: Span


@dataclass(frozen=True)
class ImageRemoval:
    images: tuple[str, ...]
    loc: Loc
    span: Span


@dataclass(frozen=True)
class HostEdit:
    """mkdir / rm / mv / cp on the host that only touched extracted artifacts or their staging dirs."""

    command: str
    loc: Loc
    span: Span
    paths: tuple[str, ...]


@dataclass(frozen=True)
class ImageUse:
    """Any other docker command that names an image (push, tag, run, …); it is kept as it is."""

    command: str
    images: tuple[str, ...]
    loc: Loc
    span: Span


@dataclass(frozen=True)
class Flow:
    """What a symbolic run of one script found, in script order."""

    script: str
    run_from: str  # the directory (relative to the repo) the script was traced from, and is run from
    builds: tuple[ImageBuild, ...]
    containers: tuple[Container, ...]
    extractions: tuple[Extraction, ...]
    container_removals: tuple[ContainerRemoval, ...]
    image_removals: tuple[ImageRemoval, ...]
    host_edits: tuple[HostEdit, ...]
    image_uses: tuple[ImageUse, ...]
    warnings: tuple  # of findings.Finding: assumptions the trace made


@dataclass(frozen=True)
class FileChange:
    path: str
    old: bytes | None  # None: a new file
    new: bytes | None  # None: deleted
    mode: int = 0o100644


@dataclass(frozen=True)
class ArtifactMove:
    """One artifact's whole journey, for explain, JSON and pull-request text."""

    container_path: str
    stage: str
    host_path: str
    extracted_at: Loc
    instruction: str
    instruction_at: Loc
