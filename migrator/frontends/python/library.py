"""The standard library as far as the trace computes values with it: os.path, pathlib's pure
parts, str methods and formatting, shlex, os.environ, sys.argv, and how a user function's
parameters are bound. Functions that run something or touch files are in commands.py."""

from __future__ import annotations

import posixpath
import shlex
import string
from typing import TYPE_CHECKING

import libcst as cst

from migrator.frontends.python.values import (
    Const,
    Function,
    Mapping,
    Opaque,
    PathValue,
    Piece,
    Ref,
    Seq,
    Str,
    as_str,
    literal_of,
)
from migrator.trace.values import Unknown, Value

if TYPE_CHECKING:
    from migrator.frontends.python.evaluate import CallInfo
    from migrator.frontends.python.walk import PythonWalker

_BUILTINS = {"print", "str", "int", "len", "list", "tuple", "sorted", "open", "range", "exit", "quit", "bool",
             "isinstance", "repr", "bytes", "set", "dict", "any", "all", "min", "max", "enumerate", "zip", "input"}
_CONSTANTS = {"os.sep": "/", "os.curdir": ".", "os.pardir": "..", "os.linesep": "\n", "os.pathsep": ":",
              "sys.executable": "python3", "sys.platform": "linux", "os.name": "posix"}


def text(literal: str, at: tuple[int, int]) -> Str:
    return Str.computed(Value.of(literal), at)


def computed(value: Value, at: tuple[int, int]) -> Str:
    return Str.computed(value, at)


def as_text(value: object, at: tuple[int, int], what: str) -> Str:
    return as_str(value, at, what)


def builtin(name: str) -> object:
    if name in ("True", "False", "None"):
        return Const({"True": True, "False": False, "None": None}[name])
    return Ref(f"builtins.{name}") if name in _BUILTINS else Opaque(name)


def attribute(walker: PythonWalker, qualified: str, node: cst.CSTNode) -> object:
    if qualified in _CONSTANTS:
        return text(_CONSTANTS[qualified], walker.at(node))
    if qualified == "sys.argv":
        known = walker.argv if walker.argv is not None else ()
        if walker.argv is None:
            return Opaque("sys.argv")
        return Seq((walker.argument(0, node), *(computed(v, walker.at(node)) for v in known)))
    return Ref(qualified)


# --- paths ---------------------------------------------------------------------------------------

def path_of(value: object, at: tuple[int, int], what: str) -> Str:
    return value.path if isinstance(value, PathValue) else as_str(value, at, what)


def join_paths(walker: PythonWalker, first: object, rest: list[object], node: cst.CSTNode) -> object:
    """os.path.join and Path's `/`: a part that is absolute starts again."""
    at = walker.at(node)
    out = path_of(first, at, walker.script.text_of(node))
    for part in rest:
        piece = path_of(part, at, walker.script.text_of(node))
        literal = piece.value.literal
        if (literal is not None and literal.startswith("/")) or (out.value.literal == "" and isinstance(first, Str)):
            out = piece
        else:
            ends = out.value.literal is not None and out.value.literal.endswith("/")
            out = out + (Str(()) if ends else text("/", at)) + piece
    return PathValue(out) if isinstance(first, PathValue) else out


def path_property(walker: PythonWalker, path: PathValue, name: str, node: cst.CSTNode) -> object:
    literal = path.path.value.literal
    at = walker.at(node)
    if literal is None:
        if name == "parent" and path.path.value.parts and isinstance(path.path.value.parts[-1], str) \
                and "/" in path.path.value.parts[-1]:
            head = path.path.value.parts[-1].rsplit("/", 1)[0]
            return PathValue(computed(Value(path.path.value.parts[:-1] + ((head,) if head else ())), at))
        return Opaque(walker.script.text_of(node))
    normal = posixpath.normpath(literal) if literal else "."
    if name == "parent":
        return PathValue(text(posixpath.dirname(normal) or ".", at))
    if name == "name":
        return text(posixpath.basename(normal), at)
    if name == "stem":
        return text(posixpath.splitext(posixpath.basename(normal))[0], at)
    if name == "suffix":
        return text(posixpath.splitext(normal)[1], at)
    return Opaque(walker.script.text_of(node))


def _dirname(walker: PythonWalker, info: CallInfo) -> object:
    arg = info.arg(0)
    if arg is None:
        return Opaque("dirname")
    path = path_of(arg.value, walker.at(info.node), "")
    literal = path.value.literal
    if literal is not None:
        return text(posixpath.dirname(literal), walker.at(info.node))
    parent = path_property(walker, PathValue(path), "parent", info.node)
    return parent.path if isinstance(parent, PathValue) else parent


