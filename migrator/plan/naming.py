"""Stage names in the merged file: the builder's stages come first and must not clash with the
runtime's stages or with any image either file names; references to a builder's tag, or to a
runtime stage by number (the numbers shift once builder stages come first), become names."""

from __future__ import annotations

import re
from dataclasses import dataclass

from migrator.dockercli.images import normalize_image
from migrator.findings import refuse
from migrator.model import ImageBuild
from migrator.parse.dockerfile import Dockerfile
from migrator.plan.stages import stage_name_from_tag, stages_of, target_stage, unique_name
from migrator.source import Loc


@dataclass(frozen=True)
class BuilderPlan:
    build: ImageBuild
    dockerfile: Dockerfile
    stage_names: dict[int, str]  # stage index -> name it gets in the merged file (new or renamed)
    renamed: dict[str, str]  # old stage name -> new, for references inside the builder file
    final_stage: str
    arg_renames: dict[str, str]  # global ARG -> the name it gets so that the runtime's stages cannot see it


def name_builder_stages(build: ImageBuild, dockerfile: Dockerfile, taken: set[str],
                        runtime_file: Dockerfile) -> BuilderPlan:
    stages = stages_of(dockerfile)
    if not stages:
        raise refuse("MIG123", build.loc, path=build.dockerfile, why="it has no FROM instruction")
    own = {s.name for s in stages if s.name} | {str(s.index) for s in stages}
    image_refs = image_refs_of(runtime_file) | (image_refs_of(dockerfile) - own)
    renamed: dict[str, str] = {}
    names: dict[int, str] = {}
    for stage in stages:
        if stage.name and (stage.name in taken or stage.name in image_refs):
            new = unique_name(stage.name, taken | image_refs | {s.name for s in stages if s.name})
            renamed[stage.name] = new
            names[stage.index] = new
    final = target_stage(build, stages)
    if final.name is None:
        derived = stage_name_from_tag(build.tags[0] if build.tags else None)
        names[final.index] = unique_name(derived, taken | image_refs | {s.name for s in stages if s.name})
    final_name = names.get(final.index) or final.name or ""
    taken.update(s.name for s in stages if s.name)
    taken.update(names.values())
    return BuilderPlan(build, dockerfile, names, renamed, final_name, {})


def image_refs_of(dockerfile: Dockerfile) -> set[str]:
    refs = set()
    for ins in dockerfile.instructions:
        if ins.cmd == "FROM" and ins.args:
            refs.add(ins.args[0].lower())
        source = ins.flag("from")
        if source:
            refs.add(source.lower())
    return refs


def rewrite_references(runtime_file: Dockerfile, builders, taken: set[str]
                       ) -> tuple[dict[int, dict[str, str]], dict[int, str]]:
    """FROM/COPY --from naming a builder tag -> its stage; numeric --from=N -> a stage name."""
    tag_to_stage = {}
    for plan in builders:
        for tag in plan.build.tags:
            tag_to_stage[tag] = plan.final_stage
    stages = stages_of(runtime_file)
    names: dict[int, str] = {}
    rewrites: dict[int, dict[str, str]] = {}
    for index, ins in enumerate(runtime_file.instructions):
        refs = {}
        if ins.cmd == "FROM" and ins.args and normalize_image(ins.args[0]) in tag_to_stage:
            refs[ins.args[0]] = tag_to_stage[normalize_image(ins.args[0])]
        source = ins.flag("from")
        if source is not None:
            if source.isdigit() and int(source) < len(stages):
                stage = stages[int(source)]
                if stage.name is None:
                    names.setdefault(stage.index, unique_name(f"stage-{stage.index}", taken))
                    taken.add(names[stage.index])
                refs[source] = stage.name or names[stage.index]
            elif normalize_image(source) in tag_to_stage:
                refs[source] = tag_to_stage[normalize_image(source)]
        if ins.cmd == "RUN" and re.search(r"--mount=\S*\bfrom=\d+\b", ins.value):
            raise refuse("MIG146", Loc(runtime_file.path, ins.start + 1))
        if refs:
            rewrites[index] = refs
    return rewrites, names
