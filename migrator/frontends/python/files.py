"""File operations of os, shutil, pathlib and open(), as the host commands that do the same to the
host's files (trace/host.py models those): os.makedirs is `mkdir -p`, shutil.copy2 is `cp -p`,
Path.write_text is a `>` redirect … An operation with no exact twin (shutil.copyfile sets the mode
from the umask, copytree follows symlinks) goes to the engine under its own name, which it does not
model: used on an extracted path, the migration is refused (default-deny)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from migrator.frontends.python.library import path_of
from migrator.frontends.python.values import Bound, Const, File, Opaque, PathValue, Str, literal_of, truth
from migrator.trace.command import Command, Redirect, Word
from migrator.trace.values import Value

if TYPE_CHECKING:
    from migrator.frontends.python.evaluate import Arg, CallInfo
    from migrator.frontends.python.walk import PythonWalker


def _host(walker: PythonWalker, info: CallInfo, name: str, flags: list[str], operands: list[object],
          captured: bool = False, redirects: tuple[Redirect, ...] = ()) -> Value:
    from migrator.frontends.python.commands import run_words
    at = walker.at(info.node)
    shown = walker.script.text_of(info.node)
    paths = [path_of(o, at, shown) for o in operands]
    guard = ["--"] if any((p.value.literal or "").startswith("-") for p in paths) else []
    words = [(Str.computed(Value.of(w), at), None) for w in (name, *flags, *guard)]
    return run_words(walker, info, [*words, *((p, None) for p in paths)], captured, redirects, text=shown)


def _operands(info: CallInfo, *names: str) -> list[object] | None:
    found = [info.arg(i, name) for i, name in enumerate(names)]
    return None if any(a is None for a in found) else [a.value for a in found if a is not None]


def _simple(name: str, flags: list[str], *params: str, tolerant_flag: str | None = None):
    def handler(walker: PythonWalker, info: CallInfo) -> object:
        operands = _operands(info, *params)
        if operands is None:
            return _unreadable(walker, info)
        extra = ["-f"] if tolerant_flag is not None and info.flag(tolerant_flag) else []
        _host(walker, info, name, flags + extra, operands)
        return Const(None)
    return handler


def _unreadable(walker: PythonWalker, info: CallInfo) -> object:
    walker.check_opaque(info.node, "file operation the trace cannot read")
    return Opaque(walker.script.text_of(info.node))


def _makedirs(walker: PythonWalker, info: CallInfo) -> object:
    operands = _operands(info, "name")
    if operands is None:
        return _unreadable(walker, info)
    _host(walker, info, "mkdir", ["-p"], operands)
    return Const(None)


def _chmod(walker: PythonWalker, info: CallInfo, path: object, mode: Arg | None) -> object:
    number = literal_of(mode.value) if mode is not None else None
    spelled = format(number, "o") if isinstance(number, int) and not isinstance(number, bool) else None
    words: list[object] = [path]
    if spelled is None:  # a mode the script computes: the host model marks the file as unrepresentable
        from migrator.frontends.python.library import computed
        from migrator.trace.values import Unknown
        spelled_value = computed(Value((Unknown(walker.script.text_of(info.node)),)), walker.at(info.node))
        _host(walker, info, "chmod", [], [spelled_value, *words])
    else:
        _host(walker, info, "chmod", [spelled], words)
    return Const(None)


def _os_chmod(walker: PythonWalker, info: CallInfo) -> object:
    path = info.arg(0, "path")
    return _chmod(walker, info, path.value, info.arg(1, "mode")) if path is not None else _unreadable(walker, info)


def _copytree(walker: PythonWalker, info: CallInfo) -> object:
    operands = _operands(info, "src", "dst")
    if operands is None:
        return _unreadable(walker, info)
    if info.flag("symlinks") and set(info.kwargs) <= {"src", "dst", "symlinks", "dirs_exist_ok"}:
        source = path_of(operands[0], walker.at(info.node), "")
        _host(walker, info, "cp", ["-a"], [source + Str.computed(Value.of("/."), walker.at(info.node)), operands[1]])
    else:  # it follows symlinks (or filters): no shell command does the same
        _host(walker, info, "copytree", [], operands)
    return Const(None)


def _rmtree(walker: PythonWalker, info: CallInfo) -> object:
    operands = _operands(info, "path")
    if operands is None:
        return _unreadable(walker, info)
    _host(walker, info, "rm", ["-r"] + (["-f"] if info.flag("ignore_errors") else []), operands)
    return Const(None)


def _chdir(walker: PythonWalker, info: CallInfo) -> object:
    target = info.arg(0, "path")
    if target is None:
        return _unreadable(walker, info)
    path = path_of(target.value, walker.at(info.node), walker.script.text_of(info.node))
    span = walker.command_span()
    from migrator.source import Loc
    command = Command((Word(Value.of("cd"), span.start, span.end, "'cd'"),
                       Word(path.value, span.start, span.end, "")), span,
                      Loc(walker.script.path, walker.script.line_of(span.start)), (), False,
                      walker.conditions[-1] if walker.conditions else None, False, walker.script.text_of(info.node),
                      span)
    walker.engine.change_directory(path.value, command)
    return Const(None)


def _inspect(name: str):
    def handler(walker: PythonWalker, info: CallInfo) -> object:
        operands = _operands(info, "path")
        if operands is None:
            return _unreadable(walker, info)
        _host(walker, info, name, [], operands)
        return Opaque(walker.script.text_of(info.node))
    return handler


def _open(walker: PythonWalker, info: CallInfo, path: object | None = None, mode: Arg | None = None) -> object:
    if path is None:
        found = info.arg(0, "file")
        if found is None:
            return _unreadable(walker, info)
        path, mode = found.value, info.arg(1, "mode")
    spelled = literal_of(mode.value) if mode is not None else "r"
    if not isinstance(spelled, str):
        return _unreadable(walker, info)
    target = path_of(path, walker.at(info.node), walker.script.text_of(info.node))
    if any(c in spelled for c in "wax+"):
        _write(walker, info, target, ">>" if "a" in spelled else ">")
        return File(target, spelled)
    content = _host(walker, info, "cat", [], [target], captured=True)
    return File(target, spelled, Str.computed(content, walker.at(info.node), "b" in spelled))


def _write(walker: PythonWalker, info: CallInfo, target: Str, operator: str) -> None:
    span = walker.command_span()
    from migrator.source import Loc
    command = Command((Word(Value.of(":"), span.start, span.end, "':'"),), span,
                      Loc(walker.script.path, walker.script.line_of(span.start)), (Redirect(operator, target.value),),
                      False, walker.conditions[-1] if walker.conditions else None, False,
                      walker.script.text_of(info.node), span, walker.testing > 0)
    walker.engine.record_redirects(command)


def stdout_redirects(walker: PythonWalker, info: CallInfo) -> tuple[Redirect, ...]:
    """stdout=open(…, "w") / a file opened for writing: the command's output goes there."""
    out = info.kwargs.get("stdout")
    if out is not None and isinstance(out.value, File) and any(c in out.value.mode for c in "wax+"):
        return (Redirect(">>" if "a" in out.value.mode else ">", out.value.path.value),)
    return ()


