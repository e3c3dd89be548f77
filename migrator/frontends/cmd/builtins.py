"""cmd's internal commands: those that change the walk's own state (variables, the working
directory, where the walk goes next) and those that change files, handed to the engine as the POSIX
command that does the same (`rd /s /q out` -> `rm -r -f out`, `md a\\b` -> `mkdir -p a/b`, `copy`
-> `cp -p`: a Windows host keeps no Unix modes, so no umask decides one)."""

from __future__ import annotations

import posixpath

from migrator.findings import refuse
from migrator.frontends.cmd.expand import expand, joined
from migrator.frontends.cmd.walk import MAX_CALL_DEPTH, BatchWalker, Builtin, ExitBatch, Goto, Terminate, program
from migrator.frontends.windows import host_path
from migrator.hostfs import Kind
from migrator.trace.command import Command, Word
from migrator.trace.values import Unknown, Value


def _switches(command: Command) -> tuple[set[str], tuple[Word, ...]]:
    """(the /switches, lower-cased, the other words) of COMMAND's arguments."""
    switches: set[str] = set()
    operands = []
    for word in command.args():
        literal = word.value.literal
        if literal is not None and literal.startswith("/") and len(literal) <= 3:
            switches.add(literal.lower())
        else:
            operands.append(word)
    return switches, tuple(operands)


def _set(walker: BatchWalker, command: Command) -> None:
    node_tail = walker.current_tail
    items = expand(node_tail, walker.lookup, walker.live)
    while items and items[0].part in (" ", "\t"):
        items = items[1:]
    head = "".join(i.part for i in items[:2] if isinstance(i.part, str)).lower()
    if head in ("/a", "/p"):
        rest = items[2:]
        name = "".join(i.part for i in rest if isinstance(i.part, str)).split("=", 1)[0].strip(' "')
        if name:
            walker.vars[name.upper()] = Value((Unknown(f"%{name}%"),))
        return
    if items and items[0].part == '"':
        last = max(k for k, i in enumerate(items) if i.part == '"')
        items = items[1:last] if last > 0 else items[1:]
    equals = next((k for k, i in enumerate(items) if i.part == "="), None)
    if equals is None or equals == 0:
        return  # `set` / `set X`: prints
    name_parts = items[:equals]
    if not all(isinstance(i.part, str) for i in name_parts):
        return
    name = "".join(str(i.part) for i in name_parts).upper()
    value = joined(items[equals + 1:])
    if value.parts:
        walker.vars[name] = value
    else:
        walker.vars.pop(name, None)


def _setlocal(walker: BatchWalker, command: Command) -> None:
    walker.locals.append((dict(walker.vars), walker.state.cwd, walker.delayed))
    options = {(w.value.literal or "").lower() for w in command.args()}
    if "enabledelayedexpansion" in options:
        walker.delayed = True
    if "disabledelayedexpansion" in options:
        walker.delayed = False


def _endlocal(walker: BatchWalker, command: Command) -> None:
    if walker.locals:
        walker.end_local()


def _cd(walker: BatchWalker, command: Command) -> None:
    _, operands = _switches(command)
    if operands:
        walker.engine.change_directory(host_path(_joined_operands(operands)), command)


def _joined_operands(operands: tuple[Word, ...]) -> Value:
    """`cd` takes the rest of its line as one path, blanks included."""
    out = Value()
    for k, word in enumerate(operands):
        out = out + (Value.of(" ") if k else Value()) + word.value
    return out


def _pushd(walker: BatchWalker, command: Command) -> None:
    walker.dir_stack.append(walker.state.cwd)
    _cd(walker, command)


def _popd(walker: BatchWalker, command: Command) -> None:
    if walker.dir_stack:
        walker.state.cwd = walker.dir_stack.pop()


def _exit(walker: BatchWalker, command: Command) -> None:
    if command.condition is not None:
        return  # a failure path: a working legacy flow does not take it
    switches, _ = _switches(command)
    raise ExitBatch() if "/b" in switches else Terminate()


def _goto(walker: BatchWalker, command: Command) -> None:
    args = command.args()
    label = (args[0].value.literal or "").lstrip(":").lower() if args else ""
    if label == "eof":
        if command.condition is None:
            raise ExitBatch()
        return
    if not walker.conditions:
        raise Goto(label, command)
    where, checks_failure = walker.conditions[-1]
    if checks_failure:
        return  # `if errorlevel 1 goto :fail`: the failure path again
    here = next(k for k, n in enumerate(walker.script.statements) if n.start <= command.span.start < n.end)
    if walker.label_index(label, command) <= here:
        raise refuse("MIG190", command.loc, text=command.text, why="it jumps back under a condition (a loop)")
    if walker.region is None:
        walker.region = (label, f"`{command.text}` ({where})")


