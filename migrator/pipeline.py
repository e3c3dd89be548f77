"""migrate_repo: the one function that chains discover -> trace (through a front end) -> plan ->
merge -> render, and the front end's rewrite of its own file.

It reads files but never writes; the CLI decides whether to write, diff or check. Every stage
reports a refusal by raising Refusal, caught here once and returned as an Outcome.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass
from pathlib import Path

from migrator.checkout import read_checkout
from migrator.discover import find_sources, forced_source, nothing_found, reader
from migrator.findings import Refusal, refuse
from migrator.frontends.base import Reader, Source
from migrator.frontends.registry import FRONT_ENDS, front_end_for
from migrator.frontends.tracing import trace_source
from migrator.hostfs import RepoTree
from migrator.merge import merge_dockerfile
from migrator.model import FileChange, Flow
from migrator.outcome import Migrated, NothingToMigrate, Outcome, Refused
from migrator.parse.dockerfile import Dockerfile, DockerfileError, parse_dockerfile
from migrator.plan import Plan, PlanInputs, plan_migration
from migrator.references import find_references
from migrator.render import render_dockerfile
from migrator.safe_read import read_regular, read_repo_file
from migrator.source import Loc


@dataclass(frozen=True)
class Options:
    script: str | None = None
    builder: str | None = None
    runtime: str | None = None


@dataclass(frozen=True)
class TracedSource:
    source: Source
    flow: Flow | None
    refusal: Refusal | None

    @property
    def is_flow(self) -> bool:
        """Does the file extract files from a container (or try to, in a form we refuse)?"""
        if self.flow is not None:
            return bool(self.flow.extractions)
        refused_in = self.refusal.finding.loc.file if self.refusal and self.refusal.finding.loc else None
        # A refusal inside a file this one runs: the trace followed it there, so it may well extract.
        return self.source.extraction_hint or refused_in not in (None, self.source.path)


def migrate_repo(repo: Path, options: Options = Options()) -> Outcome:
    label = str(repo)
    try:
        tree = read_checkout(repo)
        traced = _pick_flow(repo, tree, options)
        if isinstance(traced, NothingToMigrate):
            return traced
        if traced.refusal is not None:
            return Refused(label, (traced.refusal.finding,), traced.refusal.traced)
        flow = traced.flow
        assert flow is not None  # a traced source without a refusal has a flow
        dockerfiles = _read_dockerfiles(repo, tree, flow)
        references = find_references(repo, tree, flow, tuple(dockerfiles))
        ignore_files = _read_ignore_files(repo, tree, flow)
        plan = plan_migration(PlanInputs(
            flow=flow,
            dockerfiles=dockerfiles,
            tree=tree,
            references=references.dockerfile_mentions,
            ignore_files=ignore_files,
            builder_override=options.builder,
            runtime_override=options.runtime,
        ))
        changes = _render(repo, traced, plan)
    except Refusal as refusal:
        return Refused(label, (refusal.finding,), locals().get("flow"))
    roles = {str(b.build.loc): "builder" for b in plan.builders} | {str(plan.runtime.loc): "runtime"}
    return Migrated(label, flow, changes, plan.artifacts, roles, plan.warnings + references.uses,
                    plan.runtime.dockerfile)


def _pick_flow(repo: Path, tree: RepoTree, options: Options) -> TracedSource | NothingToMigrate:
    label = str(repo)
    if options.script is not None:
        script, entry = _script_and_entry(options.script, tree)
        sources = [s for s in find_sources(repo, tree) if s.path == script and s.entry == entry] or \
            [_forced(repo, tree, script, entry)]
    else:
        sources = find_sources(repo, tree)
    read = reader(repo)
    traced = [_trace(s, tree, read) for s in sources]
    called = {path for t in traced if t.flow is not None for path in t.flow.called}
    flows = [t for t in traced if t.is_flow and t.source.path not in called]  # the outermost caller
    flows = list({id(t): t for t in (_refused_caller(f, traced) or f for f in flows)}.values())
    if len(flows) > 1:
        listed = " or ".join(f"`--script {script_option(t.source)}`" for t in flows)
        raise refuse("MIG102", None, count=len(flows), flows=listed)
    if flows:
        return flows[0]
    if not sources:
        return NothingToMigrate(label, nothing_found(repo, tree))
    guard = next((g for t in traced if t.flow is not None for g in t.flow.guards if g.skipped_docker), None)
    if guard is not None:  # the extraction is there, but a clean checkout never reaches it
        return NothingToMigrate(label, f"`{guard.skipped_docker}` never runs on a clean checkout: `{guard.text}` "
                                f"({guard.loc}) is {'true' if guard.verdict else 'false'} there")
    return NothingToMigrate(label, "no script copies files out of a container (" +
                            ", ".join(s.path for s in sources) + " checked)")


def _refused_caller(flow: TracedSource, traced: list[TracedSource]) -> TracedSource | None:
    """A file we could not trace that seems to run FLOW's file: migrating FLOW's file on its own
    would trace it as run by hand, and a caller may give it arguments or run steps around it."""
    name = posixpath.basename(flow.source.path)
    return next((t for t in traced if t.refusal is not None and t is not flow and name in t.source.text), None)


def script_option(source: Source) -> str:
    """The --script value that picks SOURCE: its path, and its entry (`Makefile:image`) if any."""
    return source.path if source.entry is None else f"{source.path}:{source.entry}"


def _script_and_entry(value: str, tree: RepoTree) -> tuple[str, str | None]:
    """`build.sh` -> (build.sh, None); `Makefile:image` -> (Makefile, image) unless a file is
    named `Makefile:image`."""
    path = posixpath.normpath(value)
    head, colon, entry = value.rpartition(":")
    if colon and entry and path not in tree.files and posixpath.normpath(head) in tree.files:
        return posixpath.normpath(head), entry
    return path, None


def _forced(repo: Path, tree: RepoTree, script: str, entry: str | None) -> Source:
    if script not in tree.files:
        raise refuse("MIG123", None, path=script, why="no such file (given with --script)")
    source = forced_source(repo, script, entry)
    if source is None:
        raise refuse("MIG118", Loc(script, 1), what=f"{script} (given with --script)")
    return source


def _trace(source: Source, tree: RepoTree, read: Reader) -> TracedSource:
    """Trace from where the file is most likely run; when its Dockerfiles are only found from
    another of its front end's start directories, from there."""
    front_end = FRONT_ENDS[source.front_end]
    first: TracedSource | None = None
    for start in front_end.start_dirs(source):
        try:
            traced = TracedSource(source, trace_source(source, tree, start, read), None)
        except Refusal as refusal:
            traced = TracedSource(source, None, refusal)
        if traced.flow is not None and all(b.dockerfile in tree.files for b in traced.flow.builds):
            return traced
        first = first or traced
    assert first is not None  # every front end names at least one start directory
    return first


