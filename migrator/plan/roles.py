"""Which builds are builders (their containers are extracted from) and which is the runtime (it
consumes what was extracted), decided from the trace, never from file names; and what about them
the merged build cannot keep."""

from __future__ import annotations

import posixpath
import re

from migrator.findings import refuse
from migrator.hostfs import Extracted
from migrator.model import Container, Flow, ImageBuild
from migrator.parse.dockerfile import Dockerfile
from migrator.plan.copies import context_path
from migrator.plan.copy_args import values_at, with_known_values
from migrator.plan.ignore import reads_context
from migrator.plan.stages import stage_chain, stages_of, target_stage
from migrator.plan.windows import copy_source, windows_paths
from migrator.source import Loc

# `chmod 4755`, `chmod u+s`, `install -m 2755`: a set-id bit made in the builder
_SETID = re.compile(r"\b(?:chmod|install\b[^\n;&|]*?-m)\s+(?:-\w+\s+)*(?:[2-7][0-7]{3}\b|[ugoa]*\+[rwxXt]*s)")


def builder_builds(flow: Flow, containers: dict[str, Container], override: str | None) -> dict[str, ImageBuild | None]:
    """Container key -> the build that made its image (None: an image the script does not build)."""
    out: dict[str, ImageBuild | None] = {}
    for extraction in flow.extractions:
        container = containers[extraction.container]
        made = [b for b in flow.builds if container.image in b.tags and b.loc.line <= container.loc.line] or [
            b for b in flow.builds if container.image in b.tags]
        if override is not None:
            made = [b for b in made if b.dockerfile == override]
            if not made:
                raise refuse("MIG150", container.loc, image=container.image, builder=override)
        if container.condition:
            raise refuse("MIG108", container.loc, command=f"docker create {container.image}",
                         construct=container.condition)
        if not made:
            if "$" in container.image or "<container" in container.image:
                raise refuse("MIG103", container.loc, what="the image of the container", value=container.image)
            out[extraction.container] = None
        else:
            out[extraction.container] = made[-1]
    return out


def check_builder(build: ImageBuild, dockerfiles: dict[str, Dockerfile]) -> None:
    if build.condition:
        raise refuse("MIG108", build.loc, command="docker build", construct=build.condition)
    if build.unsupported_options:
        raise refuse("MIG113", build.loc, option=build.unsupported_options[0], verb="build")
    if build.dockerfile not in dockerfiles:
        raise refuse("MIG123", build.loc, path=build.dockerfile, why="no such file in the repository")


def check_platform(build: ImageBuild, runtime: ImageBuild) -> None:
    """One merged build runs every stage for the runtime's platform (docker-semantics §6)."""
    if build.platform is not None and build.platform != runtime.platform:
        raise refuse("MIG121", build.loc, first=build.platform, second=runtime.platform or "the default platform")


def check_set_id_bits(build: ImageBuild, dockerfile: Dockerfile) -> None:
    """The legacy COPY from the build context dropped setuid and setgid bits (the classic builder and
    buildah do; buildah#574), COPY --from keeps them: a builder that makes one cannot be proven."""
    stages = stages_of(dockerfile)
    final = target_stage(build, stages)
    for stage in stage_chain(stages, final, follow_copies=True):
        for i in stage.instructions:
            ins = dockerfile.instructions[i]
            setid = _SETID.search(ins.value) if ins.cmd == "RUN" else None
            if setid is not None:
                raise refuse("MIG127", Loc(dockerfile.path, ins.start + 1), text=setid.group(0))


def runtime_build(flow: Flow, builders: dict[str, ImageBuild | None], dockerfiles: dict[str, Dockerfile],
                  override: str | None) -> ImageBuild:
    builder_set = {b for b in builders.values() if b is not None}
    candidates = [b for b in flow.builds if b not in builder_set and _after_extraction(b, flow)]
    if override is not None:
        candidates = [b for b in candidates if b.dockerfile == override]
    consuming = [b for b in candidates if b.dockerfile in dockerfiles and reads_extracted(b, dockerfiles)]
    chained = next((b for b in builder_set if reads_extracted(b, dockerfiles)), None)
    if chained is not None:
        raise refuse("MIG119", chained.loc)
    # the runtime Dockerfile built again is plan/rebuilds.py's question
    others = [b for b in consuming if b.dockerfile != consuming[0].dockerfile]
    if others:
        raise refuse("MIG143", others[0].loc, first=str(consuming[0].loc), second=str(others[0].loc))
    if not consuming:
        for b in candidates:
            if b.dockerfile not in dockerfiles:
                raise refuse("MIG123", b.loc, path=b.dockerfile, why="no such file in the repository")
        first = flow.extractions[0]
        raise refuse("MIG107", first.loc, path=first.target)
    runtime = consuming[0]
    if runtime.condition:
        raise refuse("MIG108", runtime.loc, command="docker build", construct=runtime.condition)
    return runtime


def runtime_rebuilds(flow: Flow, runtime: ImageBuild, builders: list[ImageBuild]) -> list[ImageBuild]:
    """The later builds of the runtime's Dockerfile (capability-classes §MC)."""
    return [b for b in flow.builds if b.dockerfile == runtime.dockerfile and b is not runtime and b not in builders
            and _after_extraction(b, flow)]


def _after_extraction(build: ImageBuild, flow: Flow) -> bool:
    return any(isinstance(layer.content, Extracted) for layer in build.host.layers)


def reads_extracted(build: ImageBuild, dockerfiles: dict[str, Dockerfile]) -> bool:
    """Does a COPY/ADD of this build read something extracted from a container?"""
    if build.dockerfile not in dockerfiles:
        return False
    dockerfile = dockerfiles[build.dockerfile]
    windows = windows_paths(dockerfile)
    values = values_at(build, dockerfile)
    for index, ins in enumerate(dockerfile.instructions):
        if ins.cmd in ("COPY", "ADD") and ins.flag("from") is None and len(ins.args) >= 2:
            for source in ins.args[:-1]:
                if "://" in source:
                    continue
                spelled = copy_source(with_known_values(source, values.get(index, {})), windows)
                prefix = spelled.split("$")[0]
                if "$" in spelled:  # an unknown value may complete any name in that directory
                    prefix = prefix if prefix.endswith("/") else posixpath.dirname(prefix)
                host = context_path(build.context, prefix.split("*")[0] or ".")
                if build.host.extracted(host):
                    return True
    return False


def check_contexts(runtime: ImageBuild, builders: list[ImageBuild], dockerfiles: dict[str, Dockerfile]) -> None:
    """The merged build reads every stage's context from the runtime's (capability-classes §CX): a
    builder with another context must not read its own."""
    for build in builders:
        if build.context != runtime.context and reads_context(dockerfiles[build.dockerfile]):
            raise refuse("MIG110", build.loc, builder=build.context, runtime=runtime.context)
