"""Which container paths the builder certainly makes as files or as directories, from its own
Dockerfile.

`docker cp c:/w/app out/` does not say whether /w/app is a file or a directory, and some COPY
translations differ for the two (docker-semantics §1, §3). A RUN that writes the path through a
redirect (`> /w/app`, `>> /w/app`) or an output option (`-o /w/app`) made a file there; `mkdir`
and WORKDIR make directories, and so is every directory above a path made. Paths are followed
through WORKDIR and through `COPY --from` between the builder's own stages. A path the builder
makes both ways is left unknown; an output option ending with `/` (`go build -o /w/bin/`) names a
directory to write into.

The trace asks the same question (`kind_reader`) when a `docker cp` lands differently for a file and
a directory (capability-classes §TY)."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

from migrator.hostfs import Kind
from migrator.model import ImageBuild
from migrator.parse.dockerfile import Dockerfile, parse_dockerfile
from migrator.plan.stages import Stage, stage_chain, stages_of, target_stage

# the word after `>`, `>>` or `-o` / `--output`: what a command wrote as a file
_WRITTEN = re.compile(r"(?:(?<![<>&0-9])>{1,2}\s*|(?:^|\s)(?:-o|--output)(?:\s+|=))([\"']?)([^\s;&|<>\"')]+)\1")
# `mkdir [-p] [-m MODE] DIR…` up to the end of its command
_MKDIR = re.compile(r"(?:^|[;&|(]\s*|\s)mkdir((?:\s+[^\s;&|)]+)+)")


def kinds_made(build: ImageBuild, dockerfile: Dockerfile) -> dict[str, Kind]:
    """Container path -> FILE or DIR, for the paths the builder's final stage certainly has as such."""
    stages = stages_of(dockerfile)
    if not stages:
        return {}
    by_ref = {s.name: s for s in stages if s.name} | {str(s.index): s for s in stages}
    made: dict[int, dict[str, Kind | None]] = {}
    for stage in reversed(stage_chain(stages, target_stage(build, stages), follow_copies=True)):
        made[stage.index] = _made_in(stage, dockerfile, by_ref, made)
    return {path: kind for path, kind in made[target_stage(build, stages).index].items() if kind is not None}


def kind_reader(read: Callable[[str], bytes | None]) -> Callable[[ImageBuild, str], Kind | None]:
    """What BUILD's own Dockerfile certainly makes at a container path (None: no evidence), reading
    the Dockerfile through READ; a Dockerfile that cannot be read or parsed gives no evidence."""
    parsed: dict[str, Dockerfile | None] = {}

    def kind_of(build: ImageBuild, path: str) -> Kind | None:
        if build.dockerfile not in parsed:
            raw = read(build.dockerfile)
            try:
                parsed[build.dockerfile] = parse_dockerfile(build.dockerfile, raw.decode("utf-8", "surrogateescape")) \
                    if raw is not None else None
            except Exception:  # the plan reports a Dockerfile it cannot parse (MIG123)
                parsed[build.dockerfile] = None
        dockerfile = parsed[build.dockerfile]
        return kinds_made(build, dockerfile).get(path) if dockerfile is not None else None
    return kind_of


def files_made(build: ImageBuild, dockerfile: Dockerfile) -> frozenset[str]:
    return frozenset(p for p, kind in kinds_made(build, dockerfile).items() if kind is Kind.FILE)


def _made_in(stage: Stage, dockerfile: Dockerfile, by_ref: dict[str, Stage],
             made: dict[int, dict[str, Kind | None]]) -> dict[str, Kind | None]:
    base = by_ref.get(stage.base.lower())
    kinds: dict[str, Kind | None] = dict(made.get(base.index, {})) if base is not None else {}

    def saw(path: str, kind: Kind) -> None:
        if "$" not in path and path != "/dev/null":
            kinds[path] = kind if kinds.get(path, kind) is kind else None  # both ways: unknown
            parent = posixpath.dirname(path)
            if parent != path:
                saw(parent, Kind.DIR)  # what holds a file or directory made there is a directory

    workdir = "/"
    for i in stage.instructions:
        ins = dockerfile.instructions[i]
        if ins.cmd == "WORKDIR" and ins.args:
            workdir = posixpath.normpath(posixpath.join(workdir, ins.args[0]))
            saw(workdir, Kind.DIR)
        elif ins.cmd == "RUN":
            for path, made_kind in _run_made(ins.value, workdir):
                saw(path, made_kind)
        elif ins.cmd == "COPY" and (ref := ins.flag("from")) and len(ins.args) == 2:
            source = by_ref.get(ref.lower())
            if source is not None and source.index in made:
                src, dest = ins.args
                src = posixpath.normpath(posixpath.join("/", src))
                dest = posixpath.normpath(posixpath.join(workdir, dest))
                for path, kind in made[source.index].items():
                    if path.startswith(src.rstrip("/") + "/") and kind is not None:
                        saw(posixpath.join(dest, posixpath.relpath(path, src)), kind)
    return kinds


def _run_made(command: str, workdir: str) -> list[tuple[str, Kind]]:
    """The paths a RUN command writes as files or makes as directories."""
    made = []
    for _, path in _WRITTEN.findall(command):
        if not path.endswith("/"):  # `go build -o /w/bin/` writes into a directory
            made.append((posixpath.normpath(posixpath.join(workdir, path)), Kind.FILE))
    for words in _MKDIR.findall(command):
        for word in words.split():
            if not word.startswith("-") and not word.isdigit():
                made.append((posixpath.normpath(posixpath.join(workdir, word.strip("\"'"))), Kind.DIR))
    return made
