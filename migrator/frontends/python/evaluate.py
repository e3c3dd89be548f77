"""Python expressions, evaluated symbolically: names, attributes, subscripts, `+` and `%`,
comparisons, f-strings, lists, and calls (a user function is inlined by the walk; a known library
function is answered by library.py; one that runs something goes to commands.py). What cannot be
known is Opaque; a call the trace cannot follow is refused when it touches docker or an artifact."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import libcst as cst

from migrator.frontends.python.literals import formatted_text, simple_string
from migrator.frontends.python.values import (
    Bound,
    Const,
    Mapping,
    Opaque,
    PathValue,
    Process,
    Ref,
    Seq,
    Str,
    as_str,
    literal_of,
    truth,
)
from migrator.trace.values import Unknown, Value

if TYPE_CHECKING:
    from migrator.frontends.python.walk import PythonWalker


@dataclass(frozen=True)
class Arg:
    value: object
    node: cst.CSTNode


@dataclass(frozen=True)
class CallInfo:
    node: cst.Call
    args: tuple[Arg, ...]
    kwargs: dict[str, Arg]

    def arg(self, index: int, name: str | None = None) -> Arg | None:
        if name is not None and name in self.kwargs:
            return self.kwargs[name]
        return self.args[index] if index < len(self.args) else None

    def flag(self, name: str, default: bool = False) -> bool | None:
        """A keyword argument's truth: DEFAULT when absent, None when it cannot be told."""
        found = self.kwargs.get(name)
        return default if found is None else truth(found.value)


_COMPARE = {
    cst.Equal: lambda a, b: a == b, cst.NotEqual: lambda a, b: a != b,
    cst.In: lambda a, b: a in b, cst.NotIn: lambda a, b: a not in b,
    cst.Is: lambda a, b: a == b, cst.IsNot: lambda a, b: a != b,
}


def evaluate(walker: PythonWalker, node: cst.BaseExpression) -> object:
    """NODE's value; commands it runs are run (in order) on the way."""
    handler: Callable[[PythonWalker, Any], object] | None = _HANDLERS.get(type(node))
    if handler is not None:
        return handler(walker, node)
    if isinstance(node, cst.Integer | cst.Float):
        return Const(node.evaluated_value)
    walker.check_opaque(node, "expression")
    return Opaque(walker.script.text_of(node))


def _name(walker: PythonWalker, node: cst.Name) -> object:
    return walker.lookup(node.value, node)


def _string(walker: PythonWalker, node: cst.SimpleString) -> object:
    found = simple_string(walker.script, node)
    return found if found is not None else Str.computed(Value.of(str(node.evaluated_value)), walker.at(node))


def _concatenated(walker: PythonWalker, node: cst.ConcatenatedString) -> object:
    left, right = evaluate(walker, node.left), evaluate(walker, node.right)
    if isinstance(left, Str) and isinstance(right, Str):
        return left + right
    return Opaque(walker.script.text_of(node))


def _formatted(walker: PythonWalker, node: cst.FormattedString) -> object:
    from migrator.frontends.python.strings import quoting_of
    quoting = quoting_of(node.start)
    out = Str((), quoting.is_bytes)
    for part in node.parts:
        if isinstance(part, cst.FormattedStringText):
            piece = formatted_text(walker.script, part, quoting)
            out = out + Str((piece,) if piece is not None else ())
            continue
        assert isinstance(part, cst.FormattedStringExpression)
        at = walker.at(part)
        value = evaluate(walker, part.expression)
        if part.conversion not in (None, "s") or part.format_spec:
            out = out + Str.computed(Value((Unknown(walker.script.text_of(part)),)), at)
        else:  # written elsewhere or not, it is computed here
            out = out + Str.computed(as_str(value, at, walker.script.text_of(part)).value, at)
    return out


def _sequence(walker: PythonWalker, node: cst.List | cst.Tuple) -> object:
    items: list[object] = []
    nodes: list[cst.CSTNode | None] = []
    for element in node.elements:
        value = evaluate(walker, element.value)
        if isinstance(element, cst.StarredElement):
            if not isinstance(value, Seq):
                return Opaque(walker.script.text_of(element))  # the part that cannot be read
            items += value.items
            nodes += value.nodes or [None] * len(value.items)
        else:
            items.append(value)
            nodes.append(element.value)
    return Seq(tuple(items), tuple(nodes))


def _dict(walker: PythonWalker, node: cst.Dict) -> object:
    items: dict[str, object] = {}
    for element in node.elements:
        if not isinstance(element, cst.DictElement):
            return Opaque(walker.script.text_of(node))
        key = literal_of(evaluate(walker, element.key))
        value = evaluate(walker, element.value)
        if not isinstance(key, str):
            return Opaque(walker.script.text_of(node))
        items[key] = value
    return Mapping(items)


def _attribute(walker: PythonWalker, node: cst.Attribute) -> object:
    base = evaluate(walker, node.value)
    name = node.attr.value
    if isinstance(base, Ref):
        return walker.library.attribute(walker, f"{base.name}.{name}", node)
    if isinstance(base, Process):
        if name in ("stdout", "returncode"):
            return getattr(base, name)
        return Bound(base, name) if name in ("wait", "communicate", "check_returncode", "poll") else Opaque(name)
    if isinstance(base, PathValue) and name in ("parent", "name", "stem", "suffix", "parts"):
        return walker.library.path_property(walker, base, name, node)
    if isinstance(base, Opaque):
        return Opaque(walker.script.text_of(node))
    return Bound(base, name, node.value.value if isinstance(node.value, cst.Name) else None)