def _read_dockerfiles(repo: Path, tree: RepoTree, flow: Flow) -> dict[str, Dockerfile]:
    out = {}
    for build in flow.builds:
        path = build.dockerfile
        if path in out or path not in tree.files:
            continue
        try:
            text = read_regular(repo / path).decode("utf-8", "surrogateescape")  # any bytes survive
        except OSError as error:
            raise refuse("MIG123", build.loc, path=path, why=error.strerror) from None
        try:
            out[path] = parse_dockerfile(path, text)
        except DockerfileError as error:
            raise refuse("MIG123", Loc(path, error.line), path=path, why=str(error)) from None
        except Exception as error:  # dockerfile-parse on input it does not expect
            raise refuse("MIG123", Loc(path, 1), path=path, why=f"dockerfile-parse failed: {error}") from None
    return out


def _read_ignore_files(repo: Path, tree: RepoTree, flow: Flow) -> dict[str, str]:
    """The text of every ignore file a build of the flow may read its context through."""
    out = {}
    for build in flow.builds:
        for path in (build.dockerfile + ".dockerignore", posixpath.join(build.context, ".dockerignore"),
                     posixpath.join(build.context, ".containerignore")):
            path = posixpath.normpath(path)
            if path in tree.files and path not in out:
                try:
                    out[path] = read_regular(repo / path).decode("utf-8", "surrogateescape")
                except OSError as error:
                    raise refuse("MIG123", build.loc, path=path, why=error.strerror) from None
    return out


def _edited_files(source: Source, plan: Plan) -> list[str]:
    """The orchestration files the flow went through that the edits name, the start file first."""
    edits = plan.script_edits
    named = {span.file for span in edits.remove} | {edits.runtime_build.file}
    return [source.path, *sorted(named - {source.path})]


def _rewritten(repo: Path, path: str, plan: Plan) -> FileChange:
    """PATH rewritten by the front end that reads it (the flow went through it, so one does);
    the change goes to the file a symbolic link names."""
    file = read_repo_file(repo, path)
    front_end = front_end_for(path, file.data[:128])
    assert front_end is not None
    text = file.data.decode("utf-8", "surrogateescape")
    new = front_end.rewrite(Source(path, text, front_end.name, True), plan.script_edits)
    return FileChange(file.path, file.data, new.encode("utf-8", "surrogateescape"), file.mode)


def _render(repo: Path, traced: TracedSource, plan: Plan) -> tuple[FileChange, ...]:
    source = traced.source
    runtime = read_repo_file(repo, plan.runtime.dockerfile)
    merged = render_dockerfile(merge_dockerfile(plan))
    changes = [
        FileChange(runtime.path, runtime.data, merged.encode("utf-8", "surrogateescape"), runtime.mode),
        *(_rewritten(repo, path, plan) for path in _edited_files(source, plan)),
    ]
    changes += [_deleted(repo, path) for path in plan.delete_files]
    return tuple(c for c in changes if c.old != c.new)


def _deleted(repo: Path, path: str) -> FileChange:
    """PATH deleted; a symbolic link is deleted itself (its old content is its target, as git has it)."""
    full = repo / path
    if full.is_symlink():
        return FileChange(path, os.fsencode(os.readlink(full)), None, full.lstat().st_mode)
    file = read_repo_file(repo, path)
    return FileChange(file.path, file.data, None, file.mode)
