"""One make process, traced: it reads its Makefile (read.py), then brings its goals up to date as
make does: prerequisites first, depth-first and left to right, each target once; a target whose
file is there (in the checkout, or made by an earlier step) and whose prerequisites were not
remade is not made again. Each recipe line is its own `sh -c` (`.ONESHELL`: the whole recipe),
walked by the shell front end's walker from make's directory, so the working directory and
shell variables start afresh on each line. `make`/`$(MAKE)` on the same Makefile is a new make
process of this file; on another file, the engine's flow across files takes it."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from migrator.findings import finding, refuse
from migrator.frontends.make.database import Blocker, Database, Rule
from migrator.frontends.make.expand import Expander
from migrator.frontends.make.functions import pattern_match
from migrator.frontends.make.invocation import Invocation, parse_invocation, within
from migrator.frontends.make.parse import MakefileText, parse_makefile
from migrator.frontends.make.read import read_makefile
from migrator.frontends.make.recipe import Snippet, automatic_variables, recipe_snippet
from migrator.frontends.make.variables import Origin, Variable, Variables
from migrator.frontends.shell.builtins import BUILTINS
from migrator.frontends.shell.parse import parse_embedded
from migrator.frontends.shell.walk import DOCKER_WORD, ShellWalker
from migrator.source import Loc
from migrator.trace.command import Command
from migrator.trace.engine import TraceEngine
from migrator.trace.values import Unknown, Value, to_repo_relative

MAX_MAKE_DEPTH = 8  # make running make running make …: past this the flow is not followed


@lru_cache(maxsize=16)
def parsed(path: str, text: str) -> MakefileText:
    return parse_makefile(path, text)


class MakeRun:
    def __init__(self, makefile: MakefileText, engine: TraceEngine, invocation: Invocation,
                 environment: dict[str, Value], depth: int = 0):
        self.makefile = makefile
        self.engine = engine
        self.state = engine.state
        self.invocation = invocation
        self.directory = invocation.directory
        self.environment = environment
        self.depth = depth
        self.done: dict[str, bool] = {}  # target -> remade
        self.builtins = {**BUILTINS, "make": self.make, "gmake": self.make}
        self.db: Database | None = None

    # --- the process ---------------------------------------------------------------------------

    def run(self) -> None:
        variables = Variables(environment=dict(self.environment))
        for name, value in self.invocation.overrides:
            variables.table[name] = Variable(False, "", value, Origin.COMMAND_LINE)
        variables.table["CURDIR"] = Variable(False, "", self.directory, Origin.FILE)
        variables.table["MAKECMDGOALS"] = Variable(False, "", Value.of(" ".join(self.invocation.goals)), Origin.FILE)
        variables.table["MAKELEVEL"] = Variable(False, "", Value.of(str(self.depth)), Origin.FILE)
        variables.table["MAKEFILE_LIST"] = Variable(False, "", Value.of(" " + self.makefile.path), Origin.FILE)
        saved = self.state.cwd
        self.state.cwd = self.directory  # `$(shell …)` while make reads runs there
        try:
            self.db = read_makefile(self.makefile, variables, self)
        finally:
            self.state.cwd = saved
        db = self.db
        if db.blockers:
            raise _refusal(db.blockers[0])
        made = next((name for name, loc in db.optional_includes if name in db.rules), None)
        if made is not None:
            loc = next(loc for name, loc in db.optional_includes if name == made)
            raise refuse("MIG161", loc, construct="-include of a file a rule makes", text=made)
        for goal in self.invocation.goals or [self.default_goal()]:
            self.update(goal, None)

    def default_goal(self) -> str:
        assert self.db is not None
        if self.db.first_target_blocker is not None and self.db.variables.get(".DEFAULT_GOAL") is None:
            raise _refusal(self.db.first_target_blocker)
        goal = self.db.default_goal()
        if goal is None:
            raise refuse("MIG162", Loc(self.makefile.path, 1), target="a default goal",
                         needed="make was run without one")
        return goal

    def loc(self, rule: Rule | None) -> Loc:
        return Loc(self.makefile.path, rule.headers[0].number if rule and rule.headers else 1)

    # --- targets -------------------------------------------------------------------------------

    def update(self, target: str, needed_by: Rule | None) -> bool:
        """Bring TARGET up to date; True when it was remade (or counts as remade)."""
        if target in self.done:
            return self.done[target]
        self.done[target] = False  # a circular dependency is dropped, as make does
        assert self.db is not None
        rule = self.db.rules.get(target)
        if rule is not None and rule.blocker is not None:
            raise _refusal(rule.blocker)
        phony = target in self.db.phony
        if rule is None or rule.recipe is None:
            self.check_patterns(target, rule, needed_by, phony)
        if rule is None:
            remade = phony or self.missing(target, needed_by)
            self.done[target] = remade
            return remade
        remade_prerequisites = [p for p in rule.prerequisites if self.update(p, rule)]
        for prerequisite in rule.order_only:
            self.update(prerequisite, rule)
        remade = self.decide(target, rule, phony, bool(remade_prerequisites))
        if remade and rule.recipe is not None:
            self.run_recipe(target, rule, remade_prerequisites)
        self.done[target] = remade
        return remade

    def missing(self, target: str, needed_by: Rule | None) -> bool:
        """A target without a rule: fine when its file is there, else make stops."""
        if self.exists(target):
            return False
        needed = f"needed by {needed_by.target}" if needed_by else "the goal"
        raise refuse("MIG162", self.loc(needed_by), target=target, needed=needed)

    def check_patterns(self, target: str, rule: Rule | None, needed_by: Rule | None, phony: bool) -> None:
        """A target with no recipe of its own may be made by a pattern rule: which one, if any,
        depends on files the trace cannot compare."""
        assert self.db is not None
        if phony:
            return
        for pattern, loc in self.db.patterns:
            matches = (pattern == ".DEFAULT" and rule is None and not self.exists(target)) or \
                pattern_match(pattern, target) is not None
            if matches:
                raise refuse("MIG163", loc, rule=pattern, target=target)

    def decide(self, target: str, rule: Rule, phony: bool, prerequisites_remade: bool) -> bool:
        if phony or self.invocation.always_make or not self.exists(target) or prerequisites_remade:
            return True
        recipe = rule.recipe
        if recipe is None:
            return False
        if rule.prerequisites:
            raise refuse("MIG164", self.loc(rule), target=target, prerequisites=" ".join(rule.prerequisites))
        text = " ".join(line.text for line in recipe.all_lines)
        if DOCKER_WORD.search(text):
            self.warn("MIG261", self.loc(rule), target=target)
        return False

    def exists(self, target: str) -> bool:
        path = self.state.repo_path(within(self.state, self.directory, Value.of(target)))
        return path is not None and self.state.host.kind(path) is not None

    # --- recipes -------------------------------------------------------------------------------

    def run_recipe(self, target: str, rule: Rule, remade_prerequisites: list[str]) -> None:
        assert self.db is not None and rule.recipe is not None
        lines = rule.recipe.all_lines
        loc = Loc(self.makefile.path, lines[0].number)
        expander = Expander(self.db.variables, self, loc, (lines[0].start, lines[-1].end),
                            self.automatic(target, rule, remade_prerequisites))
        units = [lines] if self.db.oneshell else [[line] for line in lines]
        # make expands the whole recipe before it runs its first line
        snippets = [recipe_snippet(unit, expander, Loc(self.makefile.path, unit[0].number)) for unit in units]
        if expander.taints:
            taint, name = expander.taints[0]
            raise _refusal(self.db.undecided_blocker(taint, f"the value of {name} in the recipe of {target}"))
        for snippet in snippets:
            self.run_shell(snippet)

    def automatic(self, target: str, rule: Rule, remade: list[str]) -> dict[str, Value]:
        prerequisites = rule.prerequisites
        newer = " ".join(prerequisites) if not self.exists(target) or remade == prerequisites else None
        return automatic_variables(target, rule, newer)

    def run_shell(self, snippet: Snippet) -> Value:
        """One `sh -c`, from make's directory: shell variables and the working directory start afresh."""
        script = parse_embedded(self.makefile.path, self.makefile.text, snippet.text, snippet.to_host)
        walker = ShellWalker(script, self.engine, self.builtins)
        walker.vars.update(self.exported(snippet.text))
        walker.vars.update(snippet.unknowns)
        saved = self.state.cwd
        self.state.cwd = self.directory
        try:
            walker.run()
        finally:
            self.state.cwd = saved
        return Value()

    def exported(self, text: str) -> dict[str, Value]:
        """The exported make variables the shell code reads (`$NAME`), expanded."""
        assert self.db is not None
        names = [n for n in self.db.variables.exported() if re.search(r"\$\{?" + re.escape(n) + r"\b", text)]
        expander = Expander(self.db.variables, self, Loc(self.makefile.path, 1), (0, 0))
        values = {name: expander.variable(name) for name in names}
        if expander.taints:
            taint, name = expander.taints[0]
            raise _refusal(self.db.undecided_blocker(taint, f"the value of {name} a recipe reads"))
        return values

    # --- make running make ---------------------------------------------------------------------

    def make(self, walker: ShellWalker, command: Command) -> Value:
        invocation = parse_invocation(tuple(w.value for w in command.args()), self.state)
        if invocation.makefile != self.makefile.path:
            return self.engine.run(command)  # another Makefile: a flow across files
        invocation.check(command.loc, command.text)
        if self.depth + 1 >= MAX_MAKE_DEPTH:
            raise refuse("MIG165", command.loc, text=command.text, why="make runs make too deep")
        overrides = dict(self.invocation.overrides) | dict(invocation.overrides)
        environment = self.environment | self.exported_values()
        nested = replace(invocation, overrides=tuple(overrides.items()))
        saved = self.state.cwd
        try:
            MakeRun(self.makefile, self.engine, nested, environment, self.depth + 1).run()
        finally:
            self.state.cwd = saved
        return Value()

    def exported_values(self) -> dict[str, Value]:
        assert self.db is not None
        expander = Expander(self.db.variables, self, Loc(self.makefile.path, 1), (0, 0))
        return {name: expander.variable(name) for name in self.db.variables.exported()}

    # --- what expansion asks (expand.Hooks) ----------------------------------------------------

    def shell(self, command: str, span: tuple[int, int]) -> Value:
        """`$(shell …)`: run through the shell walker (its spans: the whole reference)."""
        if DOCKER_WORD.search(command):
            raise refuse("MIG166", self.makefile.loc(span[0]), text=command)
        script = parse_embedded(self.makefile.path, self.makefile.text, command,
                                lambda offset, end=False: span[1] if end else span[0])
        walker = ShellWalker(script, self.engine, self.builtins)
        saved = self.state.cwd
        self.state.cwd = self.directory
        try:
            output = Value()
            for statement in script.statements:
                if statement.node is None:
                    walker.check_opaque(statement.start, statement.end, statement.line)
                    output = Value((Unknown(f"$(shell {command})"),))
                else:
                    output = walker.substitute(statement.node)
            return output
        finally:
            self.state.cwd = saved

    def defaulted(self, name: str, variable: Variable) -> None:
        loc = variable.defaulted
        assert loc is not None
        self.warn("MIG260", loc, name=name)

    def path_exists(self, path: str) -> bool | None:
        resolved = self.state.repo_path(within(self.state, self.directory, Value.of(path)))
        if resolved is None:
            literal = within(self.state, self.directory, Value.of(path)).literal
            return None if literal is None or to_repo_relative(literal) is not None else False
        return self.state.host.kind(resolved) is not None

    def warn(self, code: str, loc: Loc, **fields: str) -> None:
        key = (code, str(loc), *fields.values())
        self.state.record.warnings.setdefault(key, finding(code, loc, **fields))


def _refusal(blocker: Blocker) -> Exception:
    return refuse(blocker.code, blocker.loc, **dict(blocker.fields))
