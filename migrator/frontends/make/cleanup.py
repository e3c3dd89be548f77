"""Targets the migration empties: a target whose whole recipe went (it made an extracted file, or
ran the builder build) and that needs nothing else goes too, with the prerequisites that name it
and its `.PHONY` entry, unless something else still uses it: the default goal, a second rule for
it, a recipe that reads `$<`/`$^` of a rule that needs it, or any other mention in the file. The
same question is asked again of what it needed, until nothing changes. A recipe line that does not
run make names files, not targets (`rm -f tool.bin`): that mention does not keep the target."""

from __future__ import annotations

import re
from dataclasses import dataclass

from migrator.frontends.make.database import Database, Rule
from migrator.frontends.make.expand import Expander
from migrator.frontends.make.parse import Line, LineKind, is_rule_line
from migrator.frontends.make.rules import rule_syntax, words_with_offsets
from migrator.source import Loc

_READS_PREREQUISITES = re.compile(r"\$(?:[<^+?|]|[({][<^+?|][DF]?[)}])")
# A recipe line that runs make may name a target as a goal; any other names files, not targets.
_RUNS_MAKE = re.compile(r"\$[({]MAKE[)}]|(?<![\w.-])g?make(?![\w.-])")


@dataclass(frozen=True)
class Cut:
    start: int
    end: int
    text: str  # what replaces [start, end)


def emptied_targets_cuts(db: Database, emptied: set[int], cuts: list[Cut]) -> list[Cut]:
    """The cuts that remove targets whose recipe (by id, in EMPTIED) the other CUTS emptied."""
    goal = db.default_goal()
    candidates = [t for t, rule in db.rules.items() if rule.recipe is not None and id(rule.recipe) in emptied
                  and len(rule.headers) == 1 and _targets(db, rule.headers[0]) == [t] and t != goal]
    phony = [line for line in db.makefile.lines if line.kind is LineKind.MAKE
             and line.text.strip().startswith(".PHONY") and is_rule_line(line.text.strip())]
    removed: list[str] = []
    changed = True
    while changed:
        changed = False
        for target in candidates:
            rule = db.rules[target]
            if target in removed or any(p not in removed for p in rule.prerequisites + rule.order_only):
                continue
            if _unused(db, target, removed, cuts, phony):
                removed.append(target)
                changed = True
    out = []
    for target in removed:
        header = db.rules[target].headers[0]
        out.append(Cut(header.start, header.stop, ""))
        for line in [*(r.headers[0] for r in _users(db, target, removed)), *phony]:
            out += [Cut(s, e, "") for s, e in _word_ranges(db, line, target)]
    return out


def _targets(db: Database, line: Line) -> list[str]:
    text = line.text.strip()
    return [_expanded(db, word) for word in text[:rule_syntax(text).targets[1]].split()]


def _expanded(db: Database, word: str) -> str:
    """WORD as make reads it in a rule line (`$(OUT)/app` -> `out/app`); as written when unknown."""
    return _expander(db).literal(word) or word if "$" in word else word


def _expander(db: Database) -> Expander:
    return Expander(db.variables, None, Loc(db.makefile.path, 1), (0, 0))


def _users(db: Database, target: str, removed: list[str]) -> list[Rule]:
    return [r for r in db.rules.values() if r.target not in removed and r.target != target
            and (target in r.prerequisites or target in r.order_only)]


def _unused(db: Database, target: str, removed: list[str], cuts: list[Cut], phony: list[Line]) -> bool:
    """Is TARGET named only where its removal drops it (its rule, prerequisite lists, .PHONY)?"""
    allowed: list[tuple[int, int]] = [(c.start, c.end) for c in cuts]
    allowed.append((db.rules[target].headers[0].start, db.rules[target].headers[0].stop))
    for user in _users(db, target, removed):
        if len(user.headers) != 1 or (user.recipe is not None and any(
                _READS_PREREQUISITES.search(line.text) for line in user.recipe.all_lines)):
            return False
        ranges = _word_ranges(db, user.headers[0], target)
        if not ranges:
            return False  # named through a variable: it cannot be dropped there
        allowed += ranges
    for line in phony:
        allowed += _word_ranges(db, line, target)
    allowed += [(line.start, line.end) for rule in db.rules.values() for recipe in rule.recipes
                for line in recipe.all_lines if not _RUNS_MAKE.search(line.text)]
    text = db.makefile.text
    mentions = re.finditer(r"(?<![\w./-])" + re.escape(target) + r"(?![\w./-])", text)
    return all(any(s <= m.start() < e for s, e in allowed) for m in mentions)


def _word_ranges(db: Database, line: Line, word: str) -> list[tuple[int, int]]:
    """File ranges of WORD among a rule line's prerequisites, each with the blank before it."""
    text = line.text
    offset = len(text) - len(text.lstrip())
    syntax = rule_syntax(text[offset:])
    end = syntax.order_only[1] if syntax.order_only else syntax.prerequisites[1]
    out = []
    for found, i, j in words_with_offsets(text, offset + syntax.prerequisites[0], offset + end):
        if _expanded(db, found) != word:
            continue
        start = line.host(i - 1) if i > 0 and text[i - 1] in " \t" else line.host(i)
        out.append((start, line.host(j - 1) + 1))
    return out
