"""What make knows once it has read a Makefile: its rules, its variables, its special targets and
what it could not resolve (so that the walk refuses exactly when the flow depends on it)."""

from __future__ import annotations

from dataclasses import dataclass, field

from migrator.frontends.make.parse import Line, MakefileText
from migrator.frontends.make.variables import Variables
from migrator.source import Loc

# Special targets that change nothing the trace follows.
IGNORED_SPECIAL = {".SUFFIXES", ".SILENT", ".IGNORE", ".PRECIOUS", ".INTERMEDIATE", ".SECONDARY",
                   ".DELETE_ON_ERROR", ".NOTPARALLEL", ".POSIX", ".LOW_RESOLUTION_TIME", ".NOTINTERMEDIATE",
                   ".WAIT", ".KEEP_STATE"}


@dataclass(frozen=True)
class Blocker:
    """A construct the trace cannot follow: refused with CODE when the flow depends on it."""

    code: str
    loc: Loc
    fields: tuple[tuple[str, str], ...]


@dataclass
class Recipe:
    """The recipe lines written under one rule line (all of its targets share them)."""

    lines: list[Line] = field(default_factory=list)
    inline: Line | None = None  # the recipe after `;` on the rule line itself

    @property
    def all_lines(self) -> list[Line]:
        return ([self.inline] if self.inline is not None else []) + self.lines


@dataclass
class Rule:
    target: str
    headers: list[Line] = field(default_factory=list)  # the rule lines that name this target
    prerequisites: list[str] = field(default_factory=list)
    order_only: list[str] = field(default_factory=list)
    recipes: list[Recipe] = field(default_factory=list)  # one per rule line that names it
    blocker: Blocker | None = None  # it depends on something the trace cannot follow

    @property
    def recipe(self) -> Recipe | None:
        """The recipe make runs: the last one written (make warns that it overrides the others)."""
        return next((r for r in reversed(self.recipes) if r.all_lines), None)


@dataclass
class Database:
    makefile: MakefileText
    variables: Variables
    rules: dict[str, Rule] = field(default_factory=dict)
    phony: set[str] = field(default_factory=set)
    patterns: list[tuple[str, Loc]] = field(default_factory=list)  # pattern, suffix and .DEFAULT rules
    oneshell: bool = False
    first_target: str | None = None
    first_target_blocker: Blocker | None = None  # a rule before it may or may not exist
    blockers: list[Blocker] = field(default_factory=list)  # constructs that may change any part of the flow
    optional_includes: list[tuple[str, Loc]] = field(default_factory=list)  # `-include` of a missing file
    undecided: dict[Loc, tuple[str, str]] = field(default_factory=dict)  # conditional -> (its text, why)

    def rule(self, target: str) -> Rule:
        if target not in self.rules:
            self.rules[target] = Rule(target)
        return self.rules[target]

    def default_goal(self) -> str | None:
        variable = self.variables.get(".DEFAULT_GOAL")
        if variable is not None and not variable.recursive and variable.value.literal:
            return variable.value.literal.strip() or self.first_target
        return self.first_target

    def undecided_blocker(self, conditional: Loc, what: str) -> Blocker:
        """Refusal for WHAT, which the undecided conditional at CONDITIONAL may change."""
        text, why = self.undecided[conditional]
        return Blocker("MIG160", conditional, (("text", text), ("why", why), ("what", what)))
