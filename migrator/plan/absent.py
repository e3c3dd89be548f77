"""A runtime COPY that reads a directory the checkout lacks (trace/absent_dirs.py) as a whole:
the legacy build saw whatever was left in it, so no merged build can be proven to give the same."""

from __future__ import annotations

from migrator.findings import refuse
from migrator.hostfs import within
from migrator.model import Flow, ImageBuild
from migrator.parse.dockerfile import Dockerfile
from migrator.plan.copies import context_path
from migrator.source import Loc


def check_absent_dirs_read(flow: Flow, runtime: ImageBuild, dockerfile: Dockerfile) -> None:
    if not flow.absent_dirs:
        return
    for ins in dockerfile.instructions:
        if ins.cmd not in ("COPY", "ADD") or ins.flag("from") is not None:
            continue
        for source in ins.args[:-1]:
            # a glob or a variable reads from the directory its literal part names
            literal = source.split("$")[0].split("*")[0].split("?")[0].split("[")[0]
            if "/" in literal and literal != source:
                literal = literal.rsplit("/", 1)[0]
            elif literal != source:
                literal = "."
            host = context_path(runtime.context, literal)
            for path in flow.absent_dirs:
                if within(path, host):
                    raise refuse("MIG501", Loc(dockerfile.path, ins.start + 1), source=source, path=path + "/")
