"""File tests decided on the host model: `[ -e P ]`, `[ ! -d P ]`, `test -f P`, and `[[ … ]]` once
the shell front end has lowered it to `[ … ]`, against the clean checkout plus what the script had
done to the host's files by then (hostfs.py).

A file test has an exact answer there when the path is known: a checkout file, a directory the
script made, what `docker cp` wrote. Everything else (string and number tests, a path the script
computes, a path outside the repository, a path inside an extracted directory, `-x` of a file that
exists) stays undecided (None), and the front end keeps treating what it guards as conditional.
`!`, `-a`, `-o` and parentheses combine answers in three-valued logic.
"""

from __future__ import annotations

from dataclasses import dataclass

from migrator.hostfs import HostFiles, Kind, Removed, within
from migrator.trace.command import Command
from migrator.trace.state import TraceState
from migrator.trace.values import Value

TEST_COMMANDS = ("[", "test")
# file tests whose answer, for a path that exists, only the file itself can give
_EXISTS_AND = {"-s", "-r", "-w", "-x", "-L", "-h", "-p", "-S", "-b", "-c", "-u", "-g", "-k", "-O", "-G", "-N"}
_UNARY = {"-e", "-f", "-d", "-n", "-z", "-t", "-v", "-o"} | _EXISTS_AND
_BINARY = {"=", "==", "!=", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef", "=~"}


@dataclass(frozen=True)
class Verdict:
    value: bool | None  # None: undecided
    paths: tuple[str, ...]  # the repository paths the file tests named
    # the answer where only the checkout's own files exist: what the test answers once the
    # migration has removed what the script made for the extraction
    on_checkout: bool | None = None


def evaluate(state: TraceState, command: Command) -> Verdict:
    """The answer of a `[`/`test` command, as far as the host model decides it."""
    words = [w.value for w in command.args()]
    if command.name == "[":
        if not words or words[-1].literal != "]":
            return Verdict(None, ())
        words = words[:-1]
    elif command.name != "test":
        return Verdict(None, ())
    answers = []
    for host in (state.host, HostFiles(state.tree)):
        parser = _Parser(state, host, words)
        try:
            answers.append(parser.disjunction())
        except _Unreadable:
            return Verdict(None, ())
        if parser.at < len(words):
            return Verdict(None, ())
    return Verdict(answers[0], tuple(dict.fromkeys(parser.paths)), answers[1])


def exists(host: HostFiles, path: str) -> bool | None:
    kind = host.kind(path)
    if kind is None:
        return False
    if kind is not Kind.UNKNOWN:
        return True
    # something was put exactly here (an extraction of a file or a directory); below an
    # extracted directory, a path may or may not be there
    covering = [layer for layer in host.layers if within(path, layer.at)]
    last = covering[-1] if covering else None
    return True if last is not None and last.at == path and not isinstance(last.content, Removed) else None


def _file_test(host: HostFiles, operator: str, path: str) -> bool | None:
    there = exists(host, path)
    if there is False:
        return False
    if operator == "-e":
        return there
    kind = host.kind(path)
    if operator in ("-f", "-d") and kind in (Kind.FILE, Kind.DIR):
        return (kind is Kind.FILE) == (operator == "-f")
    return None


class _Unreadable(Exception):
    """The words are not a test expression this reader follows."""


class _Parser:
    """test(1)'s grammar: `-o` binds looser than `-a`, `!` negates, `( )` group."""

    def __init__(self, state: TraceState, host: HostFiles, words: list[Value]):
        self.state = state
        self.host = host
        self.words = words
        self.at = 0
        self.paths: list[str] = []

    def peek(self, offset: int = 0) -> str | None:
        k = self.at + offset
        return self.words[k].literal if k < len(self.words) else None

    def take(self) -> Value:
        if self.at >= len(self.words):
            raise _Unreadable()
        self.at += 1
        return self.words[self.at - 1]

    def disjunction(self) -> bool | None:
        values = [self.conjunction()]
        while self.peek() in ("-o", "||"):  # `||` and `&&`: a lowered `[[ ]]` keeps its own words
            self.take()
            values.append(self.conjunction())
        return True if True in values else (False if all(v is False for v in values) else None)

    def conjunction(self) -> bool | None:
        values = [self.negation()]
        while self.peek() in ("-a", "&&"):
            self.take()
            values.append(self.negation())
        return False if False in values else (True if all(v is True for v in values) else None)

    def negation(self) -> bool | None:
        if self.peek() == "!" and self.at + 1 < len(self.words):
            self.take()
            value = self.negation()
            return None if value is None else not value
        return self.primary()

    def primary(self) -> bool | None:
        word = self.peek()
        if word == "(":
            self.take()
            value = self.disjunction()
            if self.take().literal != ")":
                raise _Unreadable()
            return value
        if self.peek(1) in _BINARY:
            self.at += 3
            if self.at > len(self.words):
                raise _Unreadable()
            return None
        if word in _UNARY and self.at + 1 < len(self.words):
            self.take()
            return self.unary(word, self.take())
        self.take()  # `[ STRING ]`: a string test
        return None

    def unary(self, operator: str, operand: Value) -> bool | None:
        if operator not in ("-e", "-f", "-d") and operator not in _EXISTS_AND:
            return None
        if operand.literal is None or operand.glob:
            return None
        path = self.state.repo_path(operand)
        if path is None:
            return None
        self.paths.append(path)
        return _file_test(self.host, operator, path)
