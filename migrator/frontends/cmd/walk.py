"""The cmd front end's walk: a batch file's statements in order, with cmd's own rules. Percent
references are expanded when a statement is read (so a block sees the values from before it),
`&&`/`||`/`if` make what they guard conditional, `goto` and `call :label` move through the file,
`exit /b` ends it and `exit` ends the whole cmd process. Commands go to the trace engine: docker
command lines as they are (Windows paths read), cmd's file commands as their POSIX equivalents
(builtins.py), anything else with the paths it names."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from migrator.findings import refuse
from migrator.frontends.cmd.expand import Lookup, dynamic, expand, split_arguments
from migrator.frontends.cmd.syntax import (
    BatchScript,
    Block,
    Chain,
    Char,
    CmdWord,
    ForCapture,
    If,
    Label,
    Node,
    Opaque,
    Simple,
)
from migrator.frontends.windows import (
    CallContext,
    case_check,
    check_paths,
    docker_paths,
    docker_words,
    host_path,
    is_script_call,
    posix_command,
    run_call,
)
from migrator.hostfs import Extracted
from migrator.source import Span
from migrator.trace.command import Command, Redirect, Word
from migrator.trace.engine import TraceEngine
from migrator.trace.values import Value

MAX_CALL_DEPTH = 16
_DOCKER = re.compile(r"(?<![\w.-])(?:docker|podman|buildah)(?:\.exe)?(?![\w-])", re.I)
_TESTS = {"findstr", "find", "where", "fc", "comp"}
_DEVICES = {"nul", "nul:", "con", "con:"}


class ExitBatch(Exception):
    """`exit /b`, `goto :eof`: this batch file (or `call :label` subroutine) ends."""


class Terminate(Exception):
    """`exit`: the cmd process ends, the callers' batch files with it."""


class Goto(Exception):
    def __init__(self, label: str, command: Command):
        super().__init__(label)
        self.label = label
        self.command = command


Builtin = Callable[["BatchWalker", Command], None]


