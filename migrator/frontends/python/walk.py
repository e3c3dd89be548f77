"""The Python front end's walk: a module's statements in order, the way Python runs them as a script
(`__name__ == "__main__"`). Functions are inlined where they are called, with their parameters
bound; `if` with a test the trace can decide takes one branch, any other runs every branch under a
condition (a value assigned there is known afterwards only if every way gives the same); loops
over a written list are unrolled. Statements are in statements.py, expressions in evaluate.py.

Which statement a command belongs to (its span): of the statements running when it runs (the
module's, then those of each inlined call, innermost last), the innermost that runs only once in
the whole script. So `sh("docker cp …")` is what goes with the command, not the subprocess.run
inside the helper `sh` that every call of `sh` runs; and a loop that runs a command twice goes or
stays as a whole. How often each statement runs is counted by a first walk (see __init__.py)."""

from __future__ import annotations

import contextlib
import posixpath
from collections.abc import Iterator
from contextlib import contextmanager

import libcst as cst

from migrator.findings import refuse
from migrator.frontends.python import commands, library, statements
from migrator.frontends.python.evaluate import CallInfo, evaluate
from migrator.frontends.python.parse import PythonScript
from migrator.frontends.python.scopes import Frame, merge_branches, snapshot
from migrator.frontends.python.values import Bound, Function, Opaque, Ref
from migrator.frontends.shell.walk import DOCKER_WORD
from migrator.hostfs import Extracted
from migrator.source import Span
from migrator.trace.engine import TraceEngine
from migrator.trace.values import Unknown, Value, from_repo_relative

MAX_CALL_DEPTH = 16


class ScriptExit(Exception):
    """sys.exit(), or an exception nothing catches: the script stops here."""


class FunctionReturn(Exception):
    def __init__(self, value: object):
        super().__init__()
        self.value = value


class LoopBreak(Exception):
    pass


