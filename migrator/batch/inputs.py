"""Which repositories a batch takes: paths, globs and list files expanded, monorepos split into
projects with --per-project, and a stable share of them with --shard K/N."""

from __future__ import annotations

import glob
import hashlib
import os
import posixpath
import sys
from dataclasses import dataclass, field
from pathlib import Path

from migrator.checkout import SKIP_DIRS, read_checkout
from migrator.discover import find_sources, is_dockerfile_name
from migrator.findings import Refusal


class InputError(Exception):
    """A command-line input that names no repository; the message says which."""


@dataclass(frozen=True)
class Inputs:
    repos: list[str]  # directories, in order, each once
    missing: list[tuple[str, str]] = field(default_factory=list)  # (entry of --from, why it is no directory)


def expand_inputs(paths: tuple[str, ...], from_file: str | None) -> Inputs:
    """Directories from PATHS (globs expanded; one that names none is an InputError) and from
    FROM_FILE (one a line, `-` for stdin; one that names none is listed as missing, and the
    others still run)."""
    found: list[str] = []
    for item in paths:
        matches = _matches(item)
        if not matches:
            raise InputError(f"{item}: the pattern matches nothing")
        for match in matches:
            if not os.path.isdir(match):
                raise InputError(f"{match}: not a directory")
            found.append(os.path.normpath(match))
    missing: list[tuple[str, str]] = []
    for item in _listed(from_file) if from_file is not None else []:
        matches = _matches(item)
        if not matches:
            missing.append((item, "no such file or directory (listed in --from)"))
        for match in matches:
            if os.path.isdir(match):
                found.append(os.path.normpath(match))
            else:
                missing.append((match, "not a directory (listed in --from)"))
    return Inputs(list(dict.fromkeys(found)), missing)


def _listed(from_file: str) -> list[str]:
    handle = sys.stdin if from_file == "-" else open(from_file)
    with handle:
        return [line.strip() for line in handle if line.strip() and not line.startswith("#")]


def _matches(item: str) -> list[str]:
    if glob.has_magic(item):
        return sorted(glob.glob(item))
    return [item] if os.path.lexists(item) else []


@dataclass
class ProjectScan:
    """What --per-project found under the roots."""

    projects: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (folder, why it is no project)
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (folder, what cannot be read)


def find_projects(root: str, scan: ProjectScan) -> None:
    """Add to SCAN the folders under ROOT (ROOT included) that hold a legacy flow of their own: a
    build script there or one level down, and a Dockerfile (or Containerfile) somewhere inside.
    Deepest first claims a script, so a folder of projects is not a project itself, while a project
    whose script sits in `scripts/` and its Dockerfiles in `docker/` still is. A folder holding a
    Dockerfile or a build script of its own that is no project is listed as skipped, with why."""
    directories, unlistable = [], []
    for directory, subdirs, _ in os.walk(root, onerror=lambda error: unlistable.append(error)):
        subdirs[:] = sorted(d for d in subdirs if d not in SKIP_DIRS)
        directories.append(directory)
    for error in unlistable:
        scan.unreadable.append((os.path.normpath(error.filename), f"cannot read it: {error.strerror}"))
    cannot_list = {os.path.normpath(e.filename) for e in unlistable}
    claimed: dict[str, str] = {}  # script -> the project that took it
    skipped: list[tuple[str, str]] = []
    for directory in sorted(directories, key=lambda d: d.count(os.sep), reverse=True):
        folder = os.path.normpath(directory)
        try:
            tree = read_checkout(Path(directory))
            if not any(is_dockerfile_name(posixpath.basename(f)) for f in tree.files):
                continue
            scripts = [os.path.join(directory, s.path) for s in find_sources(Path(directory), tree)]
        except Refusal as refusal:
            if any(Path(u).is_relative_to(folder) and u != folder for u in cannot_list):
                scan.skipped.append((folder, f"not scanned: {refusal.finding}"))
            elif folder not in cannot_list:
                scan.unreadable.append((folder, str(refusal.finding)))
            continue
        if set(scripts) - set(claimed):
            scan.projects.append(folder)
            claimed.update({s: folder for s in scripts if s not in claimed})
        elif _own_candidate(directory, tree.files, scripts):
            skipped.append((folder, _why_skipped(scripts, claimed)))
    # a folder inside a project (its `docker/`) is part of that project, not skipped
    scan.skipped += [(f, why) for f, why in skipped if not any(Path(f).is_relative_to(p) for p in scan.projects)]
    scan.projects.sort()


def _own_candidate(directory: str, files: frozenset[str], scripts: list[str]) -> bool:
    """Does the folder itself (not a folder inside it) hold a Dockerfile or a build script?"""
    return any("/" not in f and is_dockerfile_name(f) for f in files) or any(
        os.path.dirname(s) == directory for s in scripts)


def _why_skipped(scripts: list[str], claimed: dict[str, str]) -> str:
    if not scripts:
        return "a Dockerfile, but no build script here or one level down runs `docker build`"
    return f"its build script {scripts[0]} belongs to the project {claimed[scripts[0]]}"


def in_shard(path: str, shard: tuple[int, int]) -> bool:
    """Shard K of N (1-based): by a hash of the path, so the split is the same on every machine."""
    k, n = shard
    return int.from_bytes(hashlib.sha256(path.encode()).digest()[:8], "big") % n == k - 1


def parse_shard(text: str) -> tuple[int, int]:
    k, slash, n = text.partition("/")
    if not (slash and k.isdigit() and n.isdigit() and 1 <= int(k) <= int(n)):
        raise InputError(f"--shard {text}: expected K/N with 1 <= K <= N, e.g. 2/8")
    return int(k), int(n)