def method(walker: PythonWalker, bound: Bound, info: CallInfo) -> object | None:
    """Path methods that touch files, and the methods of an open file; None: not one of them."""
    target = bound.target
    if isinstance(target, File):
        if bound.method in ("read", "readlines", "readline"):
            return target.content if target.content is not None else Opaque("read")
        return Const(None) if bound.method in ("write", "close", "flush", "writelines") else None
    if not isinstance(target, PathValue):
        return None
    handler = _PATH_METHODS.get(bound.method)
    return handler(walker, target, info) if handler is not None else None


def _path_mkdir(walker: PythonWalker, path: PathValue, info: CallInfo) -> object:
    _host(walker, info, "mkdir", ["-p"] if info.flag("parents") or info.flag("exist_ok") else [], [path])
    return Const(None)


def _path_unlink(walker: PythonWalker, path: PathValue, info: CallInfo) -> object:
    _host(walker, info, "rm", ["-f"] if info.flag("missing_ok") else [], [path])
    return Const(None)


def _path_rename(walker: PythonWalker, path: PathValue, info: CallInfo) -> object:
    target = info.arg(0, "target")
    if target is None:
        return _unreadable(walker, info)
    _host(walker, info, "mv", ["-T"], [path, target.value])
    return PathValue(path_of(target.value, walker.at(info.node), ""))


def _path_write(walker: PythonWalker, path: PathValue, info: CallInfo) -> object:
    _write(walker, info, path.path, ">")
    return Opaque("written")


def _path_read(walker: PythonWalker, path: PathValue, info: CallInfo) -> object:
    return Str.computed(_host(walker, info, "cat", [], [path], captured=True), walker.at(info.node))


def _path_simple(name: str, flags: list[str]):
    def handler(walker: PythonWalker, path: PathValue, info: CallInfo) -> object:
        _host(walker, info, name, flags, [path])
        return Opaque(walker.script.text_of(info.node))
    return handler


_PATH_METHODS = {
    "mkdir": _path_mkdir, "unlink": _path_unlink, "rename": _path_rename, "replace": _path_rename,
    "write_text": _path_write, "write_bytes": _path_write, "read_text": _path_read, "read_bytes": _path_read,
    "touch": _path_simple("touch", []), "rmdir": _path_simple("rmdir", []),
    "exists": _path_simple("test", ["-e"]), "is_file": _path_simple("test", ["-f"]),
    "is_dir": _path_simple("test", ["-d"]), "iterdir": _path_simple("ls", []),
    "chmod": lambda walker, path, info: _chmod(walker, info, path, info.arg(0, "mode")),
    "open": lambda walker, path, info: _open(walker, info, path, info.arg(0, "mode")),
}

FUNCTIONS = {
    "os.remove": _simple("rm", [], "path"), "os.unlink": _simple("rm", [], "path"),
    "os.rmdir": _simple("rmdir", [], "path"), "os.mkdir": _simple("mkdir", [], "path"),
    "os.makedirs": _makedirs, "os.rename": _simple("mv", ["-T"], "src", "dst"),
    "os.replace": _simple("mv", ["-T"], "src", "dst"), "os.chmod": _os_chmod, "os.chdir": _chdir,
    "os.symlink": _simple("ln", ["-s"], "src", "dst"), "os.listdir": _inspect("ls"),
    "os.path.exists": _inspect("test"), "os.path.isfile": _inspect("test"), "os.path.isdir": _inspect("test"),
    "os.path.islink": _inspect("test"), "os.path.getsize": _inspect("stat"), "glob.glob": _inspect("ls"),
    "shutil.copy": _simple("cp", ["-p"], "src", "dst"), "shutil.copy2": _simple("cp", ["-p"], "src", "dst"),
    "shutil.copyfile": _simple("copyfile", [], "src", "dst"), "shutil.copytree": _copytree,
    "shutil.move": _simple("mv", [], "src", "dst"), "shutil.rmtree": _rmtree,
    "builtins.open": _open,
}

__all__ = ["truth"]
