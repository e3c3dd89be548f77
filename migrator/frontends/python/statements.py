"""The walk's statements: assignments, imports, `def`, `if`, loops, `try`, `with`, `return`. Each
statement is pushed on the walker's running stack while it runs: a command's span is chosen from
that stack (walk.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import libcst as cst

from migrator.frontends.python.library import augmented, environ_assignment
from migrator.frontends.python.values import Const, Function, Opaque, Ref, Seq, truth

if TYPE_CHECKING:
    from migrator.frontends.python.walk import PythonWalker

_HARMLESS_DECORATORS = {"staticmethod", "functools.wraps", "functools.lru_cache", "lru_cache", "functools.cache",
                        "cache"}


def run_block(walker: PythonWalker, statements) -> None:
    for statement in statements:
        run_statement(walker, statement)


def run_body(walker: PythonWalker, body) -> None:
    """An IndentedBlock, a one-line suite, an else/finally/except, an elif, or statements."""
    if isinstance(body, list | tuple):
        run_block(walker, body)
    elif isinstance(body, cst.Else | cst.Finally):
        run_body(walker, body.body)
    elif isinstance(body, cst.ExceptHandler):
        if body.name is not None:
            assign(walker, body.name.name, Opaque(walker.script.text_of(body.name.name)))
        run_body(walker, body.body)
    elif isinstance(body, cst.If):
        with walker.running_statement(body):
            run_if(walker, body)
    else:
        run_block(walker, body.body)


def run_statement(walker: PythonWalker, statement) -> None:
    if isinstance(statement, cst.SimpleStatementLine | cst.SimpleStatementSuite):
        for small in statement.body:
            with walker.running_statement(small):
                run_small(walker, small)
        return
    handler: Callable[[PythonWalker, Any], None] | None = _COMPOUND.get(type(statement))
    with walker.running_statement(statement):
        if handler is not None:
            handler(walker, statement)
        else:
            walker.check_opaque(statement, type(statement).__name__.lower() + " statement")


def run_small(walker: PythonWalker, small) -> None:
    handler = _SMALL.get(type(small))
    if handler is not None:
        handler(walker, small)
    elif not isinstance(small, cst.Pass | cst.Continue | cst.Del):
        walker.check_opaque(small, "statement")


def _expression(walker: PythonWalker, small: cst.Expr) -> None:
    walker.evaluate(small.value)


def _assignment(walker: PythonWalker, small: cst.Assign | cst.AnnAssign | cst.AugAssign) -> None:
    if isinstance(small, cst.Assign):
        value = walker.evaluate(small.value)
        for target in small.targets:
            assign(walker, target.target, value)
    elif isinstance(small, cst.AnnAssign):
        if small.value is not None:
            assign(walker, small.target, walker.evaluate(small.value))
    else:
        left, right = walker.evaluate(small.target), walker.evaluate(small.value)
        assign(walker, small.target, augmented(walker, left, small.operator, right, small))


def _return(walker: PythonWalker, small: cst.Return) -> None:
    from migrator.frontends.python.walk import FunctionReturn
    value = walker.evaluate(small.value) if small.value is not None else Const(None)
    if len(walker.conditions) == walker.frame.depth:
        raise FunctionReturn(value)
    walker.frame.result = Opaque("the value of a conditional return")


def _raise(walker: PythonWalker, small: cst.Raise) -> None:
    from migrator.frontends.python.walk import ScriptExit
    if small.exc is not None:
        walker.evaluate(small.exc)
    if not walker.conditions:
        raise ScriptExit()


def _break(walker: PythonWalker, small: cst.Break) -> None:
    from migrator.frontends.python.walk import LoopBreak
    if not walker.conditions:
        raise LoopBreak()


def _assert(walker: PythonWalker, small: cst.Assert) -> None:
    with walker.test():
        walker.evaluate(small.test)


def _declare(walker: PythonWalker, small: cst.Global | cst.Nonlocal) -> None:
    walker.frame.globals_declared.update(n.name.value for n in small.names)


def assign(walker: PythonWalker, target: cst.BaseExpression, value: object) -> None:
    if isinstance(target, cst.Name):
        walker.bind(target.value, value)
    elif isinstance(target, cst.Tuple | cst.List):
        names = [e.value for e in target.elements]
        items = value.items if isinstance(value, Seq) and len(value.items) == len(names) else None
        for i, name in enumerate(names):
            assign(walker, name, items[i] if items is not None else Opaque(walker.script.text_of(name)))
    elif isinstance(target, cst.Subscript):
        base = walker.evaluate(target.value)
        if isinstance(base, Ref) and base.name == "os.environ":
            environ_assignment(walker, target, value)
    # an attribute: state the trace does not follow


def run_import(walker: PythonWalker, small: cst.Import | cst.ImportFrom) -> None:
    if isinstance(small, cst.Import):
        for alias in small.names:
            dotted = _dotted(alias.name)
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                walker.bind(alias.asname.name.value, Ref(dotted))
            else:
                walker.bind(dotted.split(".")[0], Ref(dotted.split(".")[0]))
        return
    if isinstance(small.names, cst.ImportStar):
        return
    module = ("." * len(small.relative)) + (_dotted(small.module) if small.module is not None else "")
    for alias in small.names:
        name = _dotted(alias.name)
        bound = alias.asname.name if alias.asname is not None else alias.name
        walker.bind(_dotted(bound), Ref(f"{module}.{name}"))


def run_if(walker: PythonWalker, node: cst.If) -> None:
    with walker.test():
        known = truth(walker.evaluate(node.test))
    if known is True:
        run_body(walker, node.body)
    elif known is False:
        if node.orelse is not None:
            run_body(walker, node.orelse)
    else:
        bodies = [node.body] + ([node.orelse] if node.orelse is not None else [])
        walker.branches(f"if at {walker.script.loc(node)}", bodies, always_one=node.orelse is not None)


def run_for(walker: PythonWalker, node: cst.For) -> None:
    from migrator.frontends.python.walk import LoopBreak
    items = walker.evaluate(node.iter)
    if isinstance(items, Seq):
        try:
            for item in items.items:
                assign(walker, node.target, item)
                run_body(walker, node.body)
        except LoopBreak:
            return
    else:
        assign(walker, node.target, Opaque(walker.script.text_of(node.target)))
        walker.branches(f"for at {walker.script.loc(node)}", [node.body], always_one=False, repeated=True)
    if node.orelse is not None:
        run_body(walker, node.orelse)


def run_while(walker: PythonWalker, node: cst.While) -> None:
    with walker.test():
        walker.evaluate(node.test)
    walker.branches(f"while at {walker.script.loc(node)}", [node.body], always_one=False, repeated=True)


def run_try(walker: PythonWalker, node: cst.Try) -> None:
    carries_on = bool(node.handlers) and all(_carries_on(h) for h in node.handlers)
    walker.tolerant += carries_on
    try:
        run_body(walker, node.body)
    finally:
        walker.tolerant -= carries_on
    if node.handlers:
        walker.branches(f"except at {walker.script.loc(node.handlers[0])}", list(node.handlers), always_one=False)
    if node.orelse is not None:
        run_body(walker, node.orelse)
    if node.finalbody is not None:
        run_body(walker, node.finalbody)


def run_with(walker: PythonWalker, node: cst.With) -> None:
    for item in node.items:
        value = walker.evaluate(item.item)
        if item.asname is not None:
            assign(walker, item.asname.name, value)
    run_body(walker, node.body)


def run_def(walker: PythonWalker, node: cst.FunctionDef) -> None:
    decorated = [d for d in node.decorators if walker.script.text_of(d.decorator) not in _HARMLESS_DECORATORS]
    if decorated:  # a decorator may run it in a way the trace cannot see (click, a registry …)
        walker.bind(node.name.value, Opaque(f"{node.name.value} (decorated)", walker.script.source(node)))
        return
    enclosing = tuple(walker.frame.enclosing) + ((walker.frame.scope,) if walker.frame.function else ())
    walker.bind(node.name.value, Function(node, walker.frame.scope, enclosing))


def run_class(walker: PythonWalker, node: cst.ClassDef) -> None:
    walker.bind(node.name.value, Opaque(node.name.value, walker.script.source(node)))


def _dotted(node: cst.BaseExpression) -> str:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return f"{_dotted(node.value)}.{node.attr.value}"
    return ""


def _carries_on(handler: cst.ExceptHandler) -> bool:
    """A handler that neither raises nor exits: a failure in the try body is no error."""
    source = cst.Module(body=[]).code_for_node(handler.body)
    return not any(word in source for word in ("raise", "exit", "return", "abort"))


_SMALL: dict[type, Callable[[PythonWalker, Any], None]] = {
    cst.Expr: _expression,
    cst.Assign: _assignment, cst.AnnAssign: _assignment, cst.AugAssign: _assignment,
    cst.Import: run_import, cst.ImportFrom: run_import,
    cst.Global: _declare, cst.Nonlocal: _declare,
    cst.Return: _return, cst.Raise: _raise, cst.Break: _break, cst.Assert: _assert,
}

_COMPOUND: dict[type, Callable[[PythonWalker, Any], None]] = {
    cst.If: run_if,
    cst.For: run_for,
    cst.While: run_while,
    cst.Try: run_try,
    cst.With: run_with,
    cst.FunctionDef: run_def,
    cst.ClassDef: run_class,
}
