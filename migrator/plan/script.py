"""What the build script loses: the builder's build, the extraction container, `docker cp`, the
`docker rm`/`rmi` of them, and the host steps that only served the extraction; which builder
Dockerfiles can be deleted."""

from __future__ import annotations

from migrator.findings import refuse
from migrator.model import Container, Flow, ImageBuild, ImageUse
from migrator.plan.naming import BuilderPlan
from migrator.source import Loc, Span


def removed_spans(flow: Flow, builder_builds: dict[str, ImageBuild | None], containers: dict[str, Container],
                  runtime: ImageBuild, host_spans: frozenset[Span]) -> frozenset[Span]:
    builders = {b for b in builder_builds.values() if b is not None}
    builder_tags = {t for b in builders for t in b.tags}
    removed: dict[Span, Loc] = {build.span: build.loc for build in builders}
    idle = {c.key for c in idle_containers(flow, set(builder_builds), builder_tags)}
    removed.update(_container_spans(flow, set(builder_builds) | idle, containers))
    for image_removal in flow.image_removals:
        what = "`docker rmi` removes the builder image"
        if _all_or_none(image_removal.images, builder_tags, image_removal.loc, what):
            removed[image_removal.span] = image_removal.loc
    for step in flow.host_steps:
        if step.span in host_spans:
            removed[step.span] = step.loc
    smoke = smoke_runs(flow, builder_tags)
    for use in flow.image_uses:
        hit = set(use.images) & builder_tags
        if use in smoke:
            removed[use.span] = use.loc
        elif hit:
            raise refuse("MIG114", use.loc, image=sorted(hit)[0])
    kept = [runtime.span, *(b.span for b in flow.builds if b not in builders),
            *(u.span for u in flow.image_uses if u not in smoke)]
    kept += [s.span for s in flow.host_steps if s.span not in host_spans]
    for span in kept:
        if span in removed:
            raise refuse("MIG147", removed[span], command="this line")
    return frozenset(removed)


def _container_spans(flow: Flow, flow_containers: set[str], containers: dict[str, Container]) -> dict[Span, Loc]:
    """The extraction containers' own commands: create/run, cp, start/exec (replayed in a derived
    stage, or after the last copy of no use to the image), rm and wait."""
    removed = {containers[key].span: containers[key].loc for key in flow_containers}
    removed.update((extraction.span, extraction.loc) for extraction in flow.extractions)
    for used in flow.container_commands:
        what = f"`docker {used.verb}` names the extraction container"
        if _all_or_none(used.containers, flow_containers, used.loc, what):
            removed[used.span] = used.loc
    removed.update((run.span, run.loc) for run in flow.runs if run.container in flow_containers)
    return removed


def idle_containers(flow: Flow, flow_containers: set[str], builder_tags: set[str]) -> list[Container]:
    """Containers of the builder image that nothing is copied from (`id=$(docker create app:build)`
    beside a `docker run app:build cat … > f`): they go with the image (a warning says so, MIG633)."""
    return [c for c in flow.containers if c.key not in flow_containers and c.image in builder_tags]


def smoke_runs(flow: Flow, builder_tags: set[str]) -> list[ImageUse]:
    """`docker run --rm <builder image> app --version`: a throwaway container of the builder image
    that no file is copied from; it goes with the image (a warning says so, MIG633)."""
    return [use for use in flow.image_uses if use.verb == "run" and set(use.images) & builder_tags]


def _all_or_none(names: tuple[str, ...], removable: set[str], loc: Loc, what: str) -> bool:
    """True when every name goes with the migration; refuse when only some do."""
    hits = set(names) & removable
    if hits and hits != set(names):
        raise refuse("MIG148", loc, what=what)
    return bool(hits)


def builder_files(builders: list[BuilderPlan], runtime: ImageBuild, flow: Flow,
                  references: dict[str, tuple[str, ...]]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(builder Dockerfiles to delete, builder Dockerfiles kept because something still uses them)."""
    delete: list[str] = []
    kept: list[str] = []
    for plan in builders:
        path = plan.build.dockerfile
        if path == runtime.dockerfile:
            raise refuse("MIG149", plan.build.loc, path=path)
        still_built = any(b.dockerfile == path and b not in {p.build for p in builders} for b in flow.builds)
        if references.get(path) or still_built:
            if path not in kept:
                kept.append(path)
        elif path not in delete:
            delete.append(path)
    return tuple(delete), tuple(kept)
