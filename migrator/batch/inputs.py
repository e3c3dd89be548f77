"""Which repositories a batch takes: paths, globs and list files expanded, monorepos split into
projects with --per-project, and a stable share of them with --shard K/N."""

from __future__ import annotations

import glob
import hashlib
import os
import posixpath
import sys
from pathlib import Path

from migrator.checkout import SKIP_DIRS, read_checkout
from migrator.discover import find_sources, is_dockerfile_name


class InputError(Exception):
    """An input that names no repository; the message says which."""


def expand_inputs(paths: tuple[str, ...], from_file: str | None) -> list[str]:
    """Directories from PATHS (globs expanded) and from FROM_FILE (one a line, `-` for stdin), in
    order, each once."""
    given = list(paths)
    if from_file is not None:
        handle = sys.stdin if from_file == "-" else open(from_file)
        with handle:
            given += [line.strip() for line in handle if line.strip() and not line.startswith("#")]
    found: list[str] = []
    for item in given:
        matches = sorted(glob.glob(item)) if glob.has_magic(item) else [item]
        if not matches:
            raise InputError(f"{item}: the pattern matches nothing")
        for match in matches:
            if not os.path.isdir(match):
                raise InputError(f"{match}: not a directory")
            found.append(os.path.normpath(match))
    return list(dict.fromkeys(found))


def find_projects(root: str) -> list[str]:
    """The folders under ROOT (ROOT included) that hold a legacy flow of their own: a build script
    there or one level down, and a Dockerfile (or Containerfile) somewhere inside. Deepest first claims a script, so
    a folder of projects is not a project itself, while a project whose script sits in `scripts/`
    and its Dockerfiles in `docker/` still is."""
    directories = []
    for directory, subdirs, _ in os.walk(root):
        subdirs[:] = sorted(d for d in subdirs if d not in SKIP_DIRS)
        directories.append(directory)
    claimed: set[str] = set()
    projects = []
    for directory in sorted(directories, key=lambda d: d.count(os.sep), reverse=True):
        tree = read_checkout(Path(directory))
        if not any(is_dockerfile_name(posixpath.basename(f)) for f in tree.files):
            continue
        scripts = {os.path.join(directory, s.path) for s in find_sources(Path(directory), tree)}
        if scripts - claimed:
            projects.append(os.path.normpath(directory))
        claimed |= scripts
    return sorted(projects)


def in_shard(path: str, shard: tuple[int, int]) -> bool:
    """Shard K of N (1-based): by a hash of the path, so the split is the same on every machine."""
    k, n = shard
    return int.from_bytes(hashlib.sha256(path.encode()).digest()[:8], "big") % n == k - 1


def parse_shard(text: str) -> tuple[int, int]:
    k, slash, n = text.partition("/")
    if not (slash and k.isdigit() and n.isdigit() and 1 <= int(k) <= int(n)):
        raise InputError(f"--shard {text}: expected K/N with 1 <= K <= N, e.g. 2/8")
    return int(k), int(n)