def _subscript(walker: PythonWalker, node: cst.Subscript) -> object:
    base = evaluate(walker, node.value)
    if len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Index):
        return Opaque(walker.script.text_of(node))
    key = evaluate(walker, node.slice[0].slice.value)
    known = literal_of(key)
    if isinstance(base, Seq) and isinstance(known, int) and -len(base.items) <= known < len(base.items):
        return base.items[known]
    if isinstance(base, Mapping) and isinstance(known, str) and known in base.items:
        return base.items[known]
    if isinstance(base, Ref) and base.name == "os.environ" and isinstance(known, str):
        return walker.environment(known, None, node)
    if isinstance(base, Ref) and base.name == "sys.argv" and isinstance(known, int):
        return walker.argument(known, node)
    return Str.computed(Value((Unknown(walker.script.text_of(node)),)), walker.at(node))


def _binary(walker: PythonWalker, node: cst.BinaryOperation) -> object:
    left, right = evaluate(walker, node.left), evaluate(walker, node.right)
    op = node.operator
    if isinstance(op, cst.Add):
        if isinstance(left, Str) and isinstance(right, Str):
            return left + right
        if isinstance(left, Seq) and isinstance(right, Seq):
            return Seq(left.items + right.items, _nodes(left) + _nodes(right))
    if isinstance(op, cst.Divide) and isinstance(left, PathValue):
        return walker.library.join_paths(walker, left, [right], node)
    if isinstance(op, cst.Modulo) and isinstance(left, Str):
        return walker.library.percent_format(walker, left, right, node)
    a, b = literal_of(left), literal_of(right)
    if isinstance(a, int | float) and isinstance(b, int | float) and isinstance(op, cst.Add | cst.Subtract):
        return Const(a + b if isinstance(op, cst.Add) else a - b)
    return Opaque(walker.script.text_of(node))


def _nodes(seq: Seq) -> tuple[cst.CSTNode | None, ...]:
    return seq.nodes or (None,) * len(seq.items)


def _comparison(walker: PythonWalker, node: cst.Comparison) -> object:
    left = evaluate(walker, node.left)
    result: bool | None = True
    for target in node.comparisons:
        right = evaluate(walker, target.comparator)
        a, b = literal_of(left), literal_of(right)
        compare = _COMPARE.get(type(target.operator))
        if compare is None or a is None or b is None or result is None:
            result = None
        else:
            try:
                result = result and bool(compare(a, b))
            except TypeError:
                result = None
        left = right
    return Const(result) if result is not None else Opaque(walker.script.text_of(node))


def _boolean(walker: PythonWalker, node: cst.BooleanOperation) -> object:
    left = evaluate(walker, node.left)
    known = truth(left)
    is_and = isinstance(node.operator, cst.And)
    if known is not None:
        return evaluate(walker, node.right) if known == is_and else left
    with walker.condition(f"`{'and' if is_and else 'or'}` at {walker.script.loc(node)}"):
        evaluate(walker, node.right)
    return Opaque(walker.script.text_of(node))


def _unary(walker: PythonWalker, node: cst.UnaryOperation) -> object:
    value = evaluate(walker, node.expression)
    if isinstance(node.operator, cst.Not):
        known = truth(value)
        return Const(not known) if known is not None else Opaque(walker.script.text_of(node))
    number = literal_of(value)
    if isinstance(node.operator, cst.Minus) and isinstance(number, int | float) and not isinstance(number, bool):
        return Const(-number)
    return Opaque(walker.script.text_of(node))


def _if_expression(walker: PythonWalker, node: cst.IfExp) -> object:
    known = truth(evaluate(walker, node.test))
    if known is not None:
        return evaluate(walker, node.body if known else node.orelse)
    with walker.condition(f"a conditional expression at {walker.script.loc(node)}"):
        evaluate(walker, node.body)
        evaluate(walker, node.orelse)
    return Opaque(walker.script.text_of(node))


def _named(walker: PythonWalker, node: cst.NamedExpr) -> object:
    value = evaluate(walker, node.value)
    walker.assign(node.target, value)
    return value


def _call(walker: PythonWalker, node: cst.Call) -> object:
    func = evaluate(walker, node.func)
    args: list[Arg] = []
    kwargs: dict[str, Arg] = {}
    for arg in node.args:
        value = evaluate(walker, arg.value)
        if arg.star == "*" and isinstance(value, Seq):
            args += [Arg(v, n or arg.value) for v, n in zip(value.items, _nodes(value), strict=True)]
        elif arg.star == "**" and isinstance(value, Mapping):
            kwargs.update({k: Arg(v, arg.value) for k, v in value.items.items()})
        elif arg.star:
            walker.check_opaque(node, "call with unpacked arguments")
            return Opaque(walker.script.text_of(node))
        elif arg.keyword is not None:
            kwargs[arg.keyword.value] = Arg(value, arg.value)
        else:
            args.append(Arg(value, arg.value))
    return walker.call(func, CallInfo(node, tuple(args), kwargs))


_HANDLERS: dict[type, Callable[[PythonWalker, Any], object]] = {
    cst.Name: _name,
    cst.SimpleString: _string,
    cst.ConcatenatedString: _concatenated,
    cst.FormattedString: _formatted,
    cst.List: _sequence,
    cst.Tuple: _sequence,
    cst.Dict: _dict,
    cst.Attribute: _attribute,
    cst.Subscript: _subscript,
    cst.BinaryOperation: _binary,
    cst.Comparison: _comparison,
    cst.BooleanOperation: _boolean,
    cst.UnaryOperation: _unary,
    cst.IfExp: _if_expression,
    cst.NamedExpr: _named,
    cst.Call: _call,
}
