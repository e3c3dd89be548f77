"""Calls that run something: subprocess (an argument list becomes a command for the trace engine;
a string with shell=True, or os.system, is shell code for the shell front end, see embedded.py)
and the file operations of os, shutil and pathlib, each as the host command with the same effect
(`shutil.rmtree(p, ignore_errors=True)` is `rm -rf p`), so that one engine judges them all.

A command whose failure nothing stops on (subprocess.run without check=True, or inside a try
whose handlers carry on) is like a command in a shell script without `set -e`; where that changes
what the trace must assume (an `rm` of a path that may be missing), the command says so (`rm -f`)."""

from __future__ import annotations

import shlex
from typing import TYPE_CHECKING

import libcst as cst

from migrator.findings import refuse
from migrator.frontends.python import embedded, files
from migrator.frontends.python.library import path_of
from migrator.frontends.python.methods import pure_method
from migrator.frontends.python.rewrite_build import names_are_module_constants
from migrator.frontends.python.values import Bound, Const, Opaque, Process, Ref, Seq, Str
from migrator.source import Loc
from migrator.trace.command import Command, Redirect, Word
from migrator.trace.values import Value

if TYPE_CHECKING:
    from migrator.frontends.python.evaluate import Arg, CallInfo
    from migrator.frontends.python.walk import PythonWalker

_CAPTURING = {"check_output", "getoutput", "getstatusoutput"}
_CHECKING = {"check_call", "check_output"}
_SAFE_SOURCE = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./:=@%+,")


def _subprocess(kind: str):
    def handler(walker: PythonWalker, info: CallInfo) -> object:
        args = info.arg(0, "args")
        if args is None:
            return Opaque(walker.script.text_of(info.node))
        captured = kind in _CAPTURING or bool(info.flag("capture_output")) or _is_pipe(info.kwargs.get("stdout"))
        checked = kind in _CHECKING or bool(info.flag("check"))
        text = kind in ("getoutput", "getstatusoutput") or bool(info.flag("text") or info.flag("universal_newlines")
                                                                 or "encoding" in info.kwargs)
        cwd = info.kwargs.get("cwd")
        redirects = files.stdout_redirects(walker, info)
        env = info.kwargs.get("env")
        if kind in ("getoutput", "getstatusoutput") or info.flag("shell"):
            if not isinstance(args.value, Str):
                walker.check_opaque(info.node, "shell command the trace cannot read")
                return Opaque(walker.script.text_of(info.node))
            output = embedded.run_shell(walker, info, args.value, captured, cwd, env)
        else:
            words = _words(walker, info, args)
            output = run_words(walker, info, words, captured, redirects, cwd, tolerant=not checked)
        return _result(kind, output, captured, text, walker, info)
    return handler


def _result(kind: str, output: Value, captured: bool, text: bool, walker: PythonWalker, info: CallInfo) -> object:
    out = Str.computed(output, walker.at(info.node), is_bytes=not text) if captured else Const(None)
    if kind in ("run", "Popen"):
        return Process(out, Opaque("returncode"))
    if kind == "getstatusoutput":
        return Seq((Opaque("status"), out))
    if kind in ("check_output", "getoutput"):
        return out
    return Const(0) if kind == "check_call" else Opaque(f"the exit status of {walker.script.text_of(info.node)}")


def _is_pipe(arg: Arg | None) -> bool:
    return arg is not None and isinstance(arg.value, Ref) and arg.value.name.endswith(".PIPE")


def _words(walker: PythonWalker, info: CallInfo, args: Arg) -> list[tuple[Str, cst.CSTNode | None]]:
    value = args.value
    if isinstance(value, Str):  # no shell: the whole string names the program
        return [(value, args.node)]
    if isinstance(value, Seq):
        at = walker.at(info.node)
        nodes = value.nodes or (None,) * len(value.items)
        return [(path_of(item, at, walker.script.text_of(node or info.node)), node)
                for item, node in zip(value.items, nodes, strict=True)]
    touched = walker.touches(info.node, value.what if isinstance(value, Opaque) else "")
    if touched is not None:
        unreadable = value.what if isinstance(value, Opaque) else walker.script.text_of(args.node)
        raise refuse("MIG183", walker.script.loc(info.node), text=walker.script.text_of(info.node),
                     what=touched, why=f"`{unreadable}` is not a list or string it can read")
    raise _NotTraced()


