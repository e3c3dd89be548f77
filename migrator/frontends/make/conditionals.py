"""`ifeq`, `ifneq`, `ifdef`, `ifndef`, `else`, `endif`, decided as make decides them while it reads
the file. One whose operands are not known (the environment, `$(shell …)`, a variable set under
another undecided conditional) is undecided: the lines inside are read as possibly there, and a
flow that depends on them is refused at the conditional's line (MIG160)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from migrator.findings import refuse
from migrator.frontends.make.database import Blocker
from migrator.frontends.make.parse import Line
from migrator.source import Loc
from migrator.trace.values import Value

if TYPE_CHECKING:
    from migrator.frontends.make.read import Reader

_DIRECTIVE = re.compile(r"^(ifeq|ifneq|ifdef|ifndef|else|endif)(?=[\s(\"']|$)")


@dataclass
class _Frame:
    active: bool  # the branch being read is taken
    taken: bool  # a branch of this conditional was taken already
    taint: Loc | None  # undecided: the conditional's line


class Conditionals:
    def __init__(self, reader: Reader):
        self.reader = reader
        self.stack: list[_Frame] = []

    @property
    def active(self) -> bool:
        return all(frame.active for frame in self.stack)

    @property
    def taint(self) -> Loc | None:
        return next((frame.taint for frame in self.stack if frame.taint is not None), None)

    def blocker(self, taint: Loc, what: str) -> Blocker:
        return self.reader.db.undecided_blocker(taint, what)

    def handle(self, line: Line) -> bool:
        """Is LINE a conditional directive? If so, follow it."""
        text = line.text.strip()
        match = _DIRECTIVE.match(text)
        if match is None:
            return False
        keyword, rest = match.group(1), text[match.end():].strip()
        loc = self.reader.loc(line)
        if keyword == "endif":
            if not self.stack:
                raise refuse("MIG167", loc, why="`endif` without a conditional")
            self.stack.pop()
        elif keyword == "else":
            self.otherwise(line, rest)
        else:
            outer = self.active and self.taint is None
            taken, taint = self.decide(line, keyword, rest) if outer else (False, self.taint)
            self.stack.append(_Frame(taken, taken, taint))
        return True

    def otherwise(self, line: Line, rest: str) -> None:
        loc = self.reader.loc(line)
        if not self.stack:
            raise refuse("MIG167", loc, why="`else` without a conditional")
        frame = self.stack[-1]
        outer = all(f.active for f in self.stack[:-1]) and all(f.taint is None for f in self.stack[:-1])
        if frame.taint is not None or not outer:
            frame.active = frame.taint is not None or False
            return
        if frame.taken:
            frame.active = False
            return
        match = _DIRECTIVE.match(rest)
        if not rest:
            frame.active = frame.taken = True
            return
        if match is None or match.group(1) in ("else", "endif"):
            raise refuse("MIG167", loc, why=f"`else {rest}` is not a conditional")
        taken, taint = self.decide(line, match.group(1), rest[match.end():].strip())
        frame.active, frame.taken, frame.taint = taken or taint is not None, taken, taint

    def finish(self) -> None:
        if self.stack:
            raise refuse("MIG167", Loc(self.reader.makefile.path, len(self.reader.makefile.line_starts)),
                         why="a conditional without its `endif`")

    # --- deciding ------------------------------------------------------------------------------

    def decide(self, line: Line, keyword: str, rest: str) -> tuple[bool, Loc | None]:
        """(taken, None) when decided; (False, the line) when not."""
        expander = self.reader.expander(line)
        loc = self.reader.loc(line)
        if keyword in ("ifdef", "ifndef"):
            value, why = self.definition(expander.literal(rest))
        else:
            operands = _operands(rest)
            if operands is None:
                raise refuse("MIG167", loc, why=f"`{line.text.strip()}` is not `{keyword} (a,b)`")
            first, second = expander.expand(operands[0]), expander.expand(operands[1])
            value, why = None, _unknown(first, second)
            if why is None:
                value = first.literal == second.literal
        if expander.taints and why is None:
            taint, name = expander.taints[0]
            why = f"{name} is set under the conditional at {taint}"
        if why is not None or value is None:
            self.reader.db.undecided[loc] = (line.text.strip(), why or "its operands are not known")
            return False, loc
        return value == (keyword in ("ifeq", "ifdef")), None

    def definition(self, name: str | None) -> tuple[bool | None, str | None]:
        """Whether `ifdef NAME` holds: NAME has a non-empty value."""
        if name is None:
            return None, "the variable's name is not known"
        name = name.strip()
        variable = self.reader.db.variables.get(name)
        if variable is None:
            return None, f"{name} may be set in the environment"
        if variable.tainted is not None:
            return None, f"{name} is set under the conditional at {variable.tainted}"
        if variable.defaulted is not None and self.reader.hooks is not None:
            self.reader.hooks.defaulted(name, variable)
        if variable.recursive:
            return bool(variable.text.strip()), None
        if variable.value.literal is None:
            return None, f"the value of {name} is not known"
        return bool(variable.value.literal), None


def _unknown(*values: Value) -> str | None:
    names = [n for v in values for n in v.unknown_names]
    return f"{', '.join(dict.fromkeys(names))} is not known when make reads the file" if names else None


def _operands(rest: str) -> tuple[str, str] | None:
    """`(a,b)`, `"a" "b"` or `'a' 'b'`, as make cuts them: blanks before the comma and after it go."""
    if rest.startswith("(") and rest.endswith(")"):
        inner, depth = rest[1:-1], 0
        for i, c in enumerate(inner):
            if c in "({":
                depth += 1
            elif c in ")}":
                depth -= 1
            elif c == "," and depth == 0:
                return inner[:i].rstrip(" \t"), inner[i + 1:].lstrip(" \t")
        return None
    match = re.fullmatch(r"""(["'])(.*?)\1\s+(["'])(.*?)\3""", rest)
    return (match.group(2), match.group(4)) if match else None
