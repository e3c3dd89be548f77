"""The cmdlets a build script uses, bound to their parameters as PowerShell binds them (names
case-insensitive and abbreviable, the rest by position), and what each does: the working
directory, a computed path (Join-Path, Split-Path), or file work handed to the engine as the POSIX
command that does the same (`Remove-Item -Recurse -Force out` -> `rm -r -f out`, `mkdir a\\b` ->
`mkdir -p a/b`: PowerShell's mkdir makes the parents). A cmdlet this table does not know is recorded
with the paths it names (default-deny)."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field

from migrator.findings import refuse
from migrator.frontends.powershell import syntax as ps
from migrator.frontends.powershell.walk import Cmdlet, PsWalker
from migrator.frontends.windows import check_paths, host_path, posix_command
from migrator.hostfs import Kind
from migrator.trace.command import Command, Redirect, Word
from migrator.trace.values import Unknown, Value

_COMMON_VALUES = ("erroraction", "warningaction", "informationaction", "errorvariable", "warningvariable",
                  "outvariable", "outbuffer", "pipelinevariable", "informationvariable")
_COMMON_SWITCHES = ("verbose", "debug", "confirm", "whatif")
_QUIET = {"silentlycontinue", "ignore", "continue", "0", "4"}


@dataclass(frozen=True)
class Signature:
    positional: tuple[str, ...]  # parameters bound by position, in order
    values: tuple[str, ...] = ()  # other parameters that take a value
    switches: tuple[str, ...] = ()


@dataclass
class Bound:
    named: dict[str, Word] = field(default_factory=dict)
    switches: set[str] = field(default_factory=set)
    extra: list[Word] = field(default_factory=list)  # positional words past the signature's
    unknown: list[str] = field(default_factory=list)


def bind(signature: Signature, node: ps.Command, words: tuple[Word, ...], walker: PsWalker) -> Bound:
    values = (*signature.positional, *signature.values, *_COMMON_VALUES)
    switches = (*signature.switches, *_COMMON_SWITCHES)
    bound = Bound()
    position = 0
    k = 1
    while k < len(node.elements):
        argument = node.elements[k]
        if argument.parameter is None:
            if position < len(signature.positional):
                bound.named.setdefault(signature.positional[position], words[k])
                position += 1
            else:
                bound.extra.append(words[k])
            k += 1
            continue
        name = _resolve(argument.parameter, values + switches)
        if name is None:
            bound.unknown.append(argument.parameter)
        elif name in switches:
            attached = walker.evaluate(argument.value).literal if argument.attached else None
            if attached is None or attached.lower() not in ("false", "0"):
                bound.switches.add(name)
        elif argument.attached:
            bound.named[name] = Word(walker.evaluate(argument.value), argument.start, argument.end,
                                     walker.script.text[argument.start:argument.end])
        elif k + 1 < len(node.elements):
            bound.named[name] = words[k + 1]
            k += 1
        k += 1
    return bound


def _resolve(given: str, names: tuple[str, ...]) -> str | None:
    """PowerShell takes any unambiguous prefix of a parameter name (and `-ea` for ErrorAction)."""
    if given in names:
        return given
    if given == "ea":
        return "erroraction"
    matches = [n for n in names if n.startswith(given)]
    return matches[0] if len(matches) == 1 else None


def _stops(walker: PsWalker, bound: Bound) -> bool:
    action = bound.named.get("erroraction")
    if action is not None:
        return (action.value.literal or "").lower() in ("stop", "1")
    return walker.stop_on_error and not walker.conditions and not walker.try_depth


def _fails(walker: PsWalker, command: Command, bound: Bound, why: str) -> None:
    """A cmdlet error: under 'Stop' the legacy script ends here, so it never reaches its build."""
    if _stops(walker, bound):
        raise refuse("MIG122", command.loc, why=f"`{command.text}` {why}, and errors stop the script "
                                                 "($ErrorActionPreference = 'Stop')")


def _paths(bound: Bound, *names: str) -> list[Word]:
    first = next((bound.named[n] for n in names if n in bound.named), None)
    return ([first] if first is not None else []) + bound.extra


def _kind(walker: PsWalker, word: Word) -> Kind | None:
    path = walker.state.repo_path(host_path(word.value))
    return walker.state.host.kind(path) if path is not None else None


def _run(walker: PsWalker, command: Command, program: str, flags: tuple[str, ...], operands: list[Word]) -> None:
    translated = posix_command(command, program, flags, tuple(operands))
    check_paths(walker.case, walker.engine, translated, translated.words[1 + len(flags):])
    walker.engine.run(translated)


def _unknown(command: Command) -> Value:
    return Value((Unknown(f"$({command.text})"),)) if command.captured else Value()


# --- the cmdlets ---------------------------------------------------------------------------------

def _remove_item(walker: PsWalker, bound: Bound, command: Command) -> Value:
    paths = _paths(bound, "path", "literalpath")
    for word in paths:
        kind = _kind(walker, word)
        if kind is None and not word.value.glob:
            _fails(walker, command, bound, f"finds no {word.source}")
        if kind is Kind.DIR and "recurse" not in bound.switches:
            _fails(walker, command, bound, f"meets the directory {word.source} without -Recurse")
    if bound.unknown or (any(_kind(walker, w) is Kind.DIR for w in paths) and "recurse" not in bound.switches):
        _run(walker, command, "remove-item", (), paths)
    else:
        # never `rm -f`: -Force takes hidden and read-only items, but a missing one is still an error
        _run(walker, command, "rm", ("-r",) if "recurse" in bound.switches else (), paths)
    return Value()


def _new_item(walker: PsWalker, bound: Bound, command: Command, directory: bool = False) -> Value:
    item_type = (bound.named["itemtype"].value.literal or "").lower() if "itemtype" in bound.named else "file"
    paths = _paths(bound, "path")
    if "name" in bound.named and paths:
        joined = Word(paths[0].value + Value.of("/") + bound.named["name"].value, *_place(paths[0]))
        paths = [joined]
    if directory or item_type == "directory":
        if any(_kind(walker, w) is not None for w in paths) and "force" not in bound.switches:
            _fails(walker, command, bound, "finds the directory there already")
        _run(walker, command, "mkdir", ("-p",), paths)
    elif item_type == "file" and "value" not in bound.named and not bound.unknown:
        _run(walker, command, "touch", (), paths)
    else:
        _write(walker, command, paths, ">")
    return _unknown(command)


def _write(walker: PsWalker, command: Command, paths: list[Word], operator: str) -> None:
    """Content the host writes: a redirect, for the engine."""
    redirects = tuple(Redirect(operator, host_path(w.value)) for w in paths)
    head = Word(Value.of(":"), *_place(command.words[0]))
    walker.engine.run(Command((head,), command.span, command.loc, command.redirects + redirects,
                              command.in_pipeline, command.condition, False, command.text, command.statement))


def _copy_or_move(walker: PsWalker, bound: Bound, command: Command, copy: bool) -> Value:
    sources = _paths(bound, "path", "literalpath")
    destination = bound.named.get("destination")
    if destination is None:
        destination = Word(Value.of("."), command.span.end, command.span.end, "")
    for word in sources:
        if _kind(walker, word) is None and not word.value.glob:
            _fails(walker, command, bound, f"finds no {word.source}")
    directories = any(_kind(walker, w) is Kind.DIR for w in sources)
    if bound.unknown or (copy and directories and "recurse" not in bound.switches):
        _run(walker, command, "copy-item" if copy else "move-item", (), [*sources, destination])
    elif copy:
        _run(walker, command, "cp", ("-p", "-r") if "recurse" in bound.switches else ("-p",),
             [*sources, destination])
    else:
        _run(walker, command, "mv", (), [*sources, destination])
    return Value()


def _rename_item(walker: PsWalker, bound: Bound, command: Command) -> Value:
    source, new = bound.named.get("path"), bound.named.get("newname")
    if source is None or new is None or new.value.literal is None:
        _run(walker, command, "rename-item", (), list(bound.named.values()))
        return Value()
    target = host_path(source.value) + Value.of("/../" + new.value.literal)
    _run(walker, command, "mv", (), [source, Word(target, *_place(new))])
    return Value()


def _set_location(walker: PsWalker, bound: Bound, command: Command) -> Value:
    paths = _paths(bound, "path", "literalpath")
    if paths:
        walker.engine.change_directory(host_path(paths[0].value), command)
    return Value()


def _push_location(walker: PsWalker, bound: Bound, command: Command) -> Value:
    walker.dir_stack.append(walker.state.cwd)
    return _set_location(walker, bound, command)


def _pop_location(walker: PsWalker, bound: Bound, command: Command) -> Value:
    if walker.dir_stack:
        walker.state.cwd = walker.dir_stack.pop()
    return Value()


def _inspect(program: str) -> Callable[[PsWalker, Bound, Command], Value]:
    def inspect(walker: PsWalker, bound: Bound, command: Command) -> Value:
        flags = ("-e",) if program == "test" else ()
        _run(walker, command, program, flags, _paths(bound, "path", "literalpath"))
        return _unknown(command)
    return inspect


def _join_path(walker: PsWalker, bound: Bound, command: Command) -> Value:
    parts = [w.value for w in (*_paths(bound, "path"), *([bound.named["childpath"]] if "childpath" in bound.named
                                                          else []))] + [w.value for w in bound.extra]
    if not parts or bound.unknown:
        return _unknown(command)
    out = parts[0]
    for part in parts[1:]:
        out = out + Value.of("/") + part
    return out


def _split_path(walker: PsWalker, bound: Bound, command: Command) -> Value:
    paths = _paths(bound, "path", "literalpath")
    value = host_path(paths[0].value).literal if paths else None
    if value is None or bound.unknown:
        return _unknown(command)
    trimmed = value.rstrip("/")
    return Value.of(posixpath.basename(trimmed) if "leaf" in bound.switches else posixpath.dirname(trimmed))


def _resolve_path(walker: PsWalker, bound: Bound, command: Command) -> Value:
    paths = _paths(bound, "path", "literalpath")
    return walker.state.resolve(host_path(paths[0].value)) if paths else _unknown(command)


def _get_location(walker: PsWalker, bound: Bound, command: Command) -> Value:
    return walker.state.cwd


def _content(operator: str) -> Callable[[PsWalker, Bound, Command], Value]:
    def content(walker: PsWalker, bound: Bound, command: Command) -> Value:
        _write(walker, command, _paths(bound, "path", "literalpath", "filepath"), operator)
        return Value()
    return content


def _nothing(walker: PsWalker, bound: Bound, command: Command) -> Value:
    walker.engine.record_redirects(command)
    return _unknown(command)


def _evaluates(walker: PsWalker, bound: Bound, command: Command) -> Value:
    if "docker" in command.text.lower():
        raise refuse("MIG142", command.loc, text=command.text)
    return _unknown(command)


def _start_process(walker: PsWalker, bound: Bound, command: Command) -> Value:
    if "docker" in command.text.lower():
        raise refuse("MIG193", command.loc, text=command.text, why="Start-Process runs it apart from the script")
    walker.engine.run(command)
    return _unknown(command)


_PATH = Signature(("path",), ("literalpath",), ("force", "recurse"))
_TABLE: dict[str, tuple[Signature, Callable[[PsWalker, Bound, Command], Value]]] = {
    "remove-item": (Signature(("path",), ("literalpath", "filter", "include", "exclude"), ("recurse", "force")),
                    _remove_item),
    "new-item": (Signature(("path",), ("name", "itemtype", "value"), ("force",)), _new_item),
    "mkdir": (Signature(("path",), ("name",), ("force",)), lambda w, b, c: _new_item(w, b, c, directory=True)),
    "copy-item": (Signature(("path", "destination"), ("literalpath", "filter", "include", "exclude"),
                            ("recurse", "force", "container")), lambda w, b, c: _copy_or_move(w, b, c, True)),
    "move-item": (Signature(("path", "destination"), ("literalpath", "filter", "include", "exclude"), ("force",)),
                  lambda w, b, c: _copy_or_move(w, b, c, False)),
    "rename-item": (Signature(("path", "newname"), ("literalpath",), ("force",)), _rename_item),
    "set-location": (_PATH, _set_location),
    "push-location": (_PATH, _push_location),
    "pop-location": (Signature(()), _pop_location),
    "test-path": (Signature(("path",), ("literalpath", "pathtype"), ("isvalid",)), _inspect("test")),
    "get-content": (Signature(("path",), ("literalpath", "encoding", "totalcount", "tail"), ("raw",)),
                    _inspect("cat")),
    "get-childitem": (Signature(("path",), ("literalpath", "filter", "include", "exclude"), ("recurse", "force",
                                                                                            "name")), _inspect("ls")),
    "join-path": (Signature(("path", "childpath"), ("additionalchildpath",), ("resolve",)), _join_path),
    "split-path": (Signature(("path",), ("literalpath",), ("parent", "leaf", "qualifier", "noqualifier")),
                   _split_path),
    "resolve-path": (_PATH, _resolve_path),
    "convert-path": (_PATH, _resolve_path),
    "get-location": (Signature(()), _get_location),
    "set-content": (Signature(("path", "value"), ("literalpath", "encoding"), ("nonewline", "force")), _content(">")),
    "add-content": (Signature(("path", "value"), ("literalpath", "encoding"), ("nonewline", "force")),
                    _content(">>")),
    "out-file": (Signature(("filepath",), ("literalpath", "encoding", "inputobject"), ("append", "force", "nonewline")),
                 _content(">")),
    "invoke-expression": (Signature(("command",)), _evaluates),
    "start-process": (Signature(("filepath", "argumentlist"), ("workingdirectory",), ("wait", "nonewwindow")),
                      _start_process),
}
_QUIET_CMDLETS = ("write-host", "write-output", "write-verbose", "write-warning", "write-information", "write-debug",
                  "write-progress", "out-null", "out-host", "out-default", "set-strictmode", "start-sleep",
                  "import-module", "get-command", "get-date", "clear-host")
ALIASES = {
    "cd": "set-location", "sl": "set-location", "chdir": "set-location", "pushd": "push-location",
    "popd": "pop-location", "md": "mkdir", "ni": "new-item", "rm": "remove-item", "del": "remove-item",
    "erase": "remove-item", "rd": "remove-item", "rmdir": "remove-item", "ri": "remove-item", "cp": "copy-item",
    "copy": "copy-item", "cpi": "copy-item", "mv": "move-item", "move": "move-item", "mi": "move-item",
    "ren": "rename-item", "rni": "rename-item", "cat": "get-content", "gc": "get-content", "type": "get-content",
    "ls": "get-childitem", "dir": "get-childitem", "gci": "get-childitem", "echo": "write-output",
    "write": "write-output", "pwd": "get-location", "gl": "get-location", "sc": "set-content",
    "iex": "invoke-expression", "start": "start-process", "saps": "start-process", "cls": "clear-host",
}


def cmdlet(name: str) -> Cmdlet | None:
    """The handler of the cmdlet (or alias) NAME, bound to its parameters; None for other commands."""
    canonical = ALIASES.get(name, name)
    if canonical in _QUIET_CMDLETS:
        entry: tuple[Signature, Callable[[PsWalker, Bound, Command], Value]] | None = (Signature(()), _nothing)
    else:
        entry = _TABLE.get(canonical)
    if entry is None:
        return None
    signature, handler = entry

    def run(walker: PsWalker, node: ps.Command, words: tuple[Word, ...], command: Command) -> Value:
        bound = bind(signature, node, words, walker)
        if "whatif" in bound.switches:
            return Value()
        return handler(walker, bound, command)
    return run


def _place(word: Word) -> tuple[int, int, str]:
    return word.start, word.end, word.source
