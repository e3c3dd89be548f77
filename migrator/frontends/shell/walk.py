"""The shell front end's walk: a parsed script's statements in order, with the shell's own rules
for variables, functions, `if`/loops, lists, pipelines and `$(…)`; each command it reaches goes to
the trace engine (trace/engine.py), shell builtins to builtins.py. Nothing is executed; values the
script cannot know stay symbolic.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping
from contextlib import contextmanager

from migrator.findings import refuse
from migrator.frontends.shell import decide
from migrator.frontends.shell.expand import Scope, expand_word
from migrator.frontends.shell.parse import ShellScript
from migrator.hostfs import Extracted
from migrator.source import Loc, Span
from migrator.trace.command import Command, Redirect, Word
from migrator.trace.engine import TraceEngine, unknown_output
from migrator.trace.guards import TEST_COMMANDS, Verdict
from migrator.trace.values import Unknown, Value, from_repo_relative

MAX_CALL_DEPTH = 16
DOCKER_WORD = re.compile(r"(?<![\w./-])(?:docker|podman|buildah)(?![\w-])")
_FUNCTION_HEAD = re.compile(r"\A\s*(?:function\s+([\w.-]+)\s*(?:\(\s*\))?|([\w.-]+)\s*\(\s*\))\s*\{?")


Builtin = Callable[["ShellWalker", Command], Value]


class ShellWalker:
    def __init__(self, script: ShellScript, engine: TraceEngine, builtins: Mapping[str, Builtin]):
        self.builtins = builtins
        self.script = script
        self.file = script.path
        self.tree = engine.state.tree
        self.engine = engine
        self.state = self.engine.state
        self.vars: dict[str, Value] = {}
        self.functions: dict[str, object] = {}
        self.opaque_functions: dict[str, tuple[int, int, int]] = {}  # name -> (start, end, line) of its text
        self.dir_stack: list[Value] = []
        self.positional: list[tuple[Value, ...] | None] = [None]
        self.conditions: list[str] = []
        self.environment_known = True  # False after `source`: unset variables may be set there
        self.stopped = False
        self.pipeline_depth = 0
        self.piping_into_next = None  # the pipeline part whose output the next part reads
        self.capture_depth = 0
        self.testing = 0  # inside the test of an if/while/until
        self.quoted_backticks = 0  # inside "`…`"
        self.current_span: Span | None = None
        self.verdicts: dict[Span, Verdict] = {}  # the engine's answers to tests not yet read by decide.py
        self.verdicts_seen: dict[Span, Verdict] = {}

    @property
    def cwd(self) -> Value:
        return self.state.cwd

    @cwd.setter
    def cwd(self, value: Value) -> None:
        self.state.cwd = value

    # --- entry ---------------------------------------------------------------------------

    def run(self) -> None:
        for statement in self.script.statements:
            if self.stopped:
                break
            if statement.opaque:
                self.read_opaque(statement.start, statement.end, statement.line)
            else:
                self.run_node(statement.node)

    def loc(self, offset: int) -> Loc:
        return Loc(self.file, self.script.line_of(offset))

    def read_opaque(self, start: int, end: int, line: int) -> None:
        """Text bashlex cannot parse. A function definition is only remembered: code that never
        runs must not refuse a migration. Anything else is refused when it touches docker or an
        extracted file."""
        head = _FUNCTION_HEAD.match(self.script.source(start, end))
        if head and self.script.source(start, end).rstrip().endswith("}"):
            self.opaque_functions[head.group(1) or head.group(2)] = (start, end, line)
            return
        self.check_opaque(start, end, line)

    def check_opaque(self, start: int, end: int, line: int) -> None:
        text = self.script.source(start, end).strip()
        written = self.script.written(start, end).strip()
        first_line = written.splitlines()[0] if written else ""
        if DOCKER_WORD.search(text):
            raise refuse("MIG101", Loc(self.file, line), what="docker", text=first_line)
        for layer in self.state.host.layers:
            if isinstance(layer.content, Extracted) and posixpath.basename(layer.at) in text:
                raise refuse("MIG101", Loc(self.file, line), what=f"the extracted {layer.at}", text=first_line)

    # --- nodes ---------------------------------------------------------------------------

    def run_node(self, node) -> None:
        if self.stopped:
            return
        kind = node.kind
        if kind == "command":
            self.run_command(node)
        elif kind == "list":
            self.run_list(node.parts)
        elif kind == "pipeline":
            self.pipeline_depth += 1
            parts = [part for part in node.parts if part.kind != "pipe"]
            try:
                for index, part in enumerate(parts):
                    self.piping_into_next = part if index + 1 < len(parts) else None
                    self.run_node(part)
            finally:
                self.pipeline_depth -= 1
                self.piping_into_next = None
        elif kind == "compound":
            self.run_compound(node)
        elif kind == "function":
            self.functions[node.name.word] = node.body
        elif kind in ("if", "for", "while", "until"):
            getattr(self, f"run_{kind}")(node)
        # reservedword, operator, pipe: nothing to do

    def run_list(self, parts: list) -> None:
        """`a || b`: b may not run. `test && b`: neither may b; after a command that only fails
        when something is broken (a docker build, a cd), `&&` is plain sequence. A file test the
        engine decides picks what runs (decide.py)."""
        decide.run_list(self, parts)

    def run_compound(self, node) -> None:
        subshell = node.list and node.list[0].kind == "reservedword" and node.list[0].word == "("
        saved = (self.cwd, list(self.dir_stack), dict(self.vars))
        for part in node.list:
            self.run_node(part)
        if subshell:  # `( cd x && … )` changes nothing outside
            self.cwd, self.dir_stack, self.vars = saved[0], saved[1], saved[2]

    def run_if(self, node) -> None:
        decide.run_if(self, node)

    def run_for(self, node) -> None:
        words = [p for p in node.parts if p.kind == "word"]
        body = [p for p in node.parts if p.kind not in ("word", "reservedword")]
        name, items = words[0].word, [self.expand(w) for w in words[1:]]
        if not any(p.kind == "reservedword" and p.word == "in" for p in node.parts) or any(
            v.literal is None or v.glob for v in items
        ):
            with self.condition(f"for at {self.loc(node.pos[0])}"):
                self.vars[name] = Value((Unknown("$" + name),))
                for part in body:
                    self.run_node(part)
            return
        for item in items:  # a literal list: unroll it
            for literal in (item.literal or "").split():
                self.vars[name] = Value.of(literal)
                for part in body:
                    self.run_node(part)

    def run_while(self, node) -> None:
        with self.condition(f"{node.kind} at {self.loc(node.pos[0])}"):
            in_test = True
            for part in node.parts:
                if part.kind == "reservedword":
                    in_test = in_test and part.word != "do"
                    continue
                if in_test:
                    self.run_test(part)
                else:
                    self.run_node(part)

    def run_test(self, node) -> None:
        self.testing += 1
        try:
            self.run_node(node)
        finally:
            self.testing -= 1

    run_until = run_while

    @contextmanager
    def condition(self, description: str):
        self.conditions.append(description)
        try:
            yield
        finally:
            self.conditions.pop()

    # --- commands ------------------------------------------------------------------------

    def run_command(self, node) -> Value:
        if node.pos[0] == node.pos[1]:
            return Value()  # a word the lowering added (the `:` of a lowered `case`): it does nothing
        span = self.script.span(*node.pos)
        if not self.capture_depth:
            self.current_span = span
        assignments: list = []
        words: list = []
        redirects: list = []
        for part in node.parts:
            if part.kind == "assignment" and not words:
                assignments.append(part)
            elif part.kind == "redirect":
                redirects.append(part)
            elif part.kind in ("word", "assignment"):
                words.append(part)
        if not words:
            for a in assignments:
                self.vars[a.word.split("=", 1)[0]] = self.expand(a)
            return Value()
        expanded = tuple(
            Word(self.expand(w), self.script.host(w.pos[0]), self.script.host(w.pos[1], end=True),
                 self.script.source(*w.pos),
                 w.word.split("=", 1)[0] if w.kind == "assignment" else None)
            for w in words
        )
        for a in assignments:  # `VAR=x cmd`: expanded for its effects, scoped to the command
            self.expand(a)
        command = Command(
            words=expanded,
            span=span,
            loc=self.loc(node.pos[0]),
            redirects=tuple(self.redirect(r) for r in redirects),
            in_pipeline=self.pipeline_depth > 0,
            condition=self.conditions[-1] if self.conditions else None,
            captured=self.capture_depth > 0,
            text=" ".join(self.script.source(*node.pos).split()),
            statement=self.current_span or span,
            in_test=self.testing > 0,
            piped_out=node is self.piping_into_next,
        )
        return self.dispatch(command)

    def redirect(self, node) -> Redirect:
        target = node.output if not isinstance(node.output, int) else None
        fd = node.input if isinstance(getattr(node, "input", None), int) else None
        return Redirect(node.type, self.expand(target) if target is not None else None, fd)

    def dispatch(self, command: Command) -> Value:
        name = command.name
        if name in self.functions:
            return self.call_function(name, command)
        if name in self.opaque_functions:
            self.check_opaque(*self.opaque_functions[name])
            return unknown_output(command)
        builtin = self.builtins.get(name or "")
        if builtin is not None:
            self.engine.record_redirects(command)
            return builtin(self, command)
        value = self.engine.run(command)
        if name in TEST_COMMANDS:
            decide.remember(self, command.span, self.engine.evaluate(command))
        return value

    def call_function(self, name: str, command: Command) -> Value:
        if len(self.positional) > MAX_CALL_DEPTH:
            raise refuse("MIG141", command.loc, text=command.text, depth=MAX_CALL_DEPTH)
        self.positional.append(tuple(w.value for w in command.args()))
        try:
            self.run_node(self.functions[name])
        except FunctionReturn:
            pass
        finally:
            self.positional.pop()
        return unknown_output(command)

    # --- values --------------------------------------------------------------------------

    def expand(self, node) -> Value:
        return expand_word(self.script.text, node, self.scope)

    @property
    def scope(self) -> Scope:
        return Scope(lookup=self.lookup, assign=self.vars.__setitem__, substitute=self.substitute,
                     unescape_quotes=self.quoted_backticks > 0)

    def lookup(self, name: str) -> Value | None:
        if name in self.vars:
            return self.vars[name]
        if (name.isdigit() and name != "0") or name in ("@", "*", "#"):
            args = self.positional[-1]
            if args is None:
                return None
            if name in ("@", "*"):
                return _join(args)
            if name == "#":
                return Value.of(str(len(args)))
            index = int(name) - 1
            return args[index] if index < len(args) else Value()
        if name == "0":
            return Value.of(from_repo_relative(self.file))
        if name == "PWD":
            return self.state.cwd
        if not self.environment_known:
            return Value((Unknown("$" + name),))
        return None

    def substitute(self, node, quoted_backticks: bool = False) -> Value:
        """Run `$(…)` and return what it prints: a container id, a path, or unknown."""
        self.capture_depth += 1
        self.quoted_backticks += quoted_backticks
        try:
            if node.kind == "list":
                return self.substitute_list(node)
            if node.kind == "command":
                return self.run_command(node)
            self.run_node(node)
            return Value((Unknown("$(" + self.script.source(*node.pos) + ")"),))
        finally:
            self.capture_depth -= 1
            self.quoted_backticks -= quoted_backticks

    def substitute_list(self, node) -> Value:
        saved = (self.cwd, list(self.dir_stack))
        out = Value()
        for part in node.parts:
            if part.kind != "operator":
                out = self.run_node_value(part)
        self.cwd, self.dir_stack = saved  # `$(cd x && pwd)` runs in a subshell
        return out

    def run_node_value(self, node) -> Value:
        if node.kind == "command":
            return self.run_command(node)
        self.run_node(node)
        return Value((Unknown("$(" + self.script.source(*node.pos) + ")"),))

    def resolve(self, path: Value) -> Value:
        return self.state.resolve(path)


class FunctionReturn(Exception):
    """`return` inside a function: the walk of its body stops there."""


def _join(values: tuple[Value, ...]) -> Value:
    out = Value()
    for i, v in enumerate(values):
        out = out + (Value.of(" ") if i else Value()) + v
    return out



