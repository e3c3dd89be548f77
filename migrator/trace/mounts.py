"""Bind mounts of `docker run`/`create` (capability-classes §RV): which host directory of the
repository a container wrote into, and at which container path.

An output mount (`-v "$PWD/out:/out"`) hands the host what the command writes under /out: for the
flow it is an extraction of /out into out/, made when the command runs. A source mount (`-v
"$PWD:/src"`) also shows the command the repository's files there: the plan copies them in from
the build context first. Anything else a mount can mean (a volume, the docker socket, a directory
outside the repository or changed by the script) refuses, naming the option.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from migrator.findings import refuse
from migrator.hostfs import EmptyDir, Kind, Removed, RepoContent
from migrator.trace.command import Command
from migrator.trace.docker_args import Args
from migrator.trace.state import TraceState
from migrator.trace.values import Value, to_repo_relative

# Mount flags that change nothing about the files: SELinux labels, macOS consistency hints.
_HARMLESS_FLAGS = {"rw", "z", "Z", "cached", "delegated", "consistent"}
_SOCKETS = ("/var/run/docker.sock", "/run/docker.sock", "/run/podman/podman.sock")


@dataclass(frozen=True)
class OutputMount:
    host: str  # repository-relative directory
    container: str  # absolute container path
    shows_repo: bool  # the directory holds repository files the command saw (a source mount)
    read_only: bool


def output_mounts(state: TraceState, command: Command, args: Args) -> tuple[OutputMount, ...]:
    mounts = []
    for option in args.parsed.options:
        if option.name == "--volumes-from":
            raise refuse("MIG606", command.loc, mount=args.source(option),
                         why="the command saw another container's volumes")
        if option.name == "--volume":
            mounts.append(_volume(state, command, args.source(option), args.value(option)))
        elif option.name == "--mount":
            mounts.append(_mount(state, command, args.source(option), args.value(option)))
    for i, mount in enumerate(mounts):
        if any(other.host == mount.host or other.container == mount.container for other in mounts[:i]):
            raise refuse("MIG606", command.loc, mount=mount.host, why="two mounts share a directory")
    return tuple(mounts)


def _volume(state: TraceState, command: Command, spelled: str, value: Value) -> OutputMount:
    """`-v SRC:DST[:FLAGS]`: SRC must be an absolute host path (anything else names a volume)."""
    text = value.literal
    if text is None:
        raise refuse("MIG103", command.loc, what="the mount", value=", ".join(value.unknown_names) or value.text)
    state.record.assume(value, command.loc, "the mount")
    parts = text.split(":")
    if len(parts) not in (2, 3) or not parts[0].startswith("/"):
        raise refuse("MIG606", command.loc, mount=spelled, why="it names a volume, not a directory of the host")
    flags = set(parts[2].split(",")) if len(parts) == 3 else set()
    if flags - _HARMLESS_FLAGS - {"ro"}:
        raise refuse("MIG606", command.loc, mount=spelled, why=f"mount flags {', '.join(sorted(flags))}")
    return _output(state, command, spelled, parts[0], parts[1], "ro" in flags)


def _mount(state: TraceState, command: Command, spelled: str, value: Value) -> OutputMount:
    """`--mount type=bind,source=SRC,target=DST`."""
    text = value.literal
    if text is None:
        raise refuse("MIG103", command.loc, what="the mount", value=", ".join(value.unknown_names) or value.text)
    state.record.assume(value, command.loc, "the mount")
    fields = dict(f.partition("=")[::2] for f in text.split(","))
    source = fields.pop("source", None) or fields.pop("src", None)
    target = fields.pop("target", None) or fields.pop("destination", None) or fields.pop("dst", None)
    if fields.pop("type", "volume") != "bind" or source is None or target is None:
        raise refuse("MIG606", command.loc, mount=spelled, why="only a bind mount of a host directory is modelled")
    read_only = fields.pop("readonly", None) is not None or fields.pop("ro", None) is not None
    if fields:
        raise refuse("MIG606", command.loc, mount=spelled, why=f"mount settings {', '.join(sorted(fields))}")
    if state.host.kind(to_repo_relative(posixpath.normpath(source)) or source) is None:
        raise refuse("MIG606", command.loc, mount=spelled,
                     why=f"docker refuses a --mount whose source {source} does not exist")
    return _output(state, command, spelled, source, target, read_only)


def _output(state: TraceState, command: Command, spelled: str, source: str, target: str,
            read_only: bool) -> OutputMount:
    source = posixpath.normpath(source)
    if source in _SOCKETS:
        raise refuse("MIG607", command.loc, mount=spelled)
    if not target.startswith("/"):
        raise refuse("MIG606", command.loc, mount=spelled, why="the container path is not absolute")
    host = to_repo_relative(source)
    if host is None:
        raise refuse("MIG606", command.loc, mount=spelled, why=f"{source} is outside the repository")
    if state.host.kind(host) not in (None, Kind.DIR):
        raise refuse("MIG606", command.loc, mount=spelled, why=f"{host} is not a directory")
    pieces = state.host.compose(host)
    if all(isinstance(piece.content, (EmptyDir, Removed)) for piece in pieces):
        return OutputMount(host, posixpath.normpath(target), False, read_only)
    # a directory of the checkout, as it was checked out: a COPY from the build context shows the
    # command the same files; anything the script changed there would be missing from that COPY
    if [piece.content for piece in pieces] != [RepoContent(host)]:
        raise refuse("MIG606", command.loc, mount=spelled,
                     why=f"the command saw what the script had put into {host}/, which a COPY does not")
    return OutputMount(host, posixpath.normpath(target), True, read_only)
