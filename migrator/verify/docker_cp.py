"""`docker cp CONTAINER:SRC DEST` as Docker does it, on a container's root filesystem mounted on
the host (docker-semantics §1). podman's own `cp` differs where legacy scripts rely on Docker:
it resolves a relative SRC against the container's WORKDIR (Docker: against `/`), follows a
symlink named as SRC (Docker copies the link unless `-L`), and has no `-L`.

The copy runs as the user who ran `docker cp`, so the files it writes are theirs; modes (set-id
bits included), symlinks and extended attributes are kept, like `cp -a`.
"""

from __future__ import annotations

import os
import posixpath
import shutil
import stat

_MAX_LINKS = 40  # as the kernel's own limit on symlinks followed in one lookup


class CopyError(Exception):
    """docker cp would fail; the message is Docker's reason."""


def resolve_in_root(root: str, path: str, follow_last: bool) -> str:
    """The host path of container path PATH under ROOT, following symlinks as the container would
    see them (an absolute link target starts again at ROOT, never above it)."""
    parts = [p for p in path.split("/") if p not in ("", ".")]
    resolved: list[str] = []
    links = 0
    while parts:
        name = parts.pop(0)
        if name == "..":
            if resolved:
                resolved.pop()
            continue
        candidate = os.path.join(root, *resolved, name)
        if os.path.islink(candidate) and (parts or follow_last):
            links += 1
            if links > _MAX_LINKS:
                raise CopyError(f"too many levels of symbolic links in {path}")
            target = os.readlink(candidate)
            if target.startswith("/"):
                resolved = []
            parts = [p for p in target.split("/") if p not in ("", ".")] + parts
            continue
        resolved.append(name)
    return os.path.join(root, *resolved)


def copy_out(root: str, container_path: str, dest: str, follow_link: bool) -> None:
    """Copy container path CONTAINER_PATH (relative ones start at `/`) to host path DEST."""
    contents_only = container_path.endswith("/.") or container_path in (".", "")
    absolute = posixpath.normpath("/" + container_path.lstrip("/"))
    source = resolve_in_root(root, absolute, follow_last=follow_link)
    if not os.path.lexists(source):
        raise CopyError(f"Could not find the file {absolute} in container")
    is_dir = os.path.isdir(source) and not os.path.islink(source)
    dest_is_dir = os.path.isdir(dest)
    if not os.path.lexists(dest) or (os.path.islink(dest) and not dest_is_dir):
        if dest.endswith("/") and not is_dir:
            raise CopyError(f"destination directory {dest} must exist")
        parent = os.path.dirname(os.path.abspath(dest.rstrip("/")))
        if not os.path.isdir(parent):
            raise CopyError(f"no such directory: {parent}")
        _copy(source, dest.rstrip("/") or dest, is_dir)
    elif dest_is_dir:
        if is_dir and contents_only:
            _copy(source, dest, is_dir)
        else:
            _copy(source, os.path.join(dest, posixpath.basename(absolute) or "/"), is_dir)
    elif is_dir:
        raise CopyError(f"cannot copy a directory to a file: {dest}")
    else:
        _copy(source, dest, is_dir)


def _copy(source: str, target: str, is_dir: bool) -> None:
    if is_dir:
        if os.path.lexists(target) and not os.path.isdir(target):
            raise CopyError(f"cannot overwrite non-directory {target} with a directory")
        shutil.copytree(source, target, symlinks=True, dirs_exist_ok=True, copy_function=_copy_entry)
        return
    if os.path.isdir(target) and not os.path.islink(target):
        raise CopyError(f"cannot overwrite directory {target} with a non-directory")
    _copy_entry(source, target)


def _copy_entry(source: str, target: str) -> None:
    if os.path.lexists(target):
        os.unlink(target)
    if os.path.islink(source):
        os.symlink(os.readlink(source), target)
        return
    shutil.copy2(source, target)  # content, mode (set-id bits too), times, extended attributes
    mode = stat.S_IMODE(os.lstat(source).st_mode)
    os.chmod(target, mode)  # copy2 may drop set-id bits on some platforms; be explicit
