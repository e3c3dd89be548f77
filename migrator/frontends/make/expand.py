"""Make's expansion of `$(…)`, `${…}`, `$X` and `$$`, symbolically: a value make cannot know while it
runs (the environment, the output of `$(shell …)`) stays an unknown part (trace/values.py).

`pieces` splits a text at its top-level references, so a recipe line's shell code can keep a map
back to the file (recipe.py); `expand` gives the whole value. Reading a variable assigned under a
conditional that could not be resolved is noted in `taints`, for the caller to refuse when it
matters."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import Protocol

from migrator.findings import refuse
from migrator.frontends.make.functions import TEXT_FUNCTIONS, substitution_reference
from migrator.frontends.make.variables import Origin, Variable, Variables
from migrator.source import Loc
from migrator.trace.values import Unknown, Value

_FUNCTION_HEAD = re.compile(r"([a-z][a-z-]*)[ \t]")
_AUTOMATIC = set("@<^+?*|%")
# Functions that would run or define make code at expansion time: what they do cannot be followed.
UNSUPPORTED_FUNCTIONS = {"eval", "file", "let", "guile", "intcmp"}
_SPECIAL = {"if": 3, "or": 0, "and": 0, "foreach": 3, "call": 0, "shell": 1, "error": 1, "warning": 1, "info": 1,
            "origin": 1, "flavor": 1, "value": 1, "wildcard": 1, "abspath": 1, "realpath": 1,
            **dict.fromkeys(UNSUPPORTED_FUNCTIONS, 1)}


class Hooks(Protocol):
    """What expansion needs from the make process that runs it."""

    def shell(self, command: str, span: tuple[int, int]) -> Value:
        """`$(shell COMMAND)`, written at SPAN of the file: what it prints."""

    def defaulted(self, name: str, variable: Variable) -> None:
        """NAME, set by `?=`, was read: make assumed it unset in the environment."""

    def path_exists(self, path: str) -> bool | None:
        """Is PATH (relative to make's directory) there now? None: cannot be told."""


@dataclass(frozen=True)
class Piece:
    start: int  # [START, END) of the expanded text
    end: int
    value: Value
    literal: bool  # plain text: VALUE is TEXT[START:END], character for character


class Expander:
    def __init__(self, variables: Variables, hooks: Hooks | None, loc: Loc, span: tuple[int, int],
                 automatic: dict[str, Value] | None = None):
        self.variables = variables
        self.hooks = hooks
        self.loc = loc  # the line being read or run: where a failure is reported
        self.span = span  # its offsets in the file, for a `$(shell …)` with no better position
        self.automatic = automatic or {}
        self.taints: list[tuple[Loc, str]] = []  # (unresolved conditional, variable read)
        self.bindings: list[dict[str, Value]] = []  # `$(call …)` and `$(foreach …)` locals
        self.active: list[str] = []  # recursive variables being expanded

    # --- text ------------------------------------------------------------------------------

    def expand(self, text: str, positions: tuple[int, ...] = ()) -> Value:
        out = Value()
        for piece in self.pieces(text, positions):
            out = out + piece.value
        return out

    def literal(self, text: str, positions: tuple[int, ...] = ()) -> str | None:
        return self.expand(text, positions).literal

    def pieces(self, text: str, positions: tuple[int, ...] = ()) -> list[Piece]:
        out: list[Piece] = []
        i = plain = 0
        while i < len(text):
            if text[i] != "$":
                i += 1
                continue
            if i > plain:
                out.append(Piece(plain, i, Value.of(text[plain:i]), True))
            end = self._reference_end(text, i)
            out.append(Piece(i, end, self._reference(text, i, end, positions), False))
            i = plain = end
        if plain < len(text):
            out.append(Piece(plain, len(text), Value.of(text[plain:]), True))
        return out

    def _reference_end(self, text: str, i: int) -> int:
        if i + 1 >= len(text):
            return i + 1  # a lone `$` at the end expands to nothing
        opener = text[i + 1]
        if opener not in "({":
            return i + 2
        closer = ")" if opener == "(" else "}"
        depth = 0
        for j in range(i + 1, len(text)):
            if text[j] == opener:
                depth += 1
            elif text[j] == closer:
                depth -= 1
                if depth == 0:
                    return j + 1
        raise refuse("MIG167", self.loc, why=f"unterminated variable reference `{text[i:i + 40]}`")

    def _reference(self, text: str, start: int, end: int, positions: tuple[int, ...]) -> Value:
        if end == start + 1:
            return Value()
        opener = text[start + 1]
        if opener == "$":
            return Value.of("$")
        if opener not in "({":
            return self.variable(opener)
        inner = text[start + 2:end - 1]
        inner_positions = positions[start + 2:end - 1] if positions else ()
        span = (positions[start], positions[end - 1] + 1) if positions else self.span
        head = _FUNCTION_HEAD.match(inner)
        if head and (head.group(1) in TEXT_FUNCTIONS or head.group(1) in _SPECIAL):
            arguments = inner[head.end():]
            offset = head.end()
            return self._function(head.group(1), arguments, inner_positions[offset:], text[start:end], span)
        colon = _top_level(inner, ":")
        if colon is not None and "=" in inner[colon:]:
            return self._substitution(inner, colon, text[start:end])
        name = self.literal(inner, inner_positions)
        if name is None:
            return Value((Unknown(text[start:end]),))
        return self.variable(name)

    def _substitution(self, inner: str, colon: int, source: str) -> Value:
        name = self.literal(inner[:colon])
        before, _, after = inner[colon + 1:].partition("=")
        patterns = (self.literal(before), self.literal(after))
        value = self.variable(name) if name is not None else Value((Unknown(source),))
        if value.literal is None or patterns[0] is None or patterns[1] is None:
            return Value((Unknown(source),))
        return Value.of(substitution_reference(value.literal, patterns[0], patterns[1]))

    # --- variables -------------------------------------------------------------------------

    def variable(self, name: str) -> Value:
        for bound in reversed(self.bindings):
            if name in bound:
                return bound[name]
        automatic = self._automatic(name)
        if automatic is not None:
            return automatic
        variable = self.variables.get(name)
        if variable is None:
            return Value((Unknown(f"$({name})"),))  # unset here; the environment may set it
        if variable.tainted is not None:
            self.taints.append((variable.tainted, name))
        if variable.defaulted is not None and self.hooks is not None:
            self.hooks.defaulted(name, variable)
        if not variable.recursive:
            return variable.value
        if name in self.active:
            raise refuse("MIG167", self.loc, why=f"the variable {name} refers to itself")
        self.active.append(name)
        try:
            return self.expand(variable.text, variable.positions)
        finally:
            self.active.pop()

    def _automatic(self, name: str) -> Value | None:
        if not self.automatic:
            return None
        if name in self.automatic:
            return self.automatic[name]
        if len(name) == 2 and name[0] in _AUTOMATIC and name[1] in "DF" and name[0] in self.automatic:
            words = self.automatic[name[0]]
            if words.literal is None:
                return Value((Unknown(f"$({name})"),))
            parts = [posixpath.dirname(w) or "." if name[1] == "D" else posixpath.basename(w)
                     for w in words.literal.split()]
            return Value.of(" ".join(parts))
        return None

    # --- functions -------------------------------------------------------------------------

    def _function(self, name: str, arguments: str, positions: tuple[int, ...], source: str,
                  span: tuple[int, int]) -> Value:
        if name in UNSUPPORTED_FUNCTIONS:
            raise refuse("MIG161", self.loc, construct=f"$({name} …)", text=source)
        if name in TEXT_FUNCTIONS:
            count, function = TEXT_FUNCTIONS[name]
            values = [self.literal(a) for a in _split(arguments, count)]
            known = [v for v in values if v is not None]
            return Value.of(function(known)) if len(known) == len(values) else Value((Unknown(source),))
        args = _split(arguments, _SPECIAL[name])
        if name in ("if", "or", "and"):
            return self._logic(name, args, source)
        if name == "foreach":
            return self._foreach(args, source)
        if name == "call":
            return self._call(args, source)
        if name == "shell":
            command = self.expand(arguments, positions)
            if command.literal is None or self.hooks is None:
                return Value((Unknown(source),))
            return self.hooks.shell(command.literal, span)
        if name == "error":
            raise refuse("MIG167", self.loc, why=f"make stops here: {source}")
        if name in ("warning", "info"):
            self.expand(arguments)
            return Value()
        return self._inspect(name, self.literal(arguments), source)

    def _inspect(self, name: str, argument: str | None, source: str) -> Value:
        """origin, flavor, value, wildcard, abspath, realpath: about a variable or a path."""
        if argument is None:
            return Value((Unknown(source),))
        argument = argument.strip()
        if name in ("origin", "flavor", "value"):
            variable = self.variables.get(argument)
            if variable is None:
                return Value((Unknown(source),)) if name != "flavor" else Value.of("undefined")
            if name == "origin":
                return Value.of("command line" if variable.origin is Origin.COMMAND_LINE else variable.origin.value)
            if name == "flavor":
                return Value.of("recursive" if variable.recursive else "simple")
            return Value.of(variable.text) if variable.recursive else variable.value
        if name == "wildcard" and self.hooks is not None and not any(c in argument for c in "*?["):
            found = {w: self.hooks.path_exists(w) for w in argument.split()}
            if all(f is not None for f in found.values()):
                return Value.of(" ".join(w for w, f in found.items() if f))
        if name == "abspath":
            curdir = self.variable("CURDIR").literal
            if curdir is not None:
                return Value.of(" ".join(posixpath.normpath(posixpath.join(curdir, w)) for w in argument.split()))
        return Value((Unknown(source),))

    def _logic(self, name: str, args: list[str], source: str) -> Value:
        """if/or/and expand their arguments lazily, as make does."""
        if name == "if":
            condition = self.expand(args[0]).literal
            if condition is None:
                return Value((Unknown(source),))
            chosen = args[1] if condition.strip() else (args[2] if len(args) > 2 else "")
            return self.expand(chosen)
        last = Value()
        for argument in args:
            last = self.expand(argument)
            if last.literal is None:
                return Value((Unknown(source),))
            if bool(last.literal.strip()) != (name == "and"):
                return last if name == "or" else Value()
        return last if name == "and" else Value()

    def _foreach(self, args: list[str], source: str) -> Value:
        name, words = self.literal(args[0]), self.literal(args[1])
        if name is None or words is None or len(args) < 3:
            return Value((Unknown(source),))
        out = Value()
        for k, word in enumerate(words.split()):
            self.bindings.append({name.strip(): Value.of(word)})
            try:
                out = out + (Value.of(" ") if k else Value()) + self.expand(args[2])
            finally:
                self.bindings.pop()
        return out

    def _call(self, args: list[str], source: str) -> Value:
        name = self.literal(args[0])
        if name is None:
            return Value((Unknown(source),))
        bound = {str(k): self.expand(a) for k, a in enumerate(args[1:], start=1)}
        bound["0"] = Value.of(name.strip())
        self.bindings.append(bound)
        try:
            return self.variable(name.strip())
        finally:
            self.bindings.pop()


def _top_level(text: str, char: str) -> int | None:
    depth = 0
    for i, c in enumerate(text):
        if c in "({":
            depth += 1
        elif c in ")}":
            depth -= 1
        elif c == char and depth == 0:
            return i
    return None


def _split(arguments: str, count: int) -> list[str]:
    """A function's arguments: split at top-level commas into at most COUNT (0: any number)."""
    out: list[str] = []
    depth = start = 0
    for i, c in enumerate(arguments):
        if c in "({":
            depth += 1
        elif c in ")}":
            depth -= 1
        elif c == "," and depth == 0 and (count == 0 or len(out) < count - 1):
            out.append(arguments[start:i])
            start = i + 1
    out.append(arguments[start:])
    return out
