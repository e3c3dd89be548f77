"""Make's read phase: the Makefile's lines in order, as make reads them before it runs anything.

Assignments happen in order (`:=` expands at once, `=` at each use), conditionals are decided
with the variables known so far (conditionals.py), and rules are recorded with their targets and
prerequisites expanded at once (read_rules.py). What cannot be decided does not stop the read:
it is recorded as a Blocker on what it may change, and the walk refuses only when the flow
reaches it."""

from __future__ import annotations

from dataclasses import dataclass, replace

from migrator.findings import refuse
from migrator.frontends.make.conditionals import Conditionals
from migrator.frontends.make.database import Blocker, Database, Recipe
from migrator.frontends.make.expand import Expander, Hooks
from migrator.frontends.make.parse import Line, LineKind, MakefileText, is_rule_line
from migrator.frontends.make.read_rules import read_rule
from migrator.frontends.make.rules import assignment_syntax, rule_syntax
from migrator.frontends.make.variables import Origin, Variable, Variables
from migrator.source import Loc
from migrator.trace.values import Unknown, Value

_SHELLS = {"/bin/sh", "sh", "/bin/bash", "bash", "/usr/bin/bash", "/bin/dash"}
_SHELL_FLAGS = {"-c", "-ec", "-e -c", "-eu -c", "-euc", "-xc", "-ex -c", "-exc"}
_DIRECTIVES = {"include", "-include", "sinclude", "vpath", "load", "-load", "undefine"}


@dataclass(frozen=True)
class Modifiers:
    override: bool = False
    export: bool | None = None  # True: `export`, False: `unexport`


def read_makefile(makefile: MakefileText, variables: Variables, hooks: Hooks | None) -> Database:
    """The database make builds from MAKEFILE, starting from VARIABLES (the command line's, make's own)."""
    return Reader(makefile, variables, hooks).read()


