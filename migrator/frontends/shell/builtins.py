"""Shell builtins the walk interprets itself: they change the walk's own state (the working
directory, variables, whether the script goes on), never files (their redirects are recorded by
the engine before they run)."""

from __future__ import annotations

import re
from collections.abc import Callable

from migrator.findings import refuse
from migrator.frontends.shell.walk import DOCKER_WORD, FunctionReturn, ShellWalker
from migrator.trace.command import Command
from migrator.trace.engine import unknown_output
from migrator.trace.values import Unknown, Value

_ASSIGNMENT_WORD = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)=")


def _cd(walker: ShellWalker, command: Command) -> Value:
    args = [w for w in command.args() if w.value.literal not in ("-P", "-L", "--")]
    target = args[0].value if args else Value((Unknown("$HOME"),))
    if target.literal == "-":
        target = walker.vars.get("OLDPWD", Value((Unknown("$OLDPWD"),)))
    walker.vars["OLDPWD"] = walker.state.cwd
    walker.engine.change_directory(target, command)
    return Value()


def _pushd(walker: ShellWalker, command: Command) -> Value:
    walker.dir_stack.append(walker.state.cwd)
    return _cd(walker, command)


def _popd(walker: ShellWalker, command: Command) -> Value:
    if walker.dir_stack:
        walker.state.cwd = walker.dir_stack.pop()
    return Value()


def _declare(walker: ShellWalker, command: Command) -> Value:
    for word in command.args():
        if word.assigns:
            walker.vars[word.assigns] = word.value
            continue
        # bashlex reads `export NAME=value` as a plain word: split it here
        first = word.value.parts[0] if word.value.parts else ""
        match = _ASSIGNMENT_WORD.match(first) if isinstance(first, str) else None
        if match and isinstance(first, str):
            rest = first[match.end():]
            walker.vars[match.group(1)] = Value(((rest,) if rest else ()) + word.value.parts[1:], word.value.assumed)
    return Value()


def _source(walker: ShellWalker, command: Command) -> Value:
    walker.environment_known = False  # unset variables may be set by what it reads
    return Value()


def _eval(walker: ShellWalker, command: Command) -> Value:
    if DOCKER_WORD.search(command.text):
        raise refuse("MIG142", command.loc, text=command.text)
    return Value()


def _exit(walker: ShellWalker, command: Command) -> Value:
    if not command.condition and len(walker.positional) == 1:
        walker.stopped = True
    return Value()


def _return(walker: ShellWalker, command: Command) -> Value:
    if not command.condition and len(walker.positional) > 1:
        raise FunctionReturn()
    return Value()


def _set(walker: ShellWalker, command: Command) -> Value:
    """`set -e`, `set -euo pipefail`, `set +e`, `set -o errexit`: whether a failing command stops
    the script (a container run whose failure the script ignored must be reported)."""
    words = [w.value.literal or "" for w in command.args()]
    for i, word in enumerate(words):
        if word in ("-o", "+o") and i + 1 < len(words) and words[i + 1] == "errexit":
            walker.state.errexit = word == "-o"
        elif word[:1] in ("-", "+") and word[1:].isalpha() and "e" in word[1:]:
            walker.state.errexit = word[0] == "-"
    return Value()


def _nothing(walker: ShellWalker, command: Command) -> Value:
    return unknown_output(command) if command.captured else Value()


BUILTINS: dict[str, Callable[[ShellWalker, Command], Value]] = {
    "cd": _cd,
    "pushd": _pushd,
    "popd": _popd,
    "export": _declare,
    "local": _declare,
    "declare": _declare,
    "typeset": _declare,
    "readonly": _declare,
    "source": _source,
    ".": _source,
    "eval": _eval,
    "exit": _exit,
    "return": _return,
    "set": _set,
    # These neither change state the trace follows nor name files (their redirects still count).
    **{name: _nothing for name in ("shopt", "trap", "echo", "printf", "true", "false", ":", "shift",
                                   "unset", "wait", "sleep", "umask", "hash", "command", "type", "which", "date",
                                   "uname", "id", "whoami", "hostname", "read")},
}
