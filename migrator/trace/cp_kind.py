"""Whether the container path a `docker cp` copies is a file or a directory (capability-classes
§TY), when the spelling does not say (`c:/w/app/` and `c:/w/app/.` are directories).

`docker cp c:/w/app bin/` fails for a file when bin/ is missing and makes bin/ the directory's copy
for a directory; onto an existing file it overwrites a file and fails for a directory. The evidence
is the builder's own Dockerfile (plan/kinds.py: a RUN writing the path through `>` or `-o`, `mkdir`,
WORKDIR), read only for a container made from an image the script built, in which nothing ran
before the copy: a command run in the container may have changed what is there."""

from __future__ import annotations

from migrator.hostfs import Kind
from migrator.trace.state import TraceState


def builder_kind(state: TraceState, container_key: str, path: str) -> Kind:
    """FILE or DIR when the builder certainly makes PATH so; UNKNOWN otherwise."""
    container = state.record.containers.get(container_key)
    if state.builder_kind is None or container is None or any(r.container == container_key
                                                                for r in state.record.runs):
        return Kind.UNKNOWN
    made_by = [b for b in state.record.builds if container.image in b.tags]
    if not made_by or made_by[-1].condition:
        return Kind.UNKNOWN
    return state.builder_kind(made_by[-1], path) or Kind.UNKNOWN