class BatchWalker:
    def __init__(self, script: BatchScript, engine: TraceEngine, context: CallContext,
                 arguments: tuple[Value, ...] | None, builtins: dict[str, Builtin]):
        self.script = script
        self.engine = engine
        self.state = engine.state
        self.context = context
        self.vars = context.environment  # a `call`ed file shares its caller's process
        self.builtins = builtins
        self.arguments: list[tuple[Value, ...] | None] = [arguments]
        self.conditions: list[tuple[str, bool]] = []  # (where, whether it checks a command's failure)
        self.snapshot: dict[str, Value] = {}
        self.delayed = False
        self.locals: list[tuple[dict[str, Value], Value, bool]] = []  # setlocal frames
        self.dir_stack: list[Value] = []
        self.region: tuple[str, str] | None = None  # (label, where): what runs until LABEL may not run
        self.in_pipeline = 0
        self.current_tail: tuple[Char, ...] = ()  # the raw text after the command name (for `set`)
        self.case = case_check(engine)

    # --- control -------------------------------------------------------------------------

    def run(self) -> None:
        depth = len(self.locals)
        try:
            self.run_from(0)
        except ExitBatch:
            pass
        except Terminate:
            self.context.terminated = True
        finally:
            while len(self.locals) > depth:  # the end of a batch file ends its setlocal
                self.end_local()

    def run_from(self, index: int) -> None:
        statements = self.script.statements
        k = index
        while k < len(statements):
            node = statements[k]
            if isinstance(node, Label):
                if self.region is not None and node.name == self.region[0]:
                    self.region = None
                k += 1
                continue
            self.snapshot = dict(self.vars)
            try:
                with self.region_condition():
                    self.run_node(node)
            except Goto as jump:
                k = self.jump(jump, k)
                continue
            k += 1

    def label_index(self, label: str, command: Command) -> int:
        index = next((k for k, n in enumerate(self.script.statements) if isinstance(n, Label) and n.name == label),
                     None)
        if index is None:
            raise refuse("MIG122", command.loc, why=f"`{command.text}`: the label :{label} is not in the file")
        return index

    def jump(self, jump: Goto, at: int) -> int:
        target = self.label_index(jump.label, jump.command)
        if target <= at:
            raise refuse("MIG190", jump.command.loc, text=jump.command.text, why="it jumps back (a loop)")
        return target

    @contextmanager
    def region_condition(self) -> Iterator[None]:
        if self.region is None:
            yield
            return
        with self.condition(self.region[1], False):
            yield

    @contextmanager
    def condition(self, where: str, checks_failure: bool) -> Iterator[None]:
        self.conditions.append((where, checks_failure))
        try:
            yield
        finally:
            self.conditions.pop()

    def end_local(self) -> None:
        saved, cwd, delayed = self.locals.pop()
        self.vars.clear()
        self.vars.update(saved)
        self.state.cwd = cwd
        self.delayed = delayed

    # --- nodes ---------------------------------------------------------------------------

    def run_node(self, node: Node) -> None:
        if isinstance(node, Simple):
            self.run_simple(node)
        elif isinstance(node, Chain):
            self.run_chain(node)
        elif isinstance(node, Block):
            for part in node.body:
                self.run_node(part)
        elif isinstance(node, If):
            self.run_if(node)
        elif isinstance(node, ForCapture):
            self.run_capture(node)
        elif isinstance(node, Opaque):
            self.check_opaque(node)

    def run_capture(self, node: ForCapture) -> None:
        """`for /f %%i in ('COMMAND') do set NAME=%%i`: COMMAND's output becomes NAME; the whole
        statement goes with a container it created."""
        words = tuple(w for word in node.command.words for w in self.words(word))
        if not words:
            return
        inner = self.command(node.command, words)
        statement = Span(node.start, node.end, self.script.path)
        command = Command(inner.words, inner.span, inner.loc, inner.redirects, inner.in_pipeline, inner.condition,
                          True, inner.text, statement)
        name = program(words[0].value.literal)
        if name in ("docker", "podman", "buildah"):
            value = self.run_docker(command, name)
        else:
            value = self.engine.run(self.with_host_paths(command))
        self.vars[node.name] = value

    def check_opaque(self, node: Opaque) -> None:
        if node.keyword == "rem":
            return
        text = self.script.text[node.start:node.end]
        touches = _DOCKER.search(text) is not None or any(
            isinstance(layer.content, Extracted) and posixpath.basename(layer.at).lower() in text.lower()
            for layer in self.state.host.layers)
        if touches:
            raise refuse("MIG193", self.script.loc(node.start), text=text.strip().splitlines()[0],
                         why=f"the walk does not follow `{node.keyword}`, and this one names a docker command or an "
                             "extracted file")

    def run_chain(self, node: Chain) -> None:
        condition: tuple[str, bool] | None = None
        for k, part in enumerate(node.parts):
            piped = (k > 0 and node.operators[k - 1] == "|") or (k < len(node.operators) and node.operators[k] == "|")
            if k:
                operator = node.operators[k - 1]
                where = f"`{operator}` at {self.script.loc(_start(node.parts[k - 1]))}"
                if operator == "||":
                    condition = (where, True)
                elif operator == "&&" and condition is None and _is_test(node.parts[k - 1]):
                    condition = (where, False)
                elif operator == "&":
                    condition = None
            self.in_pipeline += piped
            try:
                if condition is not None:
                    with self.condition(*condition):
                        self.run_node(part)
                else:
                    self.run_node(part)
            finally:
                self.in_pipeline -= piped

    def run_if(self, node: If) -> None:
        where = f"if at {self.script.loc(node.start)}"
        decided = self.decide(node)
        if node.test == "exist":
            operand = self.words(node.operands[0])
            test = Command((Word(Value.of("test"), node.start, node.start + 2, "if"),
                            Word(Value.of("-e"), node.start, node.start + 2, "exist"), *operand),
                           Span(node.start, node.condition_end, self.script.path), self.script.loc(node.start), (),
                           False, self.current_condition(), False, self.text(node.start, node.condition_end),
                           Span(node.start, node.end, self.script.path), in_test=True)
            self.file_command(test, "test", ("-e",), tuple(test.words[2:]))
        if decided is not None:
            branch = node.then if decided else node.otherwise
            if branch is not None:
                self.run_node(branch)
            return
        for branch in (node.then, node.otherwise):
            if branch is not None:
                with self.condition(where, node.checks_status):
                    self.run_node(branch)

    def decide(self, node: If) -> bool | None:
        """A comparison of two values the trace knows: which branch runs."""
        if not node.compares or node.test not in ("==", "equ", "neq"):
            return None
        left, right = (self.joined(w) for w in node.operands)
        if left is None or right is None:
            return None
        if node.ignore_case:
            left, right = left.lower(), right.lower()
        same = left == right
        return (same if node.test != "neq" else not same) != node.negated

    # --- commands ------------------------------------------------------------------------

    def run_simple(self, node: Simple) -> None:
        words = tuple(w for word in node.words for w in self.words(word))
        command = self.command(node, words)
        self.current_tail = node.tail
        if not words:
            self.engine.record_redirects(command)
            return
        name = program(words[0].value.literal)
        builtin = self.builtins.get(name)
        if builtin is not None:
            builtin(self, command)
        elif name in ("docker", "podman", "buildah"):
            self.run_docker(command, name)
        elif is_script_call(name):
            self.call_script(command, shares=name.endswith((".cmd", ".bat")), transfers=True)
        else:
            self.engine.run(self.with_host_paths(command))

    def run_docker(self, command: Command, name: str) -> Value:
        words = docker_words((Word(Value.of(name), *_place(command.words[0])), *command.words[1:]), command.loc)
        check_paths(self.case, self.engine, command, docker_paths(words))
        return self.engine.run(Command(words, command.span, command.loc, command.redirects, command.in_pipeline,
                                command.condition, command.captured, command.text, command.statement))

    def call_script(self, command: Command, shares: bool, transfers: bool) -> None:
        """Run another batch file (or a PowerShell script, or `cmd /c …`). Without `call`, a batch
        file never comes back: cmd goes on in the called file and ends there."""
        environment = self.vars if shares else dict(self.vars)
        context = CallContext(environment, shares_directory=shares)
        _, taken = run_call(self.engine, self.with_host_paths(command), context)
        if context.terminated:
            raise Terminate()
        if taken and transfers and shares and command.condition is None:
            raise ExitBatch()

    def file_command(self, command: Command, program_name: str, flags: tuple[str, ...],
                     operands: tuple[Word, ...]) -> None:
        """Hand the engine COMMAND as the POSIX PROGRAM_NAME with FLAGS over OPERANDS."""
        translated = posix_command(command, program_name, flags, operands)
        check_paths(self.case, self.engine, translated, translated.words[1 + len(flags):])
        self.engine.run(translated)

    def with_host_paths(self, command: Command) -> Command:
        words = tuple(Word(host_path(w.value), w.start, w.end, w.source) for w in command.words)
        return Command(words, command.span, command.loc, command.redirects, command.in_pipeline, command.condition,
                       command.captured, command.text, command.statement)

    def command(self, node: Simple, words: tuple[Word, ...]) -> Command:
        redirects = []
        for redirect in node.redirects:
            target = self.words(redirect.target) if redirect.target else ()
            value = target[0].value if target else None
            if value is not None and (value.literal or "").lower() in _DEVICES:
                continue
            redirects.append(Redirect(redirect.operator.lstrip("0123456789"), host_path(value) if value else None))
        span = Span(node.start, node.end, self.script.path)
        return Command(words, span, self.script.loc(node.start), tuple(redirects), self.in_pipeline > 0,
                       self.current_condition(), False, self.text(node.start, node.end), span)

    def current_condition(self) -> str | None:
        return self.conditions[-1][0] if self.conditions else None

    def text(self, start: int, end: int) -> str:
        return " ".join(self.script.text[start:end].replace("^\r\n", " ").replace("^\n", " ").split())

    # --- values --------------------------------------------------------------------------

    @property
    def lookup(self) -> Lookup:
        return Lookup(self.variable, self.arguments[-1], self.script.path, self.delayed)

    def variable(self, name: str) -> Value | None:
        if name in self.snapshot:
            return self.snapshot[name]
        if name == "CD":
            return self.state.cwd
        return dynamic(name)

    def live(self, name: str) -> Value | None:
        return self.vars.get(name) or (self.state.cwd if name == "CD" else dynamic(name))

    def words(self, word: CmdWord) -> tuple[Word, ...]:
        source = self.script.text[word.start:word.end]
        items = expand(word.chars, self.lookup, self.live)
        return tuple(Word(value, word.start, word.end, source) for value in split_arguments(items))

    def joined(self, word: CmdWord) -> str | None:
        values = self.words(word)
        if not values:
            return ""
        return values[0].value.literal if len(values) == 1 else None


def program(name: str | None) -> str:
    """The command a word runs, as cmd finds it: case-insensitive, `.exe` optional, any directory."""
    base = posixpath.basename((name or "").replace("\\", "/")).lower()
    return base[:-4] if base.endswith(".exe") else base


def _is_test(node: Node) -> bool:
    if isinstance(node, Simple):
        first = node.words[0].raw if node.words else ""
        return program(first) in _TESTS
    return True  # a block's or an if's status is whatever ran last in it


def _start(node: Node) -> int:
    return node.start


def _place(word: Word) -> tuple[int, int, str]:
    return word.start, word.end, word.source
