"""ScriptEdits -> the rewritten Makefile: every recipe is read again as make expands it (recipe.py)
and rendered in the file's own bytes (render.py). A recipe line whose commands all go is deleted
whole, continuation lines included; a line that keeps some loses only the others. A target whose
recipe became empty goes too, with the prerequisites that name it, when nothing else needs it
(cleanup.py). Every other byte stays; the result must read as a Makefile again (MIG169)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from migrator.findings import Refusal, refuse
from migrator.frontends.make.build_args import runtime_flags
from migrator.frontends.make.cleanup import Cut, emptied_targets_cuts
from migrator.frontends.make.database import Database, Recipe, Rule
from migrator.frontends.make.expand import Expander
from migrator.frontends.make.parse import Line, MakefileText, parse_makefile
from migrator.frontends.make.read import read_makefile
from migrator.frontends.make.recipe import automatic_variables, recipe_snippet
from migrator.frontends.make.render import RecipeRenderer
from migrator.frontends.make.variables import Variables
from migrator.frontends.shell.parse import ShellScript, parse_embedded
from migrator.plan.edits import ScriptEdits
from migrator.source import Loc, Span

# What is left of a unit that did nothing else: `set -e` on its own line of a .ONESHELL recipe.
_TRIVIAL = re.compile(r"^(?:set(?:[ \t]+(?:[-+][a-z]+|-o[ \t]+\w+))*|true|:)$")


@dataclass(frozen=True)
class _Unit:
    """Shell code make runs as one `sh -c`: a recipe line, or a whole recipe under .ONESHELL."""

    recipe: Recipe
    lines: list[Line]
    script: ShellScript


def rewrite_makefile(makefile: MakefileText, edits: ScriptEdits) -> str:
    path = makefile.path
    dead = frozenset(s for s in edits.remove if s.file == path)
    runtime = edits.runtime_build if edits.runtime_build.file == path else None
    if not dead and runtime is None:
        return makefile.text
    db = read_makefile(makefile, Variables(), None)
    named = dead | ({runtime} if runtime else set())
    units = _units(db, named)
    shells = [(u.script, runtime is not None and u.lines[0].start <= runtime.start < u.lines[-1].stop) for u in units]
    flags = runtime_flags(edits.add_build_args, shells, dead, makefile.text,
                          makefile.loc(runtime.start if runtime else 0))
    cuts: list[Cut] = []
    seen: set[Span] = set()
    emptied: set[int] = set()
    for recipe, group in _by_recipe(units):
        gone = 0
        for unit in group:
            renderer = RecipeRenderer(unit.script, makefile.text, dead, runtime, flags, edits.drop_no_cache)
            unit_cuts, whole = _render(unit, renderer, makefile.text)
            cuts += unit_cuts
            seen |= renderer.seen
            gone += whole
        if gone == len(group):
            emptied.add(id(recipe))
    missing = sorted(named - seen, key=lambda s: s.start)
    if missing:
        text = " ".join(makefile.text[missing[0].start:missing[0].end].split())
        raise refuse("MIG168", makefile.loc(missing[0].start), command=text, what="make syntax outside a recipe")
    cuts += emptied_targets_cuts(db, emptied, cuts)
    return _checked(makefile, _apply(makefile.text, cuts))


def _units(db: Database, named: frozenset[Span] | set[Span]) -> list[_Unit]:
    units: list[_Unit] = []
    done: set[int] = set()
    for target, rule in db.rules.items():
        recipe = rule.recipe
        if recipe is None or id(recipe) in done:
            continue
        done.add(id(recipe))
        lines = recipe.all_lines
        groups = [lines] if db.oneshell else [[line] for line in lines]
        for group in groups:
            script = _script(db, target, rule, group, named)
            if script is not None:
                units.append(_Unit(recipe, group, script))
    return units


def _script(db: Database, target: str, rule: Rule, lines: list[Line], named: frozenset[Span] | set[Span]
            ) -> ShellScript | None:
    """The unit's shell code, or None when it cannot be read and the edits do not touch it."""
    makefile = db.makefile
    loc = Loc(makefile.path, lines[0].number)
    expander = Expander(db.variables, None, loc, (lines[0].start, lines[-1].end),
                        automatic_variables(target, rule, None))
    try:
        snippet = recipe_snippet(lines, expander, loc)
        return parse_embedded(makefile.path, makefile.text, snippet.text, snippet.to_host)
    except Refusal:
        if any(lines[0].start <= s.start < lines[-1].stop for s in named):
            raise
        return None


def _by_recipe(units: list[_Unit]) -> list[tuple[Recipe, list[_Unit]]]:
    groups: dict[int, tuple[Recipe, list[_Unit]]] = {}
    for unit in units:
        groups.setdefault(id(unit.recipe), (unit.recipe, []))[1].append(unit)
    return list(groups.values())


def _render(unit: _Unit, renderer: RecipeRenderer, text: str) -> tuple[list[Cut], bool]:
    """The cuts for one unit, and whether nothing of it remains."""
    script = unit.script
    rendered = [(s, renderer.node(s.node) if s.node is not None else None) for s in script.statements]
    changed = [(s, new) for s, new in rendered
               if s.node is not None and new != text[script.host(s.start):script.host(s.end, end=True)]]
    if not changed:
        return [], False
    if all(s.node is not None and (new is None or _TRIVIAL.match(new)) for s, new in rendered):
        first, last = unit.lines[0], unit.lines[-1]
        if first.inline:  # the recipe after `;` goes with its `;`
            return [Cut(first.start - 1, last.end, "")], True
        return [Cut(first.start, last.stop, "")], True
    cuts = []
    for statement, new in changed:
        start, end = script.host(statement.start), script.host(statement.end, end=True)
        if new is None:
            start, end = _whole_lines(text, start, end)
        cuts.append(Cut(start, end, new or ""))
    return cuts, False


def _whole_lines(text: str, start: int, end: int) -> tuple[int, int]:
    """A removed statement of a .ONESHELL recipe takes its lines when nothing else is on them."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if text[line_start:start].strip(" \t@-+") or text[end:line_end].strip():
        return start, end
    return line_start, min(line_end + 1, len(text))


def _apply(text: str, cuts: list[Cut]) -> str:
    out, cursor, removed_at = [], 0, []
    for cut in sorted(set(cuts), key=lambda c: (c.start, c.end)):
        if cut.start < cursor:
            continue  # inside a bigger cut already made
        out.append(text[cursor:cut.start])
        if not cut.text and (cut.start == 0 or text[cut.start - 1] == "\n") and text[cut.end - 1:cut.end] == "\n":
            removed_at.append(sum(len(p) for p in out))
        out.append(cut.text)
        cursor = cut.end
    out.append(text[cursor:])
    result = "".join(out)
    for point in reversed(removed_at):  # where removed lines sat between two blank lines, keep one
        if result[max(0, point - 2):point] == "\n\n" and result[point:point + 1] == "\n":
            result = result[:point] + result[point + 1:]
    return result


def _checked(makefile: MakefileText, text: str) -> str:
    try:
        read_makefile(parse_makefile(makefile.path, text), Variables(), None)
    except Refusal as refusal:
        loc = refusal.finding.loc
        line = text.splitlines()[loc.line - 1].strip() if loc and 0 < loc.line <= len(text.splitlines()) else ""
        raise refuse("MIG169", loc, text=line) from None
    return text
