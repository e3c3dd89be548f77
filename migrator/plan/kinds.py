"""Which container paths the builder certainly makes as files, from its own Dockerfile.

`docker cp c:/w/app out/` does not say whether /w/app is a file or a directory, and some COPY
translations differ for the two (docker-semantics §1, §3). A RUN that writes the path through a
redirect (`> /w/app`, `>> /w/app`) or an output option (`-o /w/app`) made a file there. Paths are
followed through WORKDIR and through `COPY --from` between the builder's own stages."""

from __future__ import annotations

import posixpath
import re

from migrator.model import ImageBuild
from migrator.parse.dockerfile import Dockerfile
from migrator.plan.stages import Stage, stage_chain, stages_of, target_stage

# the word after `>`, `>>` or `-o` / `--output`: what a command wrote as a file
_WRITTEN = re.compile(r"(?:(?<![<>&0-9])>{1,2}\s*|(?:^|\s)(?:-o|--output)(?:\s+|=))([\"']?)([^\s;&|<>\"')]+)\1")


def files_made(build: ImageBuild, dockerfile: Dockerfile) -> frozenset[str]:
    stages = stages_of(dockerfile)
    if not stages:
        return frozenset()
    by_ref = {s.name: s for s in stages if s.name} | {str(s.index): s for s in stages}
    made: dict[int, set[str]] = {}
    for stage in reversed(stage_chain(stages, target_stage(build, stages), follow_copies=True)):
        made[stage.index] = _made_in(stage, dockerfile, by_ref, made)
    return frozenset(made[target_stage(build, stages).index])


def _made_in(stage: Stage, dockerfile: Dockerfile, by_ref: dict[str, Stage], made: dict[int, set[str]]) -> set[str]:
    base = by_ref.get(stage.base.lower())
    files = set(made.get(base.index, set())) if base is not None else set()
    workdir = "/"
    for i in stage.instructions:
        ins = dockerfile.instructions[i]
        if ins.cmd == "WORKDIR" and ins.args:
            workdir = posixpath.normpath(posixpath.join(workdir, ins.args[0]))
        elif ins.cmd == "RUN":
            for _, path in _WRITTEN.findall(ins.value):
                if "$" not in path and path != "/dev/null":
                    files.add(posixpath.normpath(posixpath.join(workdir, path)))
        elif ins.cmd == "COPY" and ins.flag("from") and len(ins.args) == 2:
            source = by_ref.get(ins.flag("from").lower())
            if source is not None and source.index in made:
                src, dest = ins.args
                src = posixpath.normpath(posixpath.join("/", src))
                dest = posixpath.normpath(posixpath.join(workdir, dest))
                for path in made[source.index]:
                    if path.startswith(src.rstrip("/") + "/"):
                        files.add(posixpath.join(dest, posixpath.relpath(path, src)))
    return files