def _call(walker: BatchWalker, command: Command) -> None:
    rest = command.without_first(1)
    if not rest.words:
        return
    target = rest.words[0].value.literal or ""
    if target.startswith(":"):
        _subroutine(walker, rest, target[1:].lower())
        return
    name = program(target)
    if name.endswith((".cmd", ".bat")):
        walker.call_script(rest, shares=True, transfers=False)
        return
    builtin = walker.builtins.get(name)
    if name == "set":  # `call set X=%%Y%%`: the second expansion is not followed
        walker.current_tail = tuple(walker.current_tail[4:])
    if builtin is not None and name not in ("call", "goto", "exit"):
        builtin(walker, rest)
    elif name in ("docker", "podman", "buildah"):
        walker.run_docker(rest, name)
    else:
        walker.call_script(rest, shares=False, transfers=False)


def _subroutine(walker: BatchWalker, command: Command, label: str) -> None:
    if len(walker.arguments) > MAX_CALL_DEPTH:
        raise refuse("MIG141", command.loc, text=command.text, depth=MAX_CALL_DEPTH)
    start = walker.label_index(label, command)
    walker.arguments.append(tuple(w.value for w in command.args()))
    saved = walker.snapshot, walker.region
    try:
        walker.run_from(start + 1)
    except ExitBatch:
        pass
    finally:
        walker.arguments.pop()
        walker.snapshot, walker.region = saved


def _shift(walker: BatchWalker, command: Command) -> None:
    args = walker.arguments[-1]
    if args is not None:
        walker.arguments[-1] = args[1:]


def _nothing(walker: BatchWalker, command: Command) -> None:
    walker.engine.record_redirects(command)


def _mkdir(walker: BatchWalker, command: Command) -> None:
    _, operands = _switches(command)
    walker.file_command(command, "mkdir", ("-p",), operands)  # command extensions make the parents


def _rd(walker: BatchWalker, command: Command) -> None:
    switches, operands = _switches(command)
    if "/s" in switches:
        walker.file_command(command, "rm", ("-r",), operands)
    else:
        walker.file_command(command, "rmdir", (), operands)


def _del(walker: BatchWalker, command: Command) -> None:
    switches, operands = _switches(command)
    directories = [w for w in operands if walker.state.host.kind(_repo_path(walker, w) or "") is Kind.DIR]
    if switches & {"/s", "/p"} or directories or any("/a" in s for s in switches):
        walker.file_command(command, "del", (), operands)  # not modelled: it names its paths
    else:
        walker.file_command(command, "rm", ("-f",), operands)


def _copy(walker: BatchWalker, command: Command) -> None:
    _, operands = _switches(command)
    if len(operands) == 1:
        operands = (*operands, Word(Value.of("."), command.span.end, command.span.end, ""))
    source = _repo_path(walker, operands[0]) if operands else None
    joins = any("+" in (w.value.literal or "+") for w in operands)
    if len(operands) != 2 or joins or walker.state.host.kind(source or "") is Kind.DIR:
        walker.file_command(command, "copy", (), operands)  # a directory's files, or a concatenation
    else:
        walker.file_command(command, "cp", ("-p",), operands)


def _move(walker: BatchWalker, command: Command) -> None:
    _, operands = _switches(command)
    walker.file_command(command, "mv" if len(operands) == 2 else "move", (), operands)


def _ren(walker: BatchWalker, command: Command) -> None:
    _, operands = _switches(command)
    if len(operands) != 2 or operands[1].value.literal is None or "\\" in operands[1].source:
        walker.file_command(command, "ren", (), operands)
        return
    source = host_path(operands[0].value).literal or ""
    target = posixpath.join(posixpath.dirname(source), operands[1].value.literal)
    walker.file_command(command, "mv", (), (operands[0], Word(Value.of(target), *_place(operands[1]))))


def _type(walker: BatchWalker, command: Command) -> None:
    _, operands = _switches(command)
    walker.file_command(command, "cat", (), operands)


def _dir(walker: BatchWalker, command: Command) -> None:
    _, operands = _switches(command)
    walker.file_command(command, "ls", (), operands)


def _start(walker: BatchWalker, command: Command) -> None:
    if any(program(w.value.literal) in ("docker", "podman") for w in command.args()):
        raise refuse("MIG193", command.loc, text=command.text, why="`start` runs it alongside the script")
    walker.engine.run(walker.with_host_paths(command))


def _repo_path(walker: BatchWalker, word: Word) -> str | None:
    return walker.state.repo_path(host_path(word.value))


def _place(word: Word) -> tuple[int, int, str]:
    return word.start, word.end, word.source


BUILTINS: dict[str, Builtin] = {
    "set": _set,
    "setlocal": _setlocal,
    "endlocal": _endlocal,
    "cd": _cd,
    "chdir": _cd,
    "pushd": _pushd,
    "popd": _popd,
    "exit": _exit,
    "goto": _goto,
    "call": _call,
    "shift": _shift,
    "mkdir": _mkdir,
    "md": _mkdir,
    "rd": _rd,
    "rmdir": _rd,
    "del": _del,
    "erase": _del,
    "copy": _copy,
    "move": _move,
    "ren": _ren,
    "rename": _ren,
    "type": _type,
    "dir": _dir,
    "start": _start,
    # These neither change state the trace follows nor name files (their redirects still count).
    **{name: _nothing for name in ("echo", "echo.", "rem", "title", "color", "pause", "cls", "ver", "verify",
                                   "break", "prompt", "chcp", "vol", "timeout", "path")},
}
