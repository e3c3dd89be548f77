"""The runtime Dockerfile built more than once (capability-classes §MC): `docker build -t app:1.2 .`
then `docker build -t app:latest .`, or a `--target` of it. Every such build read the same
extracted files, so the merged Dockerfile stands for each of them as it stands for the first, when
they give it the same inputs: the same context, build args, platform and engine (its ignore
file), and the host's files unchanged in between. Tags and targets may differ (every stage of
the merged file is rewritten, whichever one is built), and so may `--no-cache`.

The script keeps these builds as they are; a builder build arg that the first build gets added
would be needed by each of them, which is refused for now (MIG506)."""

from __future__ import annotations

from migrator.findings import refuse
from migrator.model import ImageBuild


def check_rebuilds(runtime: ImageBuild, rebuilds: list[ImageBuild]) -> None:
    """Refuse a later build of the runtime Dockerfile that the merged file would not stand for."""
    for again in rebuilds:
        if again.condition:
            raise refuse("MIG108", again.loc, command="docker build", construct=again.condition)
        why = _difference(runtime, again)
        if why:
            raise refuse("MIG505", again.loc, dockerfile=runtime.dockerfile, first=str(runtime.loc), why=why)


def check_rebuild_args(rebuilds: list[ImageBuild], carried: tuple[str, ...]) -> None:
    """The builder's build args go onto the first runtime build only."""
    if rebuilds and carried:
        raise refuse("MIG506", rebuilds[0].loc, args=" ".join(carried))


def _difference(first: ImageBuild, again: ImageBuild) -> str | None:
    if again.context != first.context:
        return f"another build context ({again.context})"
    if sorted((a.name, a.value) for a in again.build_args) != sorted((a.name, a.value) for a in first.build_args):
        return "other build args"
    if again.platform != first.platform:
        return f"another platform ({again.platform or 'the default'})"
    if again.engine != first.engine:
        return f"another engine ({again.engine}), whose ignore file may differ"
    if again.host != first.host:
        return "the host's files changed in between"
    return None
