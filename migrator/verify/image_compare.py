"""Two images -> the list of what differs: every path's type, mode, owner, size, content, link
target and extended attributes, and the config keys that change how a container runs. Pure: it reads an export
stream and
config dicts that the engine module hands over, and returns plain data."""

from __future__ import annotations

import hashlib
import json
import tarfile
from collections.abc import Mapping
from dataclasses import dataclass
from typing import IO

# The config keys that change what a container does; the rest (Hostname, Image, …) are bookkeeping.
CONFIG_KEYS = ("Entrypoint", "Cmd", "Env", "WorkingDir", "User", "ExposedPorts", "Volumes", "Labels",
               "StopSignal", "Healthcheck", "OnBuild", "Shell", "Architecture", "Os")
# Keys an image inspection holds beside its Config rather than inside it.
TOP_LEVEL_KEYS = ("Architecture", "Os")
_XATTR_PREFIX = "SCHILY.xattr."
# The label verify's docker front marks each build with, to find that build's intermediate images.
BUILD_LABEL = "io.github.migrator.verify-build"
# Labels an engine or verify writes by itself, whatever the Dockerfile says.
ENGINE_LABELS = frozenset({"io.buildah.version", BUILD_LABEL})

_KINDS = {tarfile.REGTYPE: "file", tarfile.AREGTYPE: "file", tarfile.CONTTYPE: "file", tarfile.DIRTYPE: "directory",
          tarfile.SYMTYPE: "symlink", tarfile.CHRTYPE: "char device", tarfile.BLKTYPE: "block device",
          tarfile.FIFOTYPE: "fifo"}


@dataclass(frozen=True)
class PathEntry:
    kind: str
    mode: int
    uid: int
    gid: int
    size: int
    sha256: str | None  # files only
    link: str | None  # symlinks only
    xattrs: tuple[tuple[str, str], ...] = ()  # extended attributes (security.capability …), sorted


@dataclass(frozen=True)
class ImageSnapshot:
    paths: Mapping[str, PathEntry]
    config: Mapping[str, object]  # CONFIG_KEYS only, engine labels dropped, empty values as None


@dataclass(frozen=True)
class Difference:
    change: str  # "added", "removed", "changed", "config"
    subject: str  # a path, or a config key
    detail: str

    def __str__(self) -> str:
        if self.change == "config":
            return f"config {self.subject}: {self.detail}"
        return f"{self.change} {self.subject}: {self.detail}"


def read_export(stream: IO[bytes]) -> dict[str, PathEntry]:
    """The filesystem of an exported container, from its tar stream, read once front to back."""
    paths: dict[str, PathEntry] = {}
    with tarfile.open(fileobj=stream, mode="r|") as tar:
        for member in tar:
            path = _normal(member.name)
            xattrs = tuple(sorted((k[len(_XATTR_PREFIX):], v) for k, v in member.pax_headers.items()
                                  if k.startswith(_XATTR_PREFIX)))
            if member.islnk():
                # a hard link stands for the file it links to; which name comes first is up to the engine
                paths[path] = paths.get(_normal(member.linkname)) or PathEntry("file", member.mode & 0o7777,
                                                                              member.uid, member.gid, 0, None, None,
                                                                              xattrs)
                continue
            kind = _KINDS.get(member.type, "other")
            sha = None
            if member.isfile():
                digest = hashlib.sha256()
                handle = tar.extractfile(member)
                assert handle is not None  # a regular file always has a body
                while block := handle.read(1 << 20):
                    digest.update(block)
                sha = digest.hexdigest()
            paths[path] = PathEntry(kind, member.mode & 0o7777, member.uid, member.gid,
                                    member.size if member.isfile() else 0, sha,
                                    member.linkname if member.issym() else None, xattrs)
    return paths


def _normal(name: str) -> str:
    name = name.lstrip("/")
    if name.startswith("./"):
        name = name[2:]
    return "/" + name.rstrip("/") if name not in ("", ".") else "/"


def runtime_config(config: Mapping[str, object] | None, inspected: Mapping[str, object] | None = None
                   ) -> dict[str, object]:
    """The keys of an image config that matter at run time, with `[]`, `{}`, `""` and absent all None.
    INSPECTED is the whole inspection, for the keys that live beside the config (Architecture, Os)."""
    config = config or {}
    out: dict[str, object] = {}
    for key in CONFIG_KEYS:
        value = (inspected or {}).get(key) if key in TOP_LEVEL_KEYS else config.get(key)
        if key == "Labels" and isinstance(value, dict):
            value = {k: v for k, v in value.items() if k not in ENGINE_LABELS}
        out[key] = value if value not in ([], {}, "", None) else None
    return out


def compare(legacy: ImageSnapshot, migrated: ImageSnapshot) -> tuple[Difference, ...]:
    """What the migrated image does differently, path by path in sorted order, then config key by key."""
    differences = []
    for path in sorted(legacy.paths.keys() | migrated.paths.keys()):
        old, new = legacy.paths.get(path), migrated.paths.get(path)
        if new is None and old is not None:
            differences.append(Difference("removed", path, f"{_describe(old)} in the legacy image only"))
        elif old is None and new is not None:
            differences.append(Difference("added", path, f"{_describe(new)} in the migrated image only"))
        elif old is not None and new is not None and old != new:
            differences.append(Difference("changed", path, _changes(old, new)))
    for key in CONFIG_KEYS:
        old_value, new_value = legacy.config.get(key), migrated.config.get(key)
        if old_value != new_value:
            differences.append(Difference("config", key, f"{_show(old_value)} -> {_show(new_value)}"))
    return tuple(differences)


def _describe(entry: PathEntry) -> str:
    if entry.kind == "file":
        return f"a file of {entry.size} bytes"
    if entry.kind == "symlink":
        return f"a symlink to {entry.link}"
    return f"a {entry.kind}"


def _changes(old: PathEntry, new: PathEntry) -> str:
    parts = []
    if old.kind != new.kind:
        parts.append(f"type {_describe(old)} -> {_describe(new)}")
    if old.mode != new.mode:
        parts.append(f"mode {old.mode:04o} -> {new.mode:04o}")
    if (old.uid, old.gid) != (new.uid, new.gid):
        parts.append(f"owner {old.uid}:{old.gid} -> {new.uid}:{new.gid}")
    if old.kind != new.kind:
        return ", ".join(parts)
    if old.size != new.size:
        parts.append(f"size {old.size} -> {new.size} bytes")
    elif old.sha256 != new.sha256:
        parts.append("content differs (same size)")
    if old.link != new.link:
        parts.append(f"link target {old.link} -> {new.link}")
    if old.xattrs != new.xattrs:
        parts.append(f"extended attributes {_show_xattrs(old.xattrs)} -> {_show_xattrs(new.xattrs)}")
    return ", ".join(parts)


def _show_xattrs(xattrs: tuple[tuple[str, str], ...]) -> str:
    if not xattrs:
        return "(none)"
    return ", ".join(f"{name}={value.encode('utf-8', 'surrogateescape').hex()}" for name, value in xattrs)


def _show(value: object) -> str:
    return "(unset)" if value is None else json.dumps(value, sort_keys=True)
