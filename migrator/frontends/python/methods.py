"""Methods that compute values: str (strip, decode, split, join, format, replace …), list (append,
extend, insert: the variable gets the longer list), dict and the pure parts of pathlib.Path."""

from __future__ import annotations

from typing import TYPE_CHECKING

from migrator.frontends.python.library import computed, format_template, join_paths, text
from migrator.frontends.python.values import Bound, Const, Mapping, Opaque, PathValue, Seq, Str, as_str, literal_of

if TYPE_CHECKING:
    from migrator.frontends.python.evaluate import CallInfo
    from migrator.frontends.python.walk import PythonWalker

# Methods that give a captured output back as it is: the container id of `docker create` survives
# `.decode().strip()`, and an unknown value stays the same unknown value.
_SAME_VALUE = {"strip", "rstrip", "lstrip", "decode", "encode"}
_CASE = {"lower": str.lower, "upper": str.upper}


def pure_method(walker: PythonWalker, bound: Bound, info: CallInfo) -> object | None:
    """The value of calling BOUND; None when it is not one of these methods."""
    target = bound.target
    if isinstance(target, Str):
        return _str_method(walker, target, bound.method, info)
    if isinstance(target, Seq):
        return _list_method(walker, target, bound, info)
    if isinstance(target, Mapping):
        if bound.method == "get":
            key, default = info.arg(0), info.arg(1)
            name = literal_of(key.value) if key is not None else None
            if isinstance(name, str):
                return target.items.get(name, default.value if default is not None else Const(None))
        return Mapping(dict(target.items)) if bound.method == "copy" else None
    if isinstance(target, PathValue):
        return _path_method(walker, target, bound.method, info)
    return None


def _str_method(walker: PythonWalker, target: Str, method: str, info: CallInfo) -> object | None:
    literal = target.value.literal
    at = walker.at(info.node)
    args = [literal_of(a.value) for a in info.args]
    if method in _SAME_VALUE and (literal is None or (not args and literal == literal.strip())):
        return Str(target.pieces, method == "encode")
    if method == "format":
        return format_template(walker, target, [a.value for a in info.args],
                               {k: a.value for k, a in info.kwargs.items()}, info.node)
    if method == "join" and info.args and isinstance(info.args[0].value, Seq):
        return _join(walker, target, info.args[0].value, info)
    if literal is None or any(a is None for a in args):
        return computed_unknown(walker, info)
    if method in _SAME_VALUE:
        operation = getattr(str, "strip" if method in ("decode", "encode") else method)
        return text(operation(literal, *args), at)
    if method in ("split", "splitlines"):
        return Seq(tuple(text(part, at) for part in getattr(literal, method)(*args)))
    if method in ("startswith", "endswith"):
        return Const(getattr(literal, method)(*args))
    if method in ("replace", "removeprefix", "removesuffix"):
        return text(getattr(literal, method)(*args), at)
    if method in _CASE:
        return text(_CASE[method](literal), at)
    return None


def _join(walker: PythonWalker, separator: Str, items: Seq, info: CallInfo) -> Str:
    out = Str(())
    for index, item in enumerate(items.items):
        if index:
            out = out + separator
        out = out + as_str(item, walker.at(info.node), walker.script.text_of(info.node))
    return out


def _list_method(walker: PythonWalker, target: Seq, bound: Bound, info: CallInfo) -> object | None:
    added: tuple[object, ...]
    nodes = target.nodes or (None,) * len(target.items)
    if bound.method == "append" and info.args:
        grown = Seq((*target.items, info.args[0].value), (*nodes, info.args[0].node))
    elif bound.method == "extend" and info.args and isinstance(info.args[0].value, Seq):
        added = info.args[0].value.items
        grown = Seq((*target.items, *added), (*nodes, *(info.args[0].value.nodes or (None,) * len(added))))
    elif bound.method == "insert" and len(info.args) == 2 and isinstance(where := literal_of(info.args[0].value), int):
        index = where
        items, spelled = list(target.items), list(nodes)
        items.insert(index, info.args[1].value)
        spelled.insert(index, info.args[1].node)
        grown = Seq(tuple(items), tuple(spelled))
    elif bound.method == "copy":
        return target
    else:
        return None
    if bound.via is not None:
        walker.rebind(bound.via, grown if not walker.conditions else Opaque(bound.via))
    return Const(None)


def _path_method(walker: PythonWalker, target: PathValue, method: str, info: CallInfo) -> object | None:
    at = walker.at(info.node)
    if method == "joinpath":
        return join_paths(walker, target, [a.value for a in info.args], info.node)
    if method in ("resolve", "absolute"):
        return PathValue(computed(walker.state.resolve(target.path.value), at))
    if method in ("as_posix", "__str__", "__fspath__"):
        return target.path
    if method in ("with_suffix", "with_name") and info.args:
        literal, arg = target.path.value.literal, literal_of(info.args[0].value)
        if literal is not None and isinstance(arg, str):
            import pathlib
            return PathValue(text(str(getattr(pathlib.PurePosixPath(literal), method)(arg)), at))
        return Opaque(walker.script.text_of(info.node))
    if method == "expanduser":
        return target
    return None


def computed_unknown(walker: PythonWalker, info: CallInfo) -> Str:
    from migrator.trace.values import Unknown, Value
    return computed(Value((Unknown(walker.script.text_of(info.node)),)), walker.at(info.node))

