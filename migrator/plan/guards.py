"""File tests the trace decided on the clean checkout (model.Guard), after the migration.

A guard whose every command goes with the extraction goes too, so that no empty `if` or bare test
is left (a bare failing `[ -d bin ]` would stop a `set -e` script). A removed test reads as true in
the rewritten script (`if :; then`, `a && b` without a), so a test the migration removes because it
names the extracted files must be true, or false with nothing but what it skipped after it (an
assertion `if [ ! -e out/app ]; then exit 1; fi`): then what it skipped goes too. Any other false
one is refused. A guard that decided whether
the builder flow runs (a cache guard, `if [ ! -e out ]`) is reported: the merged build always
builds, where the legacy script reused what an earlier run left."""

from __future__ import annotations

from dataclasses import dataclass

from migrator.findings import Finding, finding, refuse
from migrator.hostfs import RepoTree, within
from migrator.model import Flow, Guard, ImageBuild
from migrator.source import Span


@dataclass(frozen=True)
class GuardPlan:
    removed: frozenset[Span]  # the spans the script loses, guards included
    warnings: tuple[Finding, ...]


def decided(flow: Flow) -> frozenset[Span]:
    """The tests of guards: plan_guards decides whether removing one keeps the flow."""
    return frozenset(span for guard in flow.guards for span in guard.tests)


def plan_guards(flow: Flow, builders: list[ImageBuild], removed: frozenset[Span], territory: tuple[str, ...],
                tree: RepoTree) -> GuardPlan:
    gone = set(removed) - _unchanged(flow.guards, territory, tree)
    changed = True
    while changed:  # a guard inside another goes first, then the one around it
        changed = False
        for guard in flow.guards:
            if guard.tests <= gone and guard.controls <= gone:
                continue
            if guard.controls and guard.controls <= gone:
                gone |= guard.tests
                changed = True
            elif guard.tests & gone and not guard.verdict and guard.controls == guard.skips:
                gone |= guard.skips | guard.tests
                changed = True
    for guard in flow.guards:
        if guard.tests & gone and not guard.verdict and not guard.controls <= gone:
            raise refuse("MIG500", guard.loc, text=guard.text, paths=_paths(guard))
    builder_flow = {b.span for b in builders} | {e.span for e in flow.extractions}
    warnings = [_reuse_warning(guard) for guard in flow.guards if guard.controls & builder_flow]
    return GuardPlan(frozenset(gone), tuple(warnings))


def _unchanged(guards: tuple[Guard, ...], territory: tuple[str, ...], tree: RepoTree) -> set[Span]:
    """The tests that name only checkout files and what the migration removes, and answer as they did
    where only the checkout's files exist (`[ -x out/app ]` before anything was extracted): they
    answer the same after the migration, so they stay."""
    kept: set[Span] = set()
    for guard in guards:
        made = [p for p in guard.paths if p not in tree.files and not tree.is_dir(p)]
        if guard.on_checkout == guard.verdict and all(any(within(p, t) for t in territory) for p in made):
            kept |= guard.tests
    return kept


def _reuse_warning(guard: Guard) -> Finding:
    return finding("MIG520", guard.loc, text=guard.text, verdict="true" if guard.verdict else "false",
                   paths=_paths(guard))


def _paths(guard: Guard) -> str:
    return ", ".join(guard.paths) or "what it tests"
