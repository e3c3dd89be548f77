"""Ignore files (capability-classes §DI): what each build's context hid, before and after the merge.

A build reads its context through one effective ignore file: `<Dockerfile>.dockerignore` next to
its Dockerfile (BuildKit), else `<context>/.dockerignore`; podman and buildah read
`<context>/.containerignore` before `.dockerignore`. The merged Dockerfile takes the runtime's
path and context, so the runtime's file applies to every stage of it:

- a builder stage that reads its context must have had the same file, or it would now see another
  set of files (MIG504);
- an artifact the legacy runtime COPY read from the context passed through that file, while
  `COPY --from` passes through none: an artifact the file hid was never in the legacy image, or
  its COPY failed (MIG502); a directory the file may hide members of differs member by member
  (MIG503). Repository files the host moved before the runtime COPY read them are read from
  their own path now: the file must treat both paths alike.
"""

from __future__ import annotations

import posixpath

from migrator.dockerignore import IgnorePattern, deciding_pattern, excluded, may_hide_below, parse_ignore
from migrator.findings import refuse
from migrator.hostfs import Kind, RepoTree
from migrator.model import ImageBuild
from migrator.parse.dockerfile import Dockerfile
from migrator.plan.copies import HostRead
from migrator.source import Loc


def effective_ignore_file(build: ImageBuild, tree: RepoTree) -> str | None:
    """The ignore file BUILD reads its context through (repository-relative), or None."""
    names = (".containerignore", ".dockerignore") if build.engine == "podman" else (".dockerignore",)
    candidates = [] if build.engine == "podman" else [build.dockerfile + ".dockerignore"]
    candidates += [posixpath.normpath(posixpath.join(build.context, name)) for name in names]
    return next((path for path in candidates if path in tree.files), None)


def check_builder_ignore_files(runtime: ImageBuild, builders: list[ImageBuild], dockerfiles: dict[str, Dockerfile],
                               tree: RepoTree) -> None:
    if runtime.engine == "podman" and runtime.dockerfile + ".dockerignore" in tree.files:
        # which engines read a Dockerfile's own ignore file differs: nothing to prove it on
        raise refuse("MIG111", runtime.loc, file=runtime.dockerfile + ".dockerignore")
    ours = effective_ignore_file(runtime, tree)
    for build in builders:
        theirs = effective_ignore_file(build, tree)
        if theirs != ours and reads_context(dockerfiles[build.dockerfile]):
            raise refuse("MIG504", build.loc, builder=theirs or "no ignore file", runtime=ours or "none")


def reads_context(dockerfile: Dockerfile) -> bool:
    """Does the Dockerfile read its build context: a COPY/ADD without --from, or a RUN bind mount
    (the default mount type) without from=?"""
    for ins in dockerfile.instructions:
        if ins.cmd in ("COPY", "ADD") and ins.flag("from") is None:
            return True
        if ins.cmd == "RUN":
            for mount in (f.split("=", 1)[1] for f in ins.flags if f.lower().startswith("--mount=")):
                options = dict(o.partition("=")[::2] for o in mount.split(","))
                if options.get("type", "bind") == "bind" and "from" not in options:
                    return True
    return False


def check_reads_through_ignore_file(runtime: ImageBuild, reads: tuple[HostRead, ...], tree: RepoTree,
                                   ignore_files: dict[str, str]) -> None:
    """Every path the runtime COPY read from the context, now replayed, against its ignore file."""
    path = effective_ignore_file(runtime, tree)
    if path is None:
        return
    patterns = parse_ignore(ignore_files.get(path, ""))
    for read in reads:
        if read.repo_path == read.path:
            continue  # the same context path as before, through the same file
        _check_read(patterns, path, runtime.context, read)


def _check_read(patterns: tuple[IgnorePattern, ...], ignore: str, context: str, read: HostRead) -> None:
    legacy = posixpath.relpath(read.path, context)
    hidden = deciding_pattern(patterns, legacy)
    if hidden is not None and not hidden.exclusion:
        raise refuse("MIG502", read.loc, ignore=_at(ignore, hidden), path=read.path)
    if read.kind is not Kind.FILE:
        below = may_hide_below(patterns, legacy)
        if below is not None:
            raise refuse("MIG503", read.loc, ignore=_at(ignore, below), path=read.path)
    if read.repo_path is not None:
        now = posixpath.relpath(read.repo_path, context)
        if excluded(patterns, now) or (read.kind is not Kind.FILE and may_hide_below(patterns, now)):
            pattern = deciding_pattern(patterns, now) or may_hide_below(patterns, now)
            raise refuse("MIG503", read.loc, ignore=_at(ignore, pattern), path=read.repo_path)


def _at(ignore: str, pattern: IgnorePattern | None) -> str:
    return str(Loc(ignore, pattern.line)) + f" (`{pattern.text}`)" if pattern is not None else ignore


def mount_hidden_files(runtime: ImageBuild, tree: RepoTree, ignore_files: dict[str, str]) -> dict[str, str]:
    """Repository file -> the ignore-file line (`.dockerignore:2 (`*.md`)`) that keeps it out of the
    runtime's context: a COPY that replaces a bind mount of the checkout does not show the command
    those files."""
    path = effective_ignore_file(runtime, tree)
    if path is None:
        return {}
    patterns = parse_ignore(ignore_files.get(path, ""))
    hidden = {}
    for file in sorted(tree.files):
        if file != posixpath.normpath(file) or not _inside(file, runtime.context):
            continue
        pattern = deciding_pattern(patterns, posixpath.relpath(file, runtime.context))
        if pattern is not None and not pattern.exclusion:
            hidden[file] = _at(path, pattern)
    return hidden


def _inside(path: str, directory: str) -> bool:
    return directory == "." or path == directory or path.startswith(directory.rstrip("/") + "/")
