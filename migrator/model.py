"""Plain frozen values handed from one pipeline stage to the next.

Host paths are repo-relative POSIX strings ("." is the repo root). Container paths are absolute.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from migrator.findings import Finding
from migrator.hostfs import HostFiles, Kind
from migrator.source import Loc, Span


@dataclass(frozen=True)
class BuildArg:
    name: str
    value: str | None  # None: passed bare (`--build-arg K`), so taken from the environment
    source: str  # the flag exactly as the script wrote it, carried into the rewritten command


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
    no_cache: bool
    unsupported_options: tuple[str, ...]  # options we cannot carry over if this is a builder
    host: HostFiles  # the host's files when this build ran: what its context held
    condition: str | None  # e.g. "if at build.sh:4" when the build may not run
    engine: str = "docker"  # "podman" when the script ran podman or buildah


@dataclass(frozen=True)
class EnvSetting:
    """`-e NAME=VALUE` (VALUE as the script gave it, None when only known on the host) or `-e NAME`."""

    name: str
    value: str | None
    passed: bool  # `-e NAME`: the host's value, and unset stays unset
    source: str  # the option's value as the script spells it (`"LEVEL=$LEVEL"`), for a --build-arg


@dataclass(frozen=True)
class RunSettings:
    """What `docker run`/`create`/`exec` options give the process: -e, -w, -u."""

    env: tuple[EnvSetting, ...] = ()
    workdir: str | None = None
    user: str | None = None


@dataclass(frozen=True)
class ContainerRun:
    """A command that ran in a container before files were copied out of it: `docker run --name x
    IMG make`, `docker start x` of a created one, `docker exec x make`. The plan replays it as a
    RUN in a stage derived from the container's image, so that `COPY --from` sees what it made."""

    container: str
    args: tuple[str, ...]  # the words after the image (run, create) or after the container (exec)
    entrypoint: str | None  # --entrypoint ("" clears the image's); None: the image's
    through_entrypoint: bool  # run/start: ENTRYPOINT + (ARGS, else CMD); exec: ARGS alone
    settings: RunSettings  # exec's own -e/-w/-u, over the container's (run and start have none of their own)
    loc: Loc
    span: Span
    failure_ignored: bool  # the script went on when it failed (no `set -e`)
    background: bool = False  # detached (`run -d`, `start` without -a) and never waited for
    unresolved: tuple[str, ...] = ()  # words of its command the trace could not know
    refused_option: str | None = None  # an option no RUN reproduces (-t, -i, --privileged …)
    mount_points: tuple[str, ...] = ()  # container paths a host directory was bind-mounted on: empty when it ran
    mount_sources: tuple[tuple[str, str], ...] = ()  # (repository directory, container path) it showed there


@dataclass(frozen=True)
class Container:
    key: str
    image: str
    loc: Loc
    span: Span  # the command that creates it; for `id=$(docker create …)`, the assignment
    platform: str | None
    condition: str | None
    workdir_relative: bool = False  # podman: container paths without a leading / start at its WORKDIR
    settings: RunSettings = RunSettings()  # the -e/-w/-u it was created with: every command in it sees them


@dataclass(frozen=True)
class Extraction:
    container: str
    container_path: str
    target: str  # the host path it wrote (repo-relative)
    kind: Kind
    merged: bool  # into a directory that was already there
    loc: Loc
    span: Span
    follow_links: bool
    # the commands that had run in the container when it was copied from, as they stood then (a
    # detached one still running, a `docker wait` not yet reached)
    runs_before: tuple[ContainerRun, ...] = ()
    printed: bool = False  # the container's command printed it (`docker run IMG cat PATH > FILE`)


@dataclass(frozen=True)
class ContainerCommand:
    """`docker rm` or `docker wait` of containers, or a command reading one's stream (`| tar -x`):
    it goes when they do."""

    verb: str
    containers: tuple[str, ...]
    loc: Loc
    span: Span


@dataclass(frozen=True)
class ImageRemoval:
    images: tuple[str, ...]
    loc: Loc
    span: Span


class StepKind(Enum):
    """What a host command does to the files it names, as far as the migration must know."""

    EXTRACT = "docker cp"
    MKDIR = "mkdir"
    MOVE = "mv"
    COPY = "cp"
    REMOVE = "rm"
    CHMOD = "chmod"
    WRITE = "write"  # a redirect, touch: makes or changes a file
    INSPECT = "inspect"  # reads only: ls, test, stat, sha256sum …
    OTHER = "other"  # anything the tracer does not model


@dataclass(frozen=True)
class HostStep:
    """A host command that names repository paths, in script order, so that the plan can tell
    which ones only served the extraction (and go with it) and which use an artifact and stay."""

    kind: StepKind
    command: str
    loc: Loc
    span: Span
    reads: tuple[str, ...]
    writes: tuple[str, ...]
    globs: tuple[str, ...] = ()  # patterns it names that were not expanded (repo-relative)
    in_test: bool = False  # the test of an if/while: removing it would change the script's flow
    tolerates_missing: bool = False  # `rm -f`: a path that is not there is no error


@dataclass(frozen=True)
class ImageUse:
    """Any other docker command that names an image (push, tag, run, …); it is kept as it is."""

    command: str
    images: tuple[str, ...]
    loc: Loc
    span: Span
    verb: str = ""  # `run`: a throwaway container of the image (`docker run --rm IMG app --version`)


@dataclass(frozen=True)
class Guard:
    """A file test (`if [ ! -e out ]`, `[ -d bin ] ||`) the trace decided on the clean checkout plus
    the host state the script had made by then, and what it decided about."""

    text: str
    loc: Loc
    tests: frozenset[Span]  # the test's commands: removing them all removes the test
    verdict: bool
    paths: tuple[str, ...]  # the repository paths it tests
    on_checkout: bool | None  # its answer where only the checkout's own files exist
    controls: frozenset[Span]  # every command whose running it decides, both ways
    skips: frozenset[Span] = frozenset()  # those of them that do not run on a clean checkout
    skipped_docker: str | None = None  # a docker command among them, as written


@dataclass(frozen=True)
class Flow:
    """What a symbolic run of one script found, in script order."""

    script: str
    run_from: str  # the directory (relative to the repo) the script was traced from, and is run from
    runner: tuple[str, ...]  # how its users run it (from run_from): verify runs both flows so
    builds: tuple[ImageBuild, ...]
    containers: tuple[Container, ...]
    extractions: tuple[Extraction, ...]
    container_commands: tuple[ContainerCommand, ...]
    image_removals: tuple[ImageRemoval, ...]
    host_steps: tuple[HostStep, ...]
    image_uses: tuple[ImageUse, ...]
    warnings: tuple[Finding, ...]  # assumptions the trace made
    called: tuple[str, ...] = ()  # the other orchestration files it ran (`./scripts/extract.sh`)
    runs: tuple[ContainerRun, ...] = ()  # commands containers ran before the copies, in order
    guards: tuple[Guard, ...] = ()  # file tests decided on the clean checkout
    # directories the checkout lacks that the legacy flow needed on the host (`docker cp c:/app bin/`)
    absent_dirs: tuple[str, ...] = ()
    windows_host: bool = False  # it runs on Windows (a cmd or PowerShell file): no Unix modes on the host
    entry: str | None = None  # where in the start file the flow starts (a Makefile target, a CI job)


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