class PythonWalker:
    library = library

    def __init__(self, script: PythonScript, engine: TraceEngine, argv: tuple[Value, ...] | None,
                 counted: dict[int, int] | None = None):
        self.script = script
        self.engine = engine
        self.state = engine.state
        self.argv = argv  # sys.argv[1:], when another file ran this one with arguments
        module_scope: dict[str, object] = {"__name__": library.text("__main__", (0, 0)),
                                           "__file__": library.text(from_repo_relative(script.path), (0, 0))}
        self.frames = [Frame(module_scope, [], None, 0)]
        self.conditions: list[str] = []
        self.environ: dict[str, Value] = {}  # os.environ as the script set it, for the shells it starts
        self.testing = 0  # inside an if/while test
        self.tolerant = 0  # inside a try whose handlers carry on: a failure is no error
        self.running: list[cst.CSTNode] = []  # the statements running now, outermost first
        self.executions: dict[int, int] = {}  # statement id -> how often it ran (2: maybe more than once)
        self.repeated = 0  # inside a loop that may run any number of times
        self.counted = counted  # the executions a first walk counted; None: this is the first walk

    def run(self) -> None:
        # `return` or `break` outside a function or loop would not have compiled
        with contextlib.suppress(ScriptExit, FunctionReturn, LoopBreak):
            statements.run_block(self, self.script.module.body)

    def evaluate(self, node: cst.BaseExpression) -> object:
        return evaluate(self, node)

    def assign(self, target: cst.BaseExpression, value: object) -> None:
        statements.assign(self, target, value)

    # --- names ---------------------------------------------------------------------------------

    @property
    def frame(self) -> Frame:
        return self.frames[-1]

    def lookup(self, name: str, node: cst.CSTNode) -> object:
        if name in self.frame.scope and name not in self.frame.globals_declared:
            return self.frame.scope[name]
        for scope in (*reversed(self.frame.enclosing), self.frames[0].scope):
            if name in scope:
                return scope[name]
        return library.builtin(name)

    def bind(self, name: str, value: object) -> None:
        scope = self.frames[0].scope if name in self.frame.globals_declared else self.frame.scope
        scope[name] = value

    def rebind(self, name: str, value: object) -> None:
        """NAME gets VALUE wherever it is defined (a list changed in place)."""
        for scope in (self.frame.scope, *reversed(self.frame.enclosing), self.frames[0].scope):
            if name in scope:
                scope[name] = value
                return
        self.bind(name, value)

    def environment(self, name: str, default: object | None, node: cst.CSTNode) -> object:
        """os.environ[NAME] / os.environ.get(NAME, DEFAULT): what the script set, else unknown,
        or the default, assumed unset (as the shell front end does for ${NAME:-default})."""
        if name in self.environ:
            return library.computed(self.environ[name], self.at(node))
        if default is None:
            return library.computed(Value((Unknown("$" + name),)), self.at(node))
        value = library.as_text(default, self.at(node), self.script.text_of(node)).value
        return library.computed(Value(value.parts, (*value.assumed, name), value.glob), self.at(node))

    def argument(self, index: int, node: cst.CSTNode) -> object:
        if index == 0:
            return library.text(from_repo_relative(self.script.path), self.at(node))
        if self.argv is not None and 0 < index <= len(self.argv):
            return library.computed(self.argv[index - 1], self.at(node))
        return library.computed(Value((Unknown(f"sys.argv[{index}]"),)), self.at(node))

    def at(self, node: cst.CSTNode) -> tuple[int, int]:
        return self.script.offsets(node)

    # --- conditions and statements -------------------------------------------------------------

    @contextmanager
    def condition(self, description: str) -> Iterator[None]:
        self.conditions.append(description)
        try:
            yield
        finally:
            self.conditions.pop()

    @contextmanager
    def test(self) -> Iterator[None]:
        self.testing += 1
        try:
            yield
        finally:
            self.testing -= 1

    @contextmanager
    def running_statement(self, statement: cst.CSTNode) -> Iterator[None]:
        self.executions[id(statement)] = self.executions.get(id(statement), 0) + (2 if self.repeated else 1)
        self.running.append(statement)
        try:
            yield
        finally:
            self.running.pop()

    def branches(self, description: str, bodies: list, always_one: bool, repeated: bool = False) -> None:
        """Run each of BODIES under a condition; afterwards a name keeps a value only if every way
        through (ALWAYS_ONE: one of the bodies always runs) leaves it the same."""
        before = snapshot(self.frames)
        after = []
        self.repeated += repeated
        try:
            for body in bodies:
                # under a condition, a return or an exit may not happen: what follows may run
                with self.condition(description), contextlib.suppress(FunctionReturn, LoopBreak, ScriptExit):
                    statements.run_body(self, body)
                after.append(snapshot(self.frames))
                before.restore(self.frames)
        finally:
            self.repeated -= repeated
        if not always_one:
            after.append(before)
        merge_branches(self.frames, before, after)

    def command_span(self) -> Span:
        return self.script.span(self.command_statement())

    def command_statement(self) -> cst.CSTNode:
        """The innermost running statement that runs once; the innermost one when the first walk
        did not get this far (it stopped at a refusal)."""
        if self.counted is not None:
            for statement in reversed(self.running):
                count = self.counted.get(id(statement), 0)
                if count == 0:
                    break
                if count == 1:
                    return statement
        return self.running[-1]

    # --- calls ---------------------------------------------------------------------------------

    def call(self, func: object, info: CallInfo) -> object:
        if isinstance(func, Function):
            return self.inline(func, info)
        if isinstance(func, Ref):
            if func.name == "docker" or func.name.startswith("docker."):
                raise refuse("MIG181", self.script.loc(info.node), text=self.script.text_of(info.node))
            handler = commands.COMMANDS.get(func.name) or library.FUNCTIONS.get(func.name)
            if handler is not None:
                return handler(self, info)
        if isinstance(func, Bound):
            found = commands.method(self, func, info)
            if found is not None:
                return found
        self.check_opaque(info.node, "call", func.code if isinstance(func, Opaque) else "")
        return Opaque(self.script.text_of(info.node))

    def inline(self, func: Function, info: CallInfo) -> object:
        if len(self.frames) > MAX_CALL_DEPTH:
            raise refuse("MIG141", self.script.loc(info.node), text=self.script.text_of(info.node),
                         depth=MAX_CALL_DEPTH)
        scope = library.bind_parameters(self, func, info)
        self.frames.append(Frame(scope, list(func.enclosing), func.node, len(self.conditions)))
        try:
            statements.run_body(self, func.node.body)
            return self.frame.result
        except FunctionReturn as done:
            return done.value
        finally:
            self.frames.pop()

    # --- what cannot be followed ---------------------------------------------------------------

    def touches(self, node: cst.CSTNode, extra: str = "") -> str | None:
        """What NODE's code (and EXTRA, code it runs) names that the trace follows: docker, or an
        extracted file."""
        text = self.script.source(node) + extra
        if DOCKER_WORD.search(text):
            return "docker"
        for layer in self.state.host.layers:
            if isinstance(layer.content, Extracted) and posixpath.basename(layer.at) in text:
                return f"the extracted {layer.at}"
        return None

    def check_opaque(self, node: cst.CSTNode, construct: str, extra: str = "") -> None:
        """Code the trace does not follow is refused when it touches docker or an extracted file."""
        what = self.touches(node, extra)
        if what is not None:
            raise refuse("MIG182", self.script.loc(node), construct=construct,
                         text=self.script.text_of(node)[:120], what=what)
