"""The runtime Dockerfile built more than once (capability-classes §MC): `docker build -t app:1.2 .`
then `docker build -t app:latest .`, or a `--target` of it. Every such build read the same
extracted files, so the merged Dockerfile stands for each of them as it stands for the first, when
they give it the same inputs: the same context, platform and engine (its ignore file), the host's
files unchanged in between, and the same value for every build arg that a builder Dockerfile
declares or that a COPY/ADD source of the runtime names (the merged file resolves those once).
Tags and targets may differ (every stage of the merged file is rewritten, whichever one is built),
and so may `--no-cache` and the build args only the runtime's own stages read.

The script keeps these builds as they are; a builder build arg that the first build gets added
would be needed by each of them, which is refused for now (MIG506)."""

from __future__ import annotations

import re

from migrator.findings import refuse
from migrator.model import ImageBuild
from migrator.parse.dockerfile import Dockerfile
from migrator.plan.args import declared_args

_NAMED = re.compile(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)")


def check_rebuilds(runtime: ImageBuild, rebuilds: list[ImageBuild], runtime_file: Dockerfile,
                   builder_files: list[Dockerfile]) -> None:
    """Refuse a later build of the runtime Dockerfile that the merged file would not stand for."""
    shared = {name for dockerfile in builder_files for name in declared_args(dockerfile)} | {
        name for ins in runtime_file.instructions if ins.cmd in ("COPY", "ADD")
        for source in ins.args[:-1] for name in _NAMED.findall(source)}
    for again in rebuilds:
        if again.condition:
            raise refuse("MIG108", again.loc, command="docker build", construct=again.condition)
        why = _difference(runtime, again, shared)
        if why:
            raise refuse("MIG505", again.loc, dockerfile=runtime.dockerfile, first=str(runtime.loc), why=why)


def check_rebuild_args(rebuilds: list[ImageBuild], carried: tuple[str, ...]) -> None:
    """The builder's build args go onto the first runtime build only."""
    if rebuilds and carried:
        raise refuse("MIG506", rebuilds[0].loc, args=" ".join(carried))


def _difference(first: ImageBuild, again: ImageBuild, shared: set[str]) -> str | None:
    if again.context != first.context:
        return f"another build context ({again.context})"
    mine, theirs = _values(first, shared), _values(again, shared)
    if mine != theirs:
        name = min(n for n in mine.keys() | theirs.keys() if mine.get(n) != theirs.get(n))
        return f"build arg {name}, which a builder stage or a COPY source reads, is {_shown(theirs, name)} here " \
               f"and {_shown(mine, name)} there"
    if again.platform != first.platform:
        return f"another platform ({again.platform or 'the default'})"
    if again.engine != first.engine:
        return f"another engine ({again.engine}), whose ignore file may differ"
    if again.host != first.host:
        return "the host's files changed in between"
    return None


def _values(build: ImageBuild, names: set[str]) -> dict[str, str | None]:
    return {arg.name: arg.value for arg in build.build_args if arg.name in names}


def _shown(values: dict[str, str | None], name: str) -> str:
    if name not in values:
        return "unset"
    value = values[name]
    return "the host's value" if value is None else f"`{value}`"
