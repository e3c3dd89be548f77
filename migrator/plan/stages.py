"""Stages of a parsed Dockerfile, and the stage-name rules BuildKit enforces (docker-semantics §9)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from migrator.findings import refuse
from migrator.model import ImageBuild
from migrator.parse.dockerfile import Dockerfile, Instruction

_VALID_NAME = re.compile(r"^[a-z][a-z0-9\-_.]*$")
RESERVED_NAMES = {"scratch", "context"}


@dataclass(frozen=True)
class Stage:
    index: int
    from_index: int  # index of its FROM in Dockerfile.instructions
    base: str
    name: str | None  # lowercased, as BuildKit looks it up
    instructions: tuple[int, ...]  # indices of the instructions that belong to it, FROM included
    copies_from: tuple[str, ...] = ()  # the --from references of its COPY/ADD instructions


def stages_of(dockerfile: Dockerfile) -> list[Stage]:
    stages: list[Stage] = []
    current: list[int] = []
    for i, ins in enumerate(dockerfile.instructions):
        if ins.cmd == "FROM":
            if current:
                stages.append(_stage(dockerfile, len(stages), current))
            current = [i]
        elif current:
            current.append(i)
    if current:
        stages.append(_stage(dockerfile, len(stages), current))
    return stages


def _stage(dockerfile: Dockerfile, index: int, members: list[int]) -> Stage:
    base, name = from_parts(dockerfile.instructions[members[0]])
    copies = tuple(ref for i in members if (ref := dockerfile.instructions[i].flag("from")) is not None)
    return Stage(index, members[0], base, name, tuple(members), copies)


def from_parts(ins: Instruction) -> tuple[str, str | None]:
    args = ins.args
    if len(args) >= 3 and args[1].lower() == "as":
        return args[0], args[2].lower()
    return (args[0] if args else ""), None


def global_args(dockerfile: Dockerfile) -> list[int]:
    """Indices of the ARG instructions before the first FROM."""
    out = []
    for i, ins in enumerate(dockerfile.instructions):
        if ins.cmd == "FROM":
            break
        if ins.cmd == "ARG":
            out.append(i)
    return out


def stage_chain(stages: list[Stage], final: Stage, follow_copies: bool = False) -> list[Stage]:
    """The final stage and the stages it is built FROM, nearest first; with FOLLOW_COPIES also the
    stages its COPY --from instructions read (and theirs): every stage its files can come from."""
    by_ref = {s.name: s for s in stages if s.name} | {str(s.index): s for s in stages}
    chain: list[Stage] = []
    todo = [final]
    while todo:
        current = todo.pop(0)
        if current in chain:
            continue
        chain.append(current)
        if current.base.lower() in by_ref:
            todo.append(by_ref[current.base.lower()])
        if follow_copies:
            todo += [by_ref[ref.lower()] for ref in current.copies_from if ref.lower() in by_ref]
    return chain


def target_stage(build: ImageBuild, stages: list[Stage]) -> Stage:
    """The stage a build stops at: its --target, or the last one."""
    if build.target is None:
        return stages[-1]
    for stage in stages:
        if stage.name == build.target.lower():
            return stage
    raise refuse("MIG122", build.loc, why=f"--target {build.target} names no stage of {build.dockerfile}")


def stage_name_from_tag(tag: str | None) -> str:
    """`alexellis2/href-counter:build` -> `href-counter-build`; no tag -> `builder`."""
    if not tag:
        return "builder"
    tag = re.sub(r"\$\{?[A-Za-z0-9_@*#?]*(?::?[-=+?][^}]*)?\}?", "", tag)
    repo, _, version = tag.rpartition(":") if ":" in tag.rsplit("/", 1)[-1] else (tag, "", "")
    base = repo.rsplit("/", 1)[-1]
    if version and version != "latest":
        name = f"{base}-{version}"
    else:
        name = base if re.search(r"build|compile", base) else f"{base}-builder"
    name = re.sub(r"[^a-z0-9\-_.]+", "-", name.lower()).strip("-_.")
    name = re.sub(r"-{2,}", "-", name)
    if not name or not name[0].isalpha():
        name = f"stage-{name}" if name else "builder"
    return name


def unique_name(wanted: str, taken: set[str]) -> str:
    """`wanted`, or `wanted-2`, `wanted-3`…, avoiding taken and reserved names."""
    name, n = wanted, 1
    while name in taken or name in RESERVED_NAMES or not _VALID_NAME.match(name):
        n += 1
        name = f"{wanted}-{n}"
    return name
