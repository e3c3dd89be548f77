"""A runtime COPY from the build context that takes in files the migration rewrites or deletes
(the script, the Dockerfiles): the image changes with them, and the user must know (MIG206)."""

from __future__ import annotations

from migrator.findings import Finding, finding
from migrator.hostfs import within
from migrator.model import ImageBuild
from migrator.parse.dockerfile import Dockerfile
from migrator.plan.copies import context_path
from migrator.plan.windows import copy_source, windows_paths
from migrator.source import Loc


def build_files_copied(runtime: ImageBuild, dockerfile: Dockerfile, changed: tuple[str, ...]) -> list[Finding]:
    """A context COPY that takes in files the migration rewrites or deletes (the script, the
    Dockerfiles): the image changes with them, and the user must know (MIG206)."""
    found = []
    windows = windows_paths(dockerfile)
    for ins in dockerfile.instructions:
        if ins.cmd not in ("COPY", "ADD") or ins.flag("from") is not None or len(ins.args) < 2:
            continue
        hosts = [context_path(runtime.context, copy_source(s, windows)) for s in ins.args[:-1]
                 if "://" not in s and "$" not in s]
        files = [f for f in changed if any(within(f, h) for h in hosts)]
        if files:
            found.append(finding("MIG206", Loc(dockerfile.path, ins.start + 1), keyword=ins.keyword,
                                 files=", ".join(files)))
    return found
