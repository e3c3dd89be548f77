"""Artifacts that leave a container as a stream (capability-classes §ST).

`docker run IMG cat /w/app > app`: the host file holds the bytes of /w/app, made anew by the
shell, so its mode is 0666 minus the umask (022 assumed: 0644) and the container's mode is lost.
For the flow it is an extraction of /w/app into app with that mode. Only `cat` of one absolute
path into a new file is followed; anything else a run prints into a file refuses.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from migrator.findings import finding, refuse
from migrator.trace.command import Command, Redirect
from migrator.trace.docker_args import Args
from migrator.trace.state import TraceState

_STDOUT = (">", "1>", ">|")
_CATS = ("cat", "/bin/cat", "/usr/bin/cat")
# a new file's mode: 0666 minus the host's umask, assumed 022
NEW_FILE_MODE = "0644"


@dataclass(frozen=True)
class CatStream:
    container_path: str
    target: str  # repository-relative host file


def cat_stream(state: TraceState, command: Command, args: Args) -> CatStream | None:
    """What `docker run … cat PATH > FILE` copies where; None when the run's output goes nowhere."""
    printed = [r for r in command.redirects if r.target is not None and r.fd in (None, 1) and (
        r.operator in _STDOUT or r.appends or r.operator in ("&>", ">&"))]
    if not printed and not command.in_pipeline:
        return None
    if command.in_pipeline or len(printed) != 1 or printed[0].operator not in _STDOUT:
        raise refuse("MIG136", command.loc, text=command.text)
    if args.parsed.has("-t", "--tty"):
        raise refuse("MIG620", command.loc, text=command.text,
                     why="with -t the terminal turns each LF into CRLF, and the run fails where there is none")
    argv = _argv(args)
    if len(argv) != 2 or argv[0] not in _CATS or argv[1] is None or not argv[1].startswith("/"):
        raise refuse("MIG136", command.loc, text=command.text)
    target = _target(state, command, printed[0])
    state.record.warnings[("umask", target)] = finding("MIG640", command.loc, target=target, mode=NEW_FILE_MODE)
    return CatStream(posixpath.normpath(argv[1]), target)


def _argv(args: Args) -> list[str | None]:
    """The run's own command: --entrypoint, then the words after the image. The image's ENTRYPOINT,
    which would come first, the plan checks (it knows the image)."""
    entrypoint = args.last("--entrypoint")
    words = [w.value.literal for w in args.positionals[1:]]
    return ([entrypoint.literal] if entrypoint is not None and entrypoint.literal != "" else []) + words


def _target(state: TraceState, command: Command, redirect: Redirect) -> str:
    assert redirect.target is not None
    target = state.repo_path(redirect.target)
    if target is None:
        raise refuse("MIG620", command.loc, text=command.text,
                     why="it prints into a file outside the repository, or one only known when the script runs")
    if state.host.kind(target) is not None:
        raise refuse("MIG620", command.loc, text=command.text,
                     why=f"{target} is there already, and a file the shell overwrites keeps its old mode")
    return target
