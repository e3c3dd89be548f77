"""The runtime build that stays, when it is an argument list (`subprocess.run(["docker", "build",
…])`, or a helper's arguments `docker("build", …)`): the builder's `--build-arg` flags go in after
`build`, as Python strings, and a `--no-cache` that only served the extraction goes.

A flag comes from the builder's build as it was written: `'--build-arg' 'V=1'` (a literal), or a
Python expression in parentheses, which is carried only when every name it reads is a module-level
name bound once, the same one where the runtime build runs; shell spellings (from a shell script
of the flow) are carried when they hold no expansion."""

from __future__ import annotations

import ast
import io
import shlex
import tokenize
from collections.abc import Mapping
from functools import lru_cache

import libcst as cst
from libcst.metadata import MetadataWrapper, Scope, ScopeProvider

from migrator.findings import refuse
from migrator.frontends.python.parse import PythonScript
from migrator.plan.edits import ScriptEdits

_VERBS = {"build", "bud"}


def build_sequence(statement: cst.CSTNode) -> tuple[cst.CSTNode, int] | None:
    """The list, tuple or call holding the build's words, and the index of `build` in it."""
    found: list[tuple[cst.CSTNode, int]] = []

    class Find(cst.CSTVisitor):
        def visit_List(self, node: cst.List) -> None:
            self._look(node, [e.value for e in node.elements])

        def visit_Tuple(self, node: cst.Tuple) -> None:
            self._look(node, [e.value for e in node.elements])

        def visit_Call(self, node: cst.Call) -> None:
            self._look(node, [a.value for a in node.args])

        def _look(self, node: cst.CSTNode, values: list[cst.BaseExpression]) -> None:
            for index, value in enumerate(values):
                if isinstance(value, cst.SimpleString) and value.evaluated_value in _VERBS:
                    found.append((node, index))
                    return

    statement.visit(Find())
    return found[0] if len(found) == 1 else None


def python_flags(script: PythonScript, flags: tuple[str, ...], statement: cst.CSTNode,
                 builder: cst.CSTNode | None) -> list[str]:
    """FLAGS as Python expressions, one per word."""
    out: list[str] = []
    for flag in flags:
        pieces = _python_pieces(flag)
        if pieces is None:
            out += _from_shell(script, flag, statement)
            continue
        for piece in pieces:
            if piece.startswith("("):
                _check_names(script, piece, flag, statement, builder)
            out.append(piece)
    return out


def _python_pieces(flag: str) -> list[str] | None:
    """The words of a flag written by this front end: string literals or parenthesised
    expressions separated by blanks; None when it is not in that form."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(flag).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return None
    pieces, depth, start = [], 0, None
    for token in tokens:
        if token.type in (tokenize.NEWLINE, tokenize.NL, tokenize.ENDMARKER):
            continue
        if start is None:
            start = token.start[1]
        if token.string in "([{" and token.type == tokenize.OP:
            depth += 1
        elif token.string in ")]}" and token.type == tokenize.OP:
            depth -= 1
        if depth == 0:
            piece = flag[start:token.end[1]]
            if not (token.type == tokenize.STRING or (piece.startswith("(") and piece.endswith(")"))):
                return None
            pieces.append(piece)
            start = None
    return pieces if pieces and depth == 0 else None


def _from_shell(script: PythonScript, flag: str, statement: cst.CSTNode) -> list[str]:
    if any(c in flag for c in "$`\\"):
        raise refuse("MIG186", script.loc(statement), flag=flag,
                     why="it is shell code whose value Python cannot compute")
    return [repr(word) for word in shlex.split(flag)]


def _check_names(script: PythonScript, piece: str, flag: str, statement: cst.CSTNode,
                 builder: cst.CSTNode | None) -> None:
    names = {n.id for n in ast.walk(ast.parse(piece, mode="eval")) if isinstance(n, ast.Name)}
    scopes = _scopes(script.module)
    for name in sorted(names):
        here = _assignments(scopes, statement, name)
        there = _assignments(scopes, builder, name) if builder is not None else None
        if not (_global_once(here) and here == there):
            raise refuse("MIG186", script.loc(statement), flag=flag,
                         why=f"`{name}` may not hold the same value where the runtime build runs")


def names_are_module_constants(script: PythonScript, node: cst.CSTNode) -> bool:
    """Does every name NODE reads stand for a module-level name bound once (so the expression may
    be carried to another statement of the module)?"""
    names = {n.id for n in ast.walk(ast.parse(f"({script.source(node)})", mode="eval")) if isinstance(n, ast.Name)}
    scopes = _scopes(script.module)
    return all(_global_once(_assignments(scopes, node, name)) for name in names)


def _global_once(assignments: set) -> bool:
    return len(assignments) == 1 and all(type(a.scope).__name__ == "GlobalScope" for a in assignments)


@lru_cache(maxsize=16)
def _scopes(module: cst.Module) -> Mapping[cst.CSTNode, Scope | None]:
    return MetadataWrapper(module, unsafe_skip_copy=True).resolve(ScopeProvider)


def _assignments(scopes, node: cst.CSTNode, name: str) -> set:
    scope = scopes.get(node)
    if scope is None:
        return set()
    return {a for a in scope[name] if hasattr(a, "node")}


def edited_sequence(node: cst.CSTNode, original: cst.CSTNode, verb_at: int, flags: list[str],
                    drop_no_cache: bool) -> cst.CSTNode:
    """NODE (the transformed ORIGINAL) with FLAGS after the verb and without `--no-cache`."""
    field = "args" if isinstance(node, cst.Call) else "elements"
    items = list(getattr(node, field))
    verb = items[verb_at]
    make = cst.Arg if isinstance(node, cst.Call) else cst.Element
    # the flags go on the verb's line; what followed the verb's comma (a line break) follows them
    comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    added = [make(value=_quoted_like(cst.parse_expression(f), verb.value), comma=comma) for f in flags]
    if added:
        items[verb_at] = verb.with_changes(comma=comma)
        added[-1] = added[-1].with_changes(comma=verb.comma)
    items[verb_at + 1:verb_at + 1] = added
    if drop_no_cache:
        items = [i for i in items if not (isinstance(i.value, cst.SimpleString)
                                          and i.value.evaluated_value == "--no-cache")]
    return node.with_changes(**{field: items})


def _quoted_like(flag: cst.BaseExpression, verb: cst.BaseExpression) -> cst.BaseExpression:
    """A plain literal FLAG in the quotes the verb is written with, when nothing in it needs
    escaping; a parenthesised expression without its parentheses."""
    if isinstance(flag, cst.SimpleString) and isinstance(verb, cst.SimpleString) and not flag.prefix:
        content = flag.raw_value
        if verb.quote != flag.quote and verb.quote in ('"', "'") and not any(c in content for c in "\\'\""):
            return flag.with_changes(value=verb.quote + content + verb.quote)
    if flag.lpar and not isinstance(flag, cst.Tuple | cst.GeneratorExp | cst.Yield | cst.NamedExpr):
        return flag.with_changes(lpar=[], rpar=[])
    return flag


def has_no_cache(node: cst.CSTNode) -> bool:
    field = "args" if isinstance(node, cst.Call) else "elements"
    return any(isinstance(i.value, cst.SimpleString) and i.value.evaluated_value == "--no-cache"
               for i in getattr(node, field))


def needs_edit(edits: ScriptEdits) -> bool:
    return bool(edits.add_build_args) or edits.drop_no_cache
