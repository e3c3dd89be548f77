"""A `make …` command line: the directory make runs in (`-C`), the Makefile it reads (`-f`, or the
first of GNUmakefile, makefile and Makefile there), command-line variables (`VAR=value`) and
goals. Options that change whether recipes run at all (`-n`, `-t`, `-q`) or how variables are
found (`-e`) are refused: the trace would not follow what make does."""

from __future__ import annotations

import re
from dataclasses import dataclass

from migrator.findings import refuse
from migrator.source import Loc
from migrator.trace.state import TraceState
from migrator.trace.values import Value

DEFAULT_NAMES = ("GNUmakefile", "makefile", "Makefile")
_ASSIGNMENT = re.compile(r"^([^\s=:#]+)(::?=|=)")
_FLAGS = set("sSkiwrRBLp")  # single-letter options that take no argument and change nothing traced
_WITH_ARGUMENT = set("CfIjlOoW")
_LONG_FLAGS = {"--silent", "--quiet", "--keep-going", "--no-keep-going", "--stop", "--ignore-errors",
               "--print-directory", "--no-print-directory", "--no-builtin-rules", "--no-builtin-variables",
               "--warn-undefined-variables", "--always-make", "--check-symlink-times", "--trace", "--jobs",
               "--output-sync", "--load-average", "--debug", "--print-data-base"}
_NOT_RUNNING = {"n", "t", "q", "e", "--just-print", "--dry-run", "--recon", "--touch", "--question",
                "--environment-overrides", "--eval", "--what-if", "--new-file", "--assume-new"}


@dataclass(frozen=True)
class Invocation:
    directory: Value  # where make runs (a tracer path)
    makefile: str | None  # the repository path of the Makefile it reads; None: none there
    overrides: tuple[tuple[str, Value], ...]
    goals: tuple[str, ...]
    always_make: bool
    problem: str | None = None  # why the trace cannot follow this make (an option it does not understand)

    def check(self, loc: Loc | None, text: str) -> None:
        if self.problem is not None:
            raise refuse("MIG165", loc, text=text, why=self.problem)


class _Problem(Exception):
    pass


class _Parser:
    def __init__(self, state: TraceState, cwd: Value):
        self.state = state
        self.directory = cwd
        self.file: Value | None = None
        self.overrides: list[tuple[str, Value]] = []
        self.goals: list[str] = []
        self.always = False

    @staticmethod
    def fail(why: str) -> Exception:
        return _Problem(why)

    def option(self, letter: str, value: Value) -> None:
        if letter == "C":
            self.directory = within(self.state, self.directory, value)
        elif letter == "f":
            self.file = value

    def parse(self, args: tuple[Value, ...]) -> None:
        i = 0
        while i < len(args):
            word = args[i].literal
            i += 1
            if word is None:
                assignment = args[i - 1].parts[0] if args[i - 1].parts else ""
                match = _ASSIGNMENT.match(assignment) if isinstance(assignment, str) else None
                if match is None:
                    raise self.fail(f"`{args[i - 1].text}` is not known")
                self.overrides.append((match.group(1), _after(args[i - 1], match.end())))
                continue
            if word.startswith("--"):
                i = self.long_option(word, args, i)
            elif word.startswith("-") and len(word) > 1:
                i = self.short_options(word, args, i)
            elif _ASSIGNMENT.match(word):
                match = _ASSIGNMENT.match(word)
                assert match is not None
                self.overrides.append((match.group(1), Value.of(word[match.end():])))
            else:
                self.goals.append(word)

    def long_option(self, word: str, args: tuple[Value, ...], i: int) -> int:
        name, equals, value = word.partition("=")
        if name in _NOT_RUNNING:
            raise self.fail(f"with {name} make does not run the recipes as written")
        if name in ("--directory", "--file", "--makefile", "--include-dir"):
            if not equals:
                if i >= len(args):
                    raise self.fail(f"{name} without its value")
                argument, i = args[i], i + 1
            else:
                argument = Value.of(value)
            self.option({"--directory": "C", "--include-dir": "I"}.get(name, "f"), argument)
        elif name == "--always-make":
            self.always = True
        elif name not in _LONG_FLAGS:
            raise self.fail(f"{name} is not understood")
        return i

    def short_options(self, word: str, args: tuple[Value, ...], i: int) -> int:
        for k, letter in enumerate(word[1:], start=1):
            if letter in _NOT_RUNNING:
                raise self.fail(f"with -{letter} make does not run the recipes as written")
            if letter == "B":
                self.always = True
            if letter in _WITH_ARGUMENT:
                rest = word[k + 1:]
                if letter in "jl" and not rest:
                    return i  # `-j` alone: any number of jobs
                if rest:
                    self.option(letter, Value.of(rest))
                    return i
                if i >= len(args):
                    raise self.fail(f"-{letter} without its value")
                self.option(letter, args[i])
                return i + 1
            if letter not in _FLAGS:
                raise self.fail(f"-{letter} is not understood")
        return i


def parse_invocation(args: tuple[Value, ...], state: TraceState) -> Invocation:
    """ARGS, the words after `make`, as run from the tracer's current directory."""
    parser = _Parser(state, state.cwd)
    problem = None
    try:
        parser.parse(args)
    except _Problem as error:
        problem = str(error)
    if parser.file is not None:
        makefile = state.repo_path(within(state, parser.directory, parser.file))
    else:
        makefile = next((path for name in DEFAULT_NAMES
                         if (path := state.repo_path(within(state, parser.directory, Value.of(name)))) is not None
                         and state.host.kind(path) is not None), None)
    return Invocation(parser.directory, makefile, tuple(parser.overrides), tuple(parser.goals), parser.always,
                      problem)


def _after(value: Value, index: int) -> Value:
    """VALUE without its first INDEX characters (all in its first, literal part)."""
    first = value.parts[0]
    assert isinstance(first, str)
    return Value(((first[index:],) if first[index:] else ()) + value.parts[1:], value.assumed, value.glob)


def within(state: TraceState, directory: Value, path: Value) -> Value:
    """PATH as make reads it from DIRECTORY: absolute as written, else relative to DIRECTORY."""
    first = path.parts[0] if path.parts else ""
    if isinstance(first, str) and first.startswith("/"):
        return state.resolve(path)
    return state.resolve(Value(directory.parts, directory.assumed) + Value.of("/") + path)