class _NotTraced(Exception):
    """A command the trace cannot read that names nothing it follows: recorded as nothing."""


def run_words(walker: PythonWalker, info: CallInfo, words: list[tuple[Str, cst.CSTNode | None]], captured: bool,
              redirects: tuple[Redirect, ...] = (), cwd: Arg | None = None, tolerant: bool = False,
              text: str | None = None) -> Value:
    """Hand one command to the engine, with the span of the statement it belongs to."""
    span = walker.command_span()
    built = [Word(value.value, *(walker.at(node) if node is not None else (span.start, span.end)),
                  _source(walker, value, node)) for value, node in words]
    if (tolerant or walker.tolerant) and built and built[0].value.literal == "rm":
        built.insert(1, Word(Value.of("-f"), span.start, span.start, "'-f'"))  # a failure is no error here
    command = Command(
        words=tuple(built), span=span, loc=Loc(walker.script.path, walker.script.line_of(span.start)),
        redirects=redirects, in_pipeline=False, condition=walker.conditions[-1] if walker.conditions else None,
        captured=captured, text=text or " ".join(_shown(w.value) for w in built), statement=span,
        in_test=walker.testing > 0)
    saved = walker.state.cwd
    try:
        if cwd is not None and not (isinstance(cwd.value, Const) and cwd.value.value is None):
            where = path_of(cwd.value, walker.at(cwd.node), walker.script.text_of(cwd.node))
            walker.engine.change_directory(where.value, command)
        return walker.engine.run(command)
    finally:
        walker.state.cwd = saved


def _shown(value: Value) -> str:
    literal = value.literal
    return shlex.quote(literal) if literal is not None else value.text


def _source(walker: PythonWalker, value: Str, node: cst.CSTNode | None) -> str:
    """The word as a flag carried to the runtime build is to be written: the Python expression
    that computed it (in parentheses, which no shell reads, so it can never land in a shell script
    unnoticed) when it reads only module-level names bound once, so that the runtime build keeps
    following them; else a literal in single quotes (the same in Python and in shell); else the
    expression, which the rewrite checks."""
    literal = value.value.literal
    if node is not None and not isinstance(node, cst.SimpleString) and names_are_module_constants(walker.script, node):
        return f"({walker.script.source(node)})"
    if literal is not None and set(literal) <= _SAFE_SOURCE | {" "}:
        return f"'{literal}'"
    return f"({walker.script.source(node)})" if node is not None else f"({literal!r})"


def _system(walker: PythonWalker, info: CallInfo) -> object:
    command = info.arg(0, "command")
    if command is None or not isinstance(command.value, Str):
        walker.check_opaque(info.node, "shell command the trace cannot read")
        return Opaque(walker.script.text_of(info.node))
    captured = "popen" in walker.script.text_of(info.node.func)
    output = embedded.run_shell(walker, info, command.value, captured, None, None)
    if captured:
        return Process(Str.computed(output, walker.at(info.node)), Opaque("status"))
    return Opaque(f"the exit status of {walker.script.text_of(info.node)}")


def _exit(walker: PythonWalker, info: CallInfo) -> object:
    from migrator.frontends.python.walk import ScriptExit
    if not walker.conditions:
        raise ScriptExit()
    return Const(None)


def method(walker: PythonWalker, bound: Bound, info: CallInfo) -> object | None:
    """A method call that runs something or touches files, else a pure one; None: neither."""
    target = bound.target
    if isinstance(target, Process):
        if bound.method == "communicate":
            return Seq((target.stdout, Const(None)))
        if bound.method == "read":
            return target.stdout
        return Const(None) if bound.method == "check_returncode" else Opaque(bound.method)
    found = files.method(walker, bound, info)
    if found is not None:
        return found
    return pure_method(walker, bound, info)


def _safe(handler):
    def run(walker: PythonWalker, info: CallInfo) -> object:
        try:
            return handler(walker, info)
        except _NotTraced:
            return Opaque(walker.script.text_of(info.node))
    return run


COMMANDS = {
    **{f"subprocess.{kind}": _safe(_subprocess(kind)) for kind in
       ("run", "call", "check_call", "check_output", "Popen", "getoutput", "getstatusoutput")},
    "os.system": _system, "os.popen": _system,
    "sys.exit": _exit, "builtins.exit": _exit, "builtins.quit": _exit, "os._exit": _exit,
    **files.FUNCTIONS,
}
