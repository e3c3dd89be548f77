"""Reading one rule line: its targets and prerequisites, expanded at once as make does, the
special targets (.PHONY, .ONESHELL …), and the forms the walk cannot follow, recorded on the
targets they concern."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from migrator.frontends.make.database import IGNORED_SPECIAL, Recipe
from migrator.frontends.make.parse import Line, LineKind
from migrator.frontends.make.rules import RuleSyntax, rule_syntax

if TYPE_CHECKING:
    from migrator.frontends.make.read import Reader

# Make's default .SUFFIXES: `.c.o:` (or `.c:`) made of them is an old-fashioned pattern rule.
_SUFFIXES = frozenset({".out", ".a", ".ln", ".o", ".c", ".cc", ".C", ".cpp", ".p", ".f", ".F", ".m", ".r", ".y",
                       ".l", ".ym", ".yl", ".s", ".S", ".mod", ".sym", ".def", ".h", ".info", ".dvi", ".tex",
                       ".texinfo", ".texi", ".txinfo", ".w", ".ch", ".web", ".sh", ".elc", ".el"})
_FORMS = {"::": "a double-colon rule", "&:": "grouped targets"}
_SUFFIX_RULE = re.compile(r"^(\.[^./%]+)(\.[^./%]+)?$")


def read_rule(reader: Reader, line: Line, offset: int) -> None:
    text = line.text[offset:]
    syntax = rule_syntax(text)
    expander = reader.expander(line)
    targets = expander.literal(text[:syntax.targets[1]], line.positions[offset:offset + syntax.targets[1]])
    recipe = Recipe(inline=_inline_recipe(reader.makefile.text, line, offset, syntax))
    reader.recipe, reader.recipe_targets = recipe, []
    if targets is None or expander.taints:
        reader.db.blockers.append(reader.blocker("MIG160", line, text=line.text.strip(),
                                                 why="its targets are not known when make reads it",
                                                 what="which rules exist"))
        return
    names = targets.split()
    if syntax.target_variable:
        for name in names:
            reader.block(name, reader.blocker("MIG161", line, construct="a target-specific variable",
                                              text=line.text.strip()))
        return
    prerequisites = expander.expand(text[syntax.prerequisites[0]:syntax.prerequisites[1]])
    order_only = expander.expand(text[syntax.order_only[0]:syntax.order_only[1]]) if syntax.order_only else None
    if names and names[0].startswith(".") and _special(reader, line, names[0], prerequisites.literal):
        return
    reader.recipe_targets = names
    for name in names:
        if "%" in name or _suffix_rule(name):
            reader.db.patterns.append((name, reader.loc(line)))
            continue
        rule = reader.db.rule(name)
        rule.headers.append(line)
        rule.recipes.append(recipe)
        if syntax.separator != ":" or syntax.static_pattern:
            construct = _FORMS.get(syntax.separator, "a static pattern rule")
            reader.block(name, reader.blocker("MIG161", line, construct=construct, text=line.text.strip()))
        if prerequisites.literal is None or (order_only is not None and order_only.literal is None) or expander.taints:
            reader.block(name, reader.blocker("MIG160", line, text=line.text.strip(),
                                              why="its prerequisites are not known when make reads it",
                                              what=f"what {name} needs"))
        rule.prerequisites += (prerequisites.literal or "").split()
        rule.order_only += ((order_only.literal or "") if order_only else "").split()
        if reader.db.first_target is None and (not name.startswith(".") or "/" in name):
            reader.db.first_target = name


def _special(reader: Reader, line: Line, name: str, prerequisites: str | None) -> bool:
    """Handle a special target; False when NAME is an ordinary target that starts with a dot."""
    db = reader.db
    if name == ".PHONY":
        db.phony.update((prerequisites or "").split())
    elif name == ".ONESHELL":
        db.oneshell = True
    elif name == ".EXPORT_ALL_VARIABLES":
        db.variables.export_all = True
    elif name in (".SECONDEXPANSION", ".DEFAULT"):
        if name == ".DEFAULT":
            db.patterns.append((name, reader.loc(line)))
        else:
            db.blockers.append(reader.blocker("MIG161", line, construct=name, text=line.text.strip()))
    elif name not in IGNORED_SPECIAL:
        return False
    return True


def _inline_recipe(text: str, line: Line, offset: int, syntax: RuleSyntax) -> Line | None:
    """The recipe after `;` on the rule line: shell code from there to the line's end."""
    if syntax.recipe is None:
        return None
    start = line.host(offset + syntax.recipe)
    return Line(LineKind.RECIPE, start, line.end, line.stop, line.number, text[start:line.end], inline=True)


def _suffix_rule(name: str) -> bool:
    match = _SUFFIX_RULE.match(name)
    return match is not None and all(s in _SUFFIXES for s in match.groups() if s)