def _basename(walker: PythonWalker, info: CallInfo) -> object:
    arg = info.arg(0)
    literal = path_of(arg.value, walker.at(info.node), "").value.literal if arg is not None else None
    if literal is None:
        return computed(Value((Unknown(walker.script.text_of(info.node)),)), walker.at(info.node))
    return text(posixpath.basename(literal), walker.at(info.node))


def _absolute(walker: PythonWalker, info: CallInfo) -> object:
    arg = info.arg(0)
    value = walker.state.resolve(path_of(arg.value, walker.at(info.node), "").value) if arg is not None \
        else walker.state.cwd
    return computed(value, walker.at(info.node))


def _normpath(walker: PythonWalker, info: CallInfo) -> object:
    arg = info.arg(0)
    if arg is None:
        return Opaque("normpath")
    path = path_of(arg.value, walker.at(info.node), "")
    literal = path.value.literal
    return text(posixpath.normpath(literal), walker.at(info.node)) if literal is not None else path


def _join(walker: PythonWalker, info: CallInfo) -> object:
    if not info.args:
        return Opaque("join")
    return join_paths(walker, info.args[0].value, [a.value for a in info.args[1:]], info.node)


def _path(walker: PythonWalker, info: CallInfo) -> object:
    if not info.args:
        return PathValue(text(".", walker.at(info.node)))
    joined = join_paths(walker, path_of(info.args[0].value, walker.at(info.node), ""),
                        [a.value for a in info.args[1:]], info.node)
    return PathValue(path_of(joined, walker.at(info.node), ""))


def _getcwd(walker: PythonWalker, info: CallInfo) -> object:
    return computed(walker.state.cwd, walker.at(info.node))


def _path_cwd(walker: PythonWalker, info: CallInfo) -> object:
    return PathValue(computed(walker.state.cwd, walker.at(info.node)))


# --- environment and arguments ---------------------------------------------------------------

def _getenv(walker: PythonWalker, info: CallInfo) -> object:
    name = info.arg(0, "key")
    default = info.arg(1, "default")
    known = literal_of(name.value) if name is not None else None
    if not isinstance(known, str):
        return Opaque(walker.script.text_of(info.node))
    return walker.environment(known, default.value if default is not None else None, info.node)


def environ_assignment(walker: PythonWalker, target: cst.Subscript, value: object) -> None:
    key = walker.evaluate(target.slice[0].slice.value) if isinstance(target.slice[0].slice, cst.Index) else None
    name = literal_of(key)
    if isinstance(name, str):
        walker.environ[name] = as_str(value, walker.at(target), walker.script.text_of(target)).value


def bind_parameters(walker: PythonWalker, func: Function, info: CallInfo) -> dict[str, object]:
    params = func.node.params
    scope: dict[str, object] = {}
    positional = [*params.posonly_params, *params.params]
    args = list(info.args)
    for param in positional:
        name = param.name.value
        if args:
            scope[name] = args.pop(0).value
        elif name in info.kwargs:
            scope[name] = info.kwargs[name].value
        elif param.default is not None:
            scope[name] = walker.evaluate(param.default)
        else:
            scope[name] = Opaque(name)
    if isinstance(params.star_arg, cst.Param):
        scope[params.star_arg.name.value] = Seq(tuple(a.value for a in args), tuple(a.node for a in args))
    for param in params.kwonly_params:
        name = param.name.value
        given = info.kwargs.get(name)
        scope[name] = given.value if given is not None else (
            walker.evaluate(param.default) if param.default is not None else Opaque(name))
    if params.star_kwarg is not None:
        known = {p.name.value for p in (*positional, *params.kwonly_params)}
        scope[params.star_kwarg.name.value] = Mapping({k: a.value for k, a in info.kwargs.items() if k not in known})
    return scope


# --- strings ---------------------------------------------------------------------------------

def slice_str(value: Str, start: int, end: int) -> Str:
    """VALUE[start:end] for a value whose every part is known, each character keeping its place."""
    out: list[Piece] = []
    offset = 0
    for piece in value.pieces:
        literal = piece.value.literal or ""
        low, high = max(start - offset, 0), min(end - offset, len(literal))
        if low < high:
            if piece.written:
                out.append(Piece(Value.of(literal[low:high]), piece.starts[low:high], piece.ends[low:high],
                                 (piece.starts[low], piece.ends[high - 1])))
            else:
                out.append(Piece(Value.of(literal[low:high]), at=piece.at))
        offset += len(literal)
    return Str(tuple(out), value.is_bytes)


