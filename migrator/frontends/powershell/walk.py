"""The PowerShell front end's walk: a script's statements in order, with PowerShell's rules.
Variables live in scopes (a child scope reads its parent's), `$env:` in the process; `if`, loops,
`||`/`&&` and `catch` make what they guard conditional; functions and other scripts (`& x.ps1`,
`. x.ps1`) are walked where they are called. Native commands (docker) go to the trace engine as
they are, with Windows paths read; cmdlets are bound to their parameters and their file work
handed over as POSIX commands (cmdlets.py).

`$ErrorActionPreference = 'Stop'` ends the script at a failing cmdlet, but not at a failing native
command (before PowerShell 7.4's $PSNativeCommandUseErrorActionPreference): it is no `set -e`.
So a docker command inside `try` may or may not reach its `catch` depending on the version, and is
refused; a cmdlet that fails on the traced host under 'Stop' is a legacy flow that stops there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from migrator.findings import refuse
from migrator.frontends.powershell import syntax as ps
from migrator.frontends.powershell.binding import bind_arguments
from migrator.frontends.powershell.values import SCOPES, Values
from migrator.frontends.windows import (
    CallContext,
    case_check,
    check_paths,
    docker_paths,
    docker_words,
    host_path,
    run_call,
)
from migrator.source import Span
from migrator.trace.command import Command, Redirect, Word
from migrator.trace.engine import TraceEngine
from migrator.trace.values import Unknown, Value

MAX_CALL_DEPTH = 16
_DEVICES = {"$null", "nul"}


class ExitScript(Exception):
    """`exit`, or `return` outside a function: this script ends."""


class Terminate(Exception):
    """An unconditional `throw` outside `try`: the script and its callers end."""


class FunctionReturn(Exception):
    pass


Cmdlet = Callable[["PsWalker", ps.Command, tuple[Word, ...], Command], Value]


class PsWalker(Values):
    def __init__(self, script: ps.PsScript, engine: TraceEngine, context: CallContext,
                 arguments: tuple[Value, ...] | None, cmdlets: Callable[[str], Cmdlet | None]):
        self.script = script
        self.engine = engine
        self.state = engine.state
        self.context = context
        self.environment = context.environment
        self.scopes: list[dict[str, Value]] = [context.variables] if context.dot_sourced else \
            [dict(context.variables), {}]
        self.cmdlets = cmdlets
        self.arguments: list[tuple[Value, ...] | None] = [arguments]
        self.functions: dict[str, ps.Function] = {}
        self.conditions: list[tuple[str, bool]] = []
        self.dir_stack: list[Value] = []
        self.stop_on_error = False
        self.try_depth = 0
        self.in_pipeline = 0
        self.statement_span: Span | None = None
        self.case = case_check(engine)

    # --- statements ----------------------------------------------------------------------

    def run(self) -> None:
        try:
            for statement in self.script.statements:
                self.top(statement)
        except ExitScript:
            pass
        except Terminate:
            self.context.terminated = True

    def top(self, statement: ps.Statement) -> None:
        self.statement_span = Span(statement.start, statement.end, self.script.path)
        self.run_statement(statement)

    def run_statement(self, node: ps.Statement) -> Value:
        if isinstance(node, ps.Pipeline):
            return self.run_pipeline(node)
        if isinstance(node, ps.Chain):
            self.run_chain(node)
        elif isinstance(node, ps.Assign):
            self.assign(node)
        elif isinstance(node, ps.If):
            self.run_if(node)
        elif isinstance(node, ps.Loop):
            self.run_loop(node)
        elif isinstance(node, ps.Try):
            self.run_try(node)
        elif isinstance(node, ps.Function):
            self.functions[node.name] = node
        elif isinstance(node, ps.Param):
            self.bind(node.parameters, self.arguments[-1])
        elif isinstance(node, ps.Flow):
            self.run_flow(node)
        elif isinstance(node, ps.Block):
            self.run_block(node)
        return Value()

    def run_block(self, block: ps.Block) -> None:
        for statement in block.statements:
            saved = self.statement_span
            self.top(statement)
            self.statement_span = saved

    def run_chain(self, node: ps.Chain) -> None:
        condition: tuple[str, bool] | None = None
        for k, part in enumerate(node.parts):
            if k:
                where = f"`{node.operators[k - 1]}` at {self.script.loc(node.parts[k - 1].start)}"
                if node.operators[k - 1] == "||":
                    condition = (where, True)
                elif condition is None and not self.is_native(node.parts[k - 1]):
                    condition = (where, False)
            if condition is not None:
                with self.condition(*condition):
                    self.run_pipeline(part)
            else:
                self.run_pipeline(part)

    def is_native(self, pipeline: ps.Pipeline) -> bool:
        first = pipeline.parts[0]
        return isinstance(first, ps.Command) and self.name_of(first) in ("docker", "podman", "buildah")

    def assign(self, node: ps.Assign) -> None:
        value = self.value_of(node.value)
        name = SCOPES.sub("", node.target.name)
        if node.operator == "+=":
            value = (self.lookup(name) or Value()) + value
        elif node.operator != "=":
            value = Value((Unknown(f"${name}"),))
        if name.startswith("env:"):
            self.environment[name[4:].upper()] = value
        elif name == "erroractionpreference":
            self.stop_on_error = (value.literal or "").lower() == "stop"
        else:
            self.scopes[-1][name] = value

    def value_of(self, node: ps.Statement) -> Value:
        """What a statement outputs, when it is a value: a pipeline's, captured."""
        if isinstance(node, ps.Pipeline):
            return self.run_pipeline(node, captured=True)
        self.run_statement(node)
        return Value((Unknown(f"$({self.source(node)})"),))

    def run_if(self, node: ps.If) -> None:
        where = f"if at {self.script.loc(node.start)}"
        for k, (test, body) in enumerate(node.clauses):
            decided = self.decide(test)
            if decided is None:
                with self.testing(where if k else None):
                    self.run_pipeline(test, captured=True)
            if decided is True:
                self.run_block(body)
                return
            if decided is None:
                with self.condition(where, node.checks_status):
                    self.run_block(body)
        if node.otherwise is not None:
            with self.condition(where, node.checks_status):
                self.run_block(node.otherwise)

    def decide(self, test: ps.Pipeline) -> bool | None:
        """`$a -eq 'x'` over values the trace knows (PowerShell compares case-insensitively)."""
        expr = test.parts[0] if len(test.parts) == 1 else None
        if not isinstance(expr, ps.Binary) or expr.operator not in ("-eq", "-ne"):
            return None
        left, right = self.evaluate(expr.left).literal, self.evaluate(expr.right).literal
        if left is None or right is None:
            return None
        return (left.lower() == right.lower()) == (expr.operator == "-eq")

    def run_loop(self, node: ps.Loop) -> None:
        items = node.items.parts[0] if node.items is not None and len(node.items.parts) == 1 else None
        values = [self.evaluate(i) for i in items.items] if isinstance(items, ps.Array) else None
        if node.variable is not None and values is not None and all(v.literal is not None for v in values):
            for value in values:  # a literal list: unroll it
                self.scopes[-1][node.variable] = value
                self.run_block(node.body)
            return
        with self.condition(f"{node.keyword} at {self.script.loc(node.start)}", False):
            if node.variable is not None:
                self.scopes[-1][node.variable] = Value((Unknown(f"${node.variable}"),))
            self.run_block(node.body)

    def run_try(self, node: ps.Try) -> None:
        self.try_depth += 1
        try:
            self.run_block(node.body)
        finally:
            self.try_depth -= 1
        for handler in node.handlers:
            with self.condition(f"catch at {self.script.loc(handler.start)}", True):
                self.run_block(handler)
        if node.final is not None:
            self.run_block(node.final)

    def run_flow(self, node: ps.Flow) -> None:
        if node.value is not None:
            self.run_pipeline(node.value, captured=True)
        if self.conditions or self.try_depth:
            return  # a failure path, or one the trace cannot decide: the flow goes on without it
        if node.keyword == "throw":
            raise Terminate()
        if node.keyword == "return" and len(self.arguments) > 1:
            raise FunctionReturn()
        if node.keyword in ("exit", "return"):
            raise ExitScript()

    @contextmanager
    def condition(self, where: str, checks_failure: bool) -> Iterator[None]:
        self.conditions.append((where, checks_failure))
        try:
            yield
        finally:
            self.conditions.pop()

    @contextmanager
    def testing(self, where: str | None) -> Iterator[None]:
        """An `if`'s test: an `elseif` test runs only when the tests before it failed."""
        self.in_test = True
        try:
            if where is None:
                yield
            else:
                with self.condition(where, False):
                    yield
        finally:
            self.in_test = False

    in_test = False

    # --- pipelines and commands ----------------------------------------------------------

    def run_pipeline(self, node: ps.Pipeline, captured: bool = False) -> Value:
        piped = len(node.parts) > 1
        self.in_pipeline += piped
        try:
            out = Value()
            for part in node.parts:
                if isinstance(part, ps.Command):
                    out = self.run_command(part, captured or piped)
                else:
                    out = self.evaluate(part)
            return out if not piped else Value((Unknown(f"$({self.source(node)})"),))
        finally:
            self.in_pipeline -= piped

    def name_of(self, node: ps.Command) -> str:
        first = node.elements[0]
        literal = self.evaluate(first.value).literal if first.parameter is None else None
        base = (literal or "").replace("\\", "/").rsplit("/", 1)[-1].lower()
        return base[:-4] if base.endswith(".exe") else base

    def run_command(self, node: ps.Command, captured: bool) -> Value:
        words = tuple(self.word(a) for a in node.elements)
        command = self.command(node, words, captured)
        name = self.name_of(node)
        if node.call != "." and name in self.functions:
            return self.call_function(self.functions[name], command)
        handler = self.cmdlets(name) if node.call is None or node.call == "&" else None
        if handler is not None:
            return handler(self, node, words, command)
        if name in ("docker", "podman", "buildah"):
            return self.run_docker(command, name)
        return self.run_other(node, name, command)

    def run_docker(self, command: Command, name: str) -> Value:
        if self.try_depth:
            raise refuse("MIG194", command.loc, text=command.text)
        words = docker_words((Word(Value.of(name), *_place(command.words[0])), *command.words[1:]), command.loc)
        check_paths(self.case, self.engine, command, docker_paths(words))
        return self.engine.run(_with_words(command, words))

    def run_other(self, node: ps.Command, name: str, command: Command) -> Value:
        """A script of the repository (walked where it is called), or any other program."""
        if name.endswith(".ps1") or node.call == ".":
            same_scope = node.call == "."
            variables = self.scopes[-1] if same_scope else {k: v for s in self.scopes for k, v in s.items()}
            context = CallContext(self.environment, variables, True, same_scope)
        else:  # cmd /c, a batch file, pwsh -File: a process of its own
            context = CallContext(dict(self.environment), shares_directory=False)
        value, _ = run_call(self.engine, _with_words(command, tuple(
            Word(host_path(w.value), w.start, w.end, w.source) for w in command.words)), context)
        if context.terminated:
            raise Terminate()
        return value

    def call_function(self, function: ps.Function, command: Command) -> Value:
        if len(self.arguments) > MAX_CALL_DEPTH:
            raise refuse("MIG141", command.loc, text=command.text, depth=MAX_CALL_DEPTH)
        arguments = tuple(w.value for w in command.args())
        self.arguments.append(arguments)
        self.scopes.append({"args": Value((Unknown("$args"),))})
        try:
            self.bind(function.parameters, arguments)
            self.run_block(function.body)
        except FunctionReturn:
            pass
        finally:
            self.scopes.pop()
            self.arguments.pop()
        return Value((Unknown(f"$({command.text})"),)) if command.captured else Value()

    def bind(self, parameters: list[tuple[str, ps.Expr | None]], arguments: tuple[Value, ...] | None) -> None:
        """Parameters by name or position (binding.py); a missing one takes its default, or is unknown."""
        bound = bind_arguments([name for name, _ in parameters], arguments or ())
        for name, default in parameters:
            if name in bound:
                self.scopes[-1][name] = bound[name]
            elif default is not None:
                self.scopes[-1][name] = self.evaluate(default)
            else:
                self.scopes[-1][name] = Value((Unknown(f"${name}"),))

    def command(self, node: ps.Command, words: tuple[Word, ...], captured: bool) -> Command:
        redirects = []
        for redirect in node.redirects:
            target = self.evaluate(redirect.target) if redirect.target is not None else None
            if target is not None and (target.literal or "").lower() in _DEVICES:
                continue
            operator = redirect.operator.lstrip("123456*")
            redirects.append(Redirect(operator, host_path(target) if target is not None else None))
        span = Span(node.start, node.end, self.script.path)
        return Command(words, span, self.script.loc(node.start), tuple(redirects), self.in_pipeline > 0,
                       self.conditions[-1][0] if self.conditions else None, captured, self.source(node),
                       self.statement_span if captured and self.statement_span else span, self.in_test)

    def word(self, argument: ps.Argument) -> Word:
        source = self.script.text[argument.start:argument.end]
        value = Value.of(source) if argument.parameter is not None and not argument.attached else \
            self.evaluate(argument.value)
        if argument.attached:
            value = Value.of(source.split(":", 1)[0] + ":") + value
        return Word(value, argument.start, argument.end, source)


def _with_words(command: Command, words: tuple[Word, ...]) -> Command:
    return Command(words, command.span, command.loc, command.redirects, command.in_pipeline, command.condition,
                   command.captured, command.text, command.statement, command.in_test)


def _place(word: Word) -> tuple[int, int, str]:
    return word.start, word.end, word.source