class Reader:
    def __init__(self, makefile: MakefileText, variables: Variables, hooks: Hooks | None):
        self.makefile = makefile
        self.db = Database(makefile, variables)
        self.hooks = hooks
        self.conditionals = Conditionals(self)
        self.recipe: Recipe | None = None  # where recipe lines go now
        self.recipe_targets: list[str] = []

    def loc(self, line: Line) -> Loc:
        return Loc(self.makefile.path, line.number)

    def expander(self, line: Line) -> Expander:
        return Expander(self.db.variables, self.hooks, self.loc(line), (line.start, line.end))

    def blocker(self, code: str, line: Line, **fields: str) -> Blocker:
        return Blocker(code, self.loc(line), tuple(fields.items()))

    def read(self) -> Database:
        for line in self.makefile.lines:
            if line.kind is LineKind.MAKE and self.conditionals.handle(line):
                continue
            if not self.conditionals.active:
                continue
            taint = self.conditionals.taint
            if line.kind is LineKind.RECIPE:
                self.read_recipe(line, taint)
            elif taint is not None:
                self.mark(line, taint)
            elif line.kind is LineKind.DEFINE:
                self.recipe = None
                self.read_define(line)
            else:
                self.read_line(line)
        self.conditionals.finish()
        return self.db

    # --- lines --------------------------------------------------------------------------------

    def read_recipe(self, line: Line, taint: Loc | None) -> None:
        if self.recipe is None:
            raise refuse("MIG167", self.loc(line), why="a recipe line before the first rule")
        self.recipe.lines.append(line)
        if taint is not None:
            for target in self.recipe_targets:
                self.block(target, self.conditionals.blocker(taint, f"the recipe of {target}"))

    def read_line(self, line: Line) -> None:
        text = line.text.strip()
        offset = len(line.text) - len(line.text.lstrip())
        modifiers, skip = split_modifiers(text)
        rest = text[skip:]
        word = rest.split(None, 1)[0] if rest else ""
        if not (modifiers.override or modifiers.export is not None) and word not in _DIRECTIVES \
                and is_rule_line(rest):
            read_rule(self, line, offset + skip)
            return
        self.recipe = None
        if word in _DIRECTIVES:
            self.read_directive(line, word, rest[len(word):].strip())
        elif assignment_syntax(rest) is not None:
            self.read_assignment(line, offset + skip, modifiers)
        elif modifiers.export is not None:
            self.read_export(line, rest, modifiers.export)
        else:
            self.read_computed(line, text)

    def read_computed(self, line: Line, text: str) -> None:
        """A line that is neither: make expands it (`$(info …)`, `$(eval …)`) and reads the result."""
        expanded = self.expander(line).expand(text)
        if expanded.literal is not None and not expanded.literal.strip():
            return
        if "$" not in text:
            raise refuse("MIG167", self.loc(line), why=f"missing separator in `{text}`")
        self.db.blockers.append(self.blocker("MIG161", line, construct="a line make computes", text=text))

    def read_directive(self, line: Line, word: str, argument: str) -> None:
        if word == "undefine":
            self.db.variables.table.pop(argument, None)
            return
        if word in ("-include", "sinclude") and self.hooks is not None:
            names = self.expander(line).literal(argument)
            if names is not None and all(self.hooks.path_exists(n) is False for n in names.split()):
                # A missing optional file is not read, unless a rule makes it: the walk checks that.
                self.db.optional_includes += [(n, self.loc(line)) for n in names.split()]
                return
        construct = "include" if "include" in word else word
        self.db.blockers.append(self.blocker("MIG161", line, construct=construct, text=line.text.strip()))

    def read_export(self, line: Line, names_text: str, export: bool) -> None:
        names = self.expander(line).literal(names_text)
        variables = self.db.variables
        if names is None:
            self.db.blockers.append(self.blocker("MIG160", line, text=line.text.strip(),
                                                 why="the names are not known", what="what recipes see"))
        elif not names.split():
            variables.export_all = export
        else:
            for name in names.split():
                variables.export[name] = export

    def read_assignment(self, line: Line, offset: int, modifiers: Modifiers) -> None:
        text = line.text[offset:]
        syntax = assignment_syntax(text)
        assert syntax is not None
        expander = self.expander(line)
        name = expander.literal(text[:syntax.name[1]].strip())
        if name is None:
            raise refuse("MIG160", self.loc(line), text=line.text.strip(),
                         why="the name is not known when make reads it", what="which variable is set")
        name = name.strip()
        start = offset + syntax.value
        variable = self.assigned(line, name, syntax.operator, line.text[start:], line.positions[start:], expander)
        if variable is None:
            return
        if expander.taints:
            variable = replace(variable, tainted=expander.taints[0][0])
        origin = Origin.OVERRIDE if modifiers.override else Origin.FILE
        self.db.variables.assign(name, replace(variable, origin=origin), modifiers.override)
        if modifiers.export is not None:
            self.db.variables.export[name] = modifiers.export
        self.check_special(line, name)

    def assigned(self, line: Line, name: str, operator: str, raw: str, positions: tuple[int, ...],
                 expander: Expander) -> Variable | None:
        """The variable an assignment makes; None when it changes nothing (`?=` of a set name)."""
        loc = self.loc(line)
        current = self.db.variables.get(name)
        if operator == "=":
            return Variable(True, raw, Value(), Origin.FILE, loc, positions)
        if operator in (":=", "::="):
            return Variable(False, "", expander.expand(raw, positions), Origin.FILE, loc)
        if operator == "?=":
            if current is not None:
                return None
            return Variable(True, raw, Value(), Origin.FILE, loc, positions, defaulted=loc)
        if operator == "!=":
            command = expander.expand(raw, positions).literal
            output = Value((Unknown(f"$(shell {raw})"),)) if command is None or self.hooks is None \
                else self.hooks.shell(command, (line.start, line.end))
            return Variable(False, "", output, Origin.FILE, loc)
        if operator == "+=":
            return self.appended(current, name, raw, positions, expander, loc)
        raise refuse("MIG161", loc, construct=f"the {operator} assignment", text=line.text.strip())

    @staticmethod
    def appended(current: Variable | None, name: str, raw: str, positions: tuple[int, ...],
                 expander: Expander, loc: Loc) -> Variable:
        if current is None:
            # Unset in the file: the environment may hold a value that `+=` appends to.
            unknown = Value((Unknown(f"$({name})"),))
            return Variable(False, "", unknown + Value.of(" ") + expander.expand(raw), Origin.FILE, loc)
        if current.recursive:
            joined = current.positions + ((positions[0] - 1,) if positions else ()) + positions
            return replace(current, text=f"{current.text} {raw}", positions=joined if current.positions else ())
        return replace(current, value=current.value + Value.of(" ") + expander.expand(raw, positions))

    def check_special(self, line: Line, name: str) -> None:
        """SHELL, .SHELLFLAGS, VPATH and .RECIPEPREFIX change how every recipe runs or every file is found."""
        if name not in ("SHELL", ".SHELLFLAGS", "VPATH", ".RECIPEPREFIX"):
            return
        variable = self.db.variables.get(name)
        assert variable is not None
        value = variable.value if not variable.recursive else self.expander(line).expand(variable.text)
        literal = (value.literal or "").strip() if value.literal is not None else None
        if (name == "SHELL" and literal in _SHELLS) or (name == ".SHELLFLAGS" and literal in _SHELL_FLAGS):
            return
        if name in ("VPATH", ".RECIPEPREFIX") and literal == "":
            return
        self.db.blockers.append(self.blocker("MIG161", line, construct=name, text=line.text.strip()))

    def read_define(self, line: Line) -> None:
        modifiers, skip = split_modifiers(line.text.strip())
        words = line.text.strip()[skip:].split()
        name = words[1] if len(words) > 1 else ""
        operator = words[2] if len(words) > 2 else "="
        if operator in (":=", "::="):
            variable = Variable(False, "", self.expander(line).expand(line.body), Origin.FILE, self.loc(line),
                                multiline=True)
        else:
            variable = Variable(True, line.body, Value(), Origin.FILE, self.loc(line), multiline=True)
        self.db.variables.assign(name, variable, modifiers.override)
        if modifiers.export is not None:
            self.db.variables.export[name] = modifiers.export

    # --- what an undecided conditional holds ----------------------------------------------------

    def block(self, target: str, blocker: Blocker) -> None:
        rule = self.db.rule(target)
        if rule.blocker is None:
            rule.blocker = blocker

    def mark(self, line: Line, taint: Loc) -> None:
        """A line inside a conditional that could not be decided: whatever it defines is marked."""
        _, skip = split_modifiers(line.text.strip())
        rest = line.text.strip()[skip:]
        word = rest.split(None, 1)[0] if rest else ""
        if line.kind is LineKind.MAKE and word not in _DIRECTIVES and is_rule_line(rest):
            names = self.expander(line).literal(rest[:rule_syntax(rest).targets[1]])
            for name in (names or "").split():
                self.block(name, self.conditionals.blocker(taint, f"the rule for {name}"))
                if self.db.first_target is None and self.db.first_target_blocker is None:
                    self.db.first_target_blocker = self.conditionals.blocker(taint, "the default goal")
            if names is None:
                self.db.blockers.append(self.conditionals.blocker(taint, "which rules exist"))
            self.recipe, self.recipe_targets = Recipe(), (names or "").split()
            return
        self.recipe = None
        syntax = assignment_syntax(rest)
        if line.kind is LineKind.DEFINE or syntax is not None:
            words = rest.split()
            if line.kind is LineKind.DEFINE:
                raw = words[1] if len(words) > 1 else ""
            else:
                raw = rest[:syntax.name[1]] if syntax else ""
            name = (self.expander(line).literal(raw) or "").strip()
            base = self.db.variables.get(name) or Variable(True, "", Value(), Origin.FILE)
            self.db.variables.table[name] = replace(base, tainted=taint)
        elif word in _DIRECTIVES or split_modifiers(rest)[0].export is not None:
            self.db.blockers.append(self.conditionals.blocker(taint, "what the file reads or exports"))


def split_modifiers(text: str) -> tuple[Modifiers, int]:
    """`override`, `export`, `unexport`, `private` in front of an assignment: what they say, and
    where the rest starts."""
    override, export, i = False, None, 0
    while True:
        parts = text[i:].split(None, 1)
        if not parts or parts[0] not in ("override", "export", "unexport", "private"):
            break
        if parts[0] == "override":
            override = True
        elif parts[0] != "private":
            export = parts[0] == "export"
        i += len(parts[0])
        while i < len(text) and text[i] in " \t":
            i += 1
    return Modifiers(override, export), i