def format_template(walker: PythonWalker, template: Str, args: list[object], kwargs: dict[str, object],
                    node: cst.CSTNode) -> object:
    """str.format with `{}`, `{0}` and `{name}` fields (no conversions or format specs)."""
    literal = template.value.literal
    if literal is None:
        return Opaque(walker.script.text_of(node))
    out, position, automatic = Str((), template.is_bytes), 0, 0
    try:
        parsed = list(string.Formatter().parse(literal))
    except ValueError:
        return Opaque(walker.script.text_of(node))
    for text_part, field, spec, conversion in parsed:
        end = position + len(text_part.replace("{", "{{").replace("}", "}}"))
        out = out + _unescape_braces(slice_str(template, position, end))
        position = end
        if field is None:
            continue
        spelled = "{" + field + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
        position += len(spelled)
        if spec or conversion:
            return Opaque(walker.script.text_of(node))
        if field == "":
            field, automatic = str(automatic), automatic + 1
        value = args[int(field)] if field.isdigit() and int(field) < len(args) else kwargs.get(field)
        if value is None:
            return Opaque(walker.script.text_of(node))
        out = out + as_str(value, walker.at(node), walker.script.text_of(node))
    return out


def _unescape_braces(value: Str) -> Str:
    literal = value.value.literal or ""
    if "{{" not in literal and "}}" not in literal:
        return value
    return Str.computed(Value.of(literal.replace("{{", "{").replace("}}", "}")), value.pieces[0].at)


def percent_format(walker: PythonWalker, template: Str, right: object, node: cst.CSTNode) -> object:
    literal = template.value.literal
    args = list(right.items) if isinstance(right, Seq) else [right]
    if literal is None or literal.replace("%%", "").count("%") != literal.replace("%%", "").count("%s") \
            or literal.count("%s") != len(args) or "%%" in literal:
        return Opaque(walker.script.text_of(node))
    out, position = Str((), template.is_bytes), 0
    for arg in args:
        found = literal.index("%s", position)
        out = out + slice_str(template, position, found) + as_str(arg, walker.at(node), walker.script.text_of(node))
        position = found + 2
    return out + slice_str(template, position, len(literal))


def augmented(walker: PythonWalker, left: object, operator: cst.BaseAugOp, right: object,
              node: cst.CSTNode) -> object:
    if isinstance(operator, cst.AddAssign):
        if isinstance(left, Str) and isinstance(right, Str):
            return left + right
        if isinstance(left, Seq) and isinstance(right, Seq):
            return Seq(left.items + right.items, (left.nodes or (None,) * len(left.items)) +
                       (right.nodes or (None,) * len(right.items)))
        a, b = literal_of(left), literal_of(right)
        if isinstance(a, int) and isinstance(b, int):
            return Const(a + b)
    return Opaque(walker.script.text_of(node))


def _shlex_split(walker: PythonWalker, info: CallInfo) -> object:
    arg = info.arg(0)
    literal = arg.value.value.literal if arg is not None and isinstance(arg.value, Str) else None
    if literal is None:
        return Opaque(walker.script.text_of(info.node))
    return Seq(tuple(text(word, walker.at(info.node)) for word in shlex.split(literal)))


def _shlex_quote(walker: PythonWalker, info: CallInfo) -> object:
    arg = info.arg(0)
    literal = arg.value.value.literal if arg is not None and isinstance(arg.value, Str) else None
    if arg is not None and isinstance(arg.value, Str) and (literal is None or shlex.quote(literal) == literal):
        return arg.value
    return text(shlex.quote(literal), walker.at(info.node)) if literal is not None else Opaque("quote")


def _str(walker: PythonWalker, info: CallInfo) -> object:
    arg = info.arg(0)
    if arg is None:
        return text("", walker.at(info.node))
    return as_str(arg.value, walker.at(info.node), walker.script.text_of(info.node))


def _list(walker: PythonWalker, info: CallInfo) -> object:
    arg = info.arg(0)
    if arg is None:
        return Seq(())
    return arg.value if isinstance(arg.value, Seq) else Opaque(walker.script.text_of(info.node))


def _print(walker: PythonWalker, info: CallInfo) -> object:
    return Const(None)


FUNCTIONS = {
    "os.path.join": _join, "os.path.dirname": _dirname, "os.path.basename": _basename,
    "os.path.abspath": _absolute, "os.path.realpath": _absolute, "os.path.normpath": _normpath,
    "os.getcwd": _getcwd, "pathlib.Path": _path, "pathlib.PurePath": _path, "pathlib.PosixPath": _path,
    "pathlib.Path.cwd": _path_cwd, "os.getenv": _getenv, "os.environ.get": _getenv,
    "shlex.split": _shlex_split, "shlex.quote": _shlex_quote, "pipes.quote": _shlex_quote,
    "builtins.str": _str, "os.fspath": _str, "builtins.list": _list, "builtins.tuple": _list, "builtins.sorted": _list,
    "builtins.print": _print,
}
