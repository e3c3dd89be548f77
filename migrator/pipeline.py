"""migrate_repo: the one function that chains discover -> parse -> trace -> plan -> render.

It reads files but never writes; the CLI decides whether to write, diff or check. Every stage
reports a refusal by raising Refusal, caught here once and returned as an Outcome.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path

from migrator.checkout import read_checkout
from migrator.discover import Candidate, find_candidates, find_other_orchestrators
from migrator.findings import Refusal, refuse
from migrator.hostfs import RepoTree
from migrator.model import FileChange, Flow
from migrator.source import Loc
from migrator.outcome import Migrated, NothingToMigrate, Outcome, Refused
from migrator.parse.dockerfile import Dockerfile, DockerfileError, parse_dockerfile
from migrator.parse.shell import ShellScript, parse_script
from migrator.plan import Plan, PlanInputs, plan_migration
from migrator.references import find_references
from migrator.render_dockerfile import render_dockerfile
from migrator.render_script import render_script
from migrator.trace.run import Tracer



@dataclass(frozen=True)
class Options:
    script: str | None = None
    builder: str | None = None
    runtime: str | None = None


@dataclass(frozen=True)
class TracedScript:
    candidate: Candidate
    script: ShellScript
    flow: Flow | None
    refusal: Refusal | None

    @property
    def is_flow(self) -> bool:
        """Does the script extract files from a container (or try to, in a form we refuse)?"""
        if self.flow is not None:
            return bool(self.flow.extractions)
        return self.candidate.has_extraction_hint


def migrate_repo(repo: Path, options: Options = Options()) -> Outcome:
    label = str(repo)
    tree = read_checkout(repo)
    try:
        traced = _pick_flow(repo, tree, options)
        if isinstance(traced, NothingToMigrate):
            return traced
        if traced.refusal is not None:
            return Refused(label, (traced.refusal.finding,))
        flow = traced.flow
        dockerfiles = _read_dockerfiles(repo, tree, flow)
        references = find_references(repo, tree, flow, tuple(dockerfiles))
        plan = plan_migration(PlanInputs(
            flow=flow,
            dockerfiles=dockerfiles,
            tree=tree,
            references=references.dockerfile_mentions,
            builder_override=options.builder,
            runtime_override=options.runtime,
        ))
        changes = _render(repo, traced, plan)
    except Refusal as refusal:
        return Refused(label, (refusal.finding,), locals().get("flow"))
    roles = {str(b.build.loc): "builder" for b in plan.builders} | {str(plan.runtime.loc): "runtime"}
    return Migrated(label, flow, changes, plan.artifacts, roles, plan.warnings + references.uses)


def _pick_flow(repo: Path, tree: RepoTree, options: Options) -> TracedScript | NothingToMigrate:
    label = str(repo)
    if options.script is not None:
        script = posixpath.normpath(options.script)
        candidates = [c for c in find_candidates(repo, tree) if c.script == script] or _forced(repo, tree, script)
    else:
        candidates = find_candidates(repo, tree)
    traced = [_trace(c, tree) for c in candidates]
    flows = [t for t in traced if t.is_flow]
    if len(flows) > 1:
        listed = ", ".join(t.candidate.script for t in flows)
        raise refuse("MIG102", None, count=len(flows), flows=listed)
    if flows:
        return flows[0]
    others = find_other_orchestrators(repo, tree)
    if others and options.script is None:
        raise refuse("MIG118", Loc(others[0], 1), what=f"{others[0]} (not a shell script)")
    if not candidates:
        return NothingToMigrate(label, "no shell script here runs `docker build`")
    return NothingToMigrate(label, "no script copies files out of a container (" +
                            ", ".join(c.script for c in candidates) + " checked)")


def _forced(repo: Path, tree: RepoTree, script: str) -> list[Candidate]:
    path = repo / script
    if script not in tree.files:
        raise refuse("MIG123", None, path=script, why="no such file (given with --script)")
    text = path.read_bytes().decode("utf-8", errors="surrogateescape")
    return [Candidate(script, text, path.stat().st_mode, True)]


def _trace(candidate: Candidate, tree: RepoTree) -> TracedScript:
    """Trace from the script's own directory; for a script one level down whose Dockerfiles are
    only found from the root, trace again from the root (where such scripts are run from)."""
    script = parse_script(candidate.script, candidate.text)
    start_dirs = [posixpath.dirname(candidate.script) or "."]
    if start_dirs[0] != ".":
        start_dirs.append(".")
    first: TracedScript | None = None
    for start in start_dirs:
        try:
            traced = TracedScript(candidate, script, Tracer(script, tree, start).run(), None)
        except Refusal as refusal:
            traced = TracedScript(candidate, script, None, refusal)
        if traced.flow is not None and all(b.dockerfile in tree.files for b in traced.flow.builds):
            return traced
        first = first or traced
    return first


def _decode(data: bytes, path: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise refuse("MIG123", Loc(path, data[: error.start].count(b"\n") + 1), path=path, why="it is not UTF-8") from None


def _read_dockerfiles(repo: Path, tree: RepoTree, flow: Flow) -> dict[str, Dockerfile]:
    out = {}
    for build in flow.builds:
        path = build.dockerfile
        if path in out or path not in tree.files:
            continue
        try:
            text = _decode((repo / path).read_bytes(), path)
        except OSError as error:
            raise refuse("MIG123", build.loc, path=path, why=error.strerror) from None
        try:
            out[path] = parse_dockerfile(path, text)
        except DockerfileError as error:
            raise refuse("MIG123", Loc(path, error.line), path=path, why=str(error)) from None
        except Exception as error:  # dockerfile-parse on input it does not expect
            raise refuse("MIG123", Loc(path, 1), path=path, why=f"dockerfile-parse failed: {error}") from None
    return out


def _check_still_parses(before: ShellScript, after_text: str) -> None:
    """The rewrite must not leave text bashlex cannot parse where it could before (a function
    without its closing brace, an `if` without a body): re-parse it, and refuse rather than write."""
    old = {before.source(s.start, s.end) for s in before.statements if s.opaque}
    after = parse_script(before.path, after_text)
    broken = next((s for s in after.statements if s.opaque and after.source(s.start, s.end) not in old), None)
    if broken is not None:
        first = after.source(broken.start, broken.end).strip().splitlines()[0]
        raise refuse("MIG132", Loc(before.path, broken.line), text=first)


def _render(repo: Path, traced: TracedScript, plan: Plan) -> tuple[FileChange, ...]:
    candidate = traced.candidate
    runtime_path = plan.runtime.dockerfile
    runtime_full = repo / runtime_path
    merged = render_dockerfile(plan)
    script = render_script(traced.script, plan)
    _check_still_parses(traced.script, script)
    changes = [
        FileChange(runtime_path, runtime_full.read_bytes(), merged.encode("utf-8"), runtime_full.stat().st_mode),
        FileChange(candidate.script, candidate.text.encode("utf-8", "surrogateescape"),
                   script.encode("utf-8", "surrogateescape"), candidate.mode),
    ]
    for path in plan.delete_files:
        full = repo / path
        changes.append(FileChange(path, full.read_bytes(), None, full.stat().st_mode))
    return tuple(c for c in changes if c.old != c.new)

