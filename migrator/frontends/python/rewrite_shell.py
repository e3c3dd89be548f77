"""Edits inside one literal that holds shell code (`os.system("docker create … && docker cp …")`):
the shell front end rewrites the code (rewrite_script, every other byte kept), and the result is
spelled back into the literal, each kept stretch as the file spelled it (its escapes, its `{…}`),
new text escaped for the literal's quoting. Read back, the new literal must give exactly the new
shell code, else the migration is refused."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

import libcst as cst

from migrator.findings import refuse
from migrator.frontends.python.literals import Shape, StringNode, shape_of
from migrator.frontends.python.parse import PythonScript
from migrator.frontends.python.strings import encode
from migrator.frontends.shell.parse import parse_script
from migrator.frontends.shell.rewrite import rewrite_script
from migrator.plan.edits import ScriptEdits
from migrator.source import Span

_NOWHERE = Span(-1, -1)


@dataclass(frozen=True)
class LiteralEdit:
    """What becomes of one literal: None: its shell code is all gone (its statement goes)."""

    node: StringNode
    replacement: cst.BaseExpression | None


def rewrite_literal(script: PythonScript, node: StringNode, spans: list[Span], edits: ScriptEdits) -> LiteralEdit:
    shape = shape_of(script, node)
    loc = script.loc(node)
    if shape is None:
        raise refuse("MIG184", loc, text=script.text_of(node), why="a part of the string cannot be read back")
    removed = frozenset(_in_shape(shape, span, script.path) for span in spans if span != edits.runtime_build)
    runtime = _in_shape(shape, edits.runtime_build, script.path) if edits.runtime_build in spans else _NOWHERE
    if runtime != _NOWHERE:
        python_only = next((f for f in edits.add_build_args if f.lstrip().startswith("(")), None)
        if python_only is not None:
            raise refuse("MIG186", loc, flag=python_only,
                         why="its value is computed in Python and the build is a shell command")
    shell_edits = ScriptEdits(removed, runtime, edits.drop_no_cache, edits.add_build_args)
    new_code = rewrite_script(parse_script(script.path, shape.text), shell_edits)
    if not new_code.strip():
        return LiteralEdit(node, None)
    token = _respell(script, shape, new_code)
    if token is None:
        raise refuse("MIG184", loc, text=script.text_of(node), why="the new shell code cannot be written in it")
    new_node = cst.parse_expression(token)
    if not isinstance(new_node, cst.SimpleString | cst.FormattedString) or _read_back(token) != new_code:
        raise refuse("MIG184", loc, text=script.text_of(node), why="the new literal would not read as the new code")
    return LiteralEdit(node, new_node.with_changes(lpar=node.lpar, rpar=node.rpar))


def _in_shape(shape: Shape, span: Span, path: str) -> Span:
    """A file span inside the literal as a span of its shell code."""
    try:
        start = shape.starts.index(span.start)
        end = len(shape.ends) - shape.ends[::-1].index(span.end)
    except ValueError:
        return Span(-2, -2, path)  # nothing of the code: never matches a command
    return Span(start, end, path)


def _respell(script: PythonScript, shape: Shape, new_code: str) -> str | None:
    """The literal's token spelling NEW_CODE: kept stretches as written, new text escaped."""
    old = shape.text
    out: list[str] = []
    matcher = difflib.SequenceMatcher(None, old, new_code, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":  # from the literal's edges, so that an escaped newline there stays
            start = shape.content[0] if i1 == 0 else shape.starts[i1]
            end = shape.content[1] if i2 == len(old) else shape.ends[i2 - 1]
            out.append(script.text[start:end])
        elif tag in ("insert", "replace"):
            spelled = encode(new_code[j1:j2], shape.quoting)
            if spelled is None:
                return None
            out.append(spelled)
    start, end = script.offsets(shape.node)
    token_start = shape.content[0]
    opening = script.text[_token_start(script, shape.node, start):token_start]
    closing = script.text[shape.content[1]:_token_end(script, shape, end)]
    return opening + "".join(out) + closing


def _token_start(script: PythonScript, node: StringNode, start: int) -> int:
    spelled = node.value if isinstance(node, cst.SimpleString) else node.start
    return script.text.index(spelled, start)


def _token_end(script: PythonScript, shape: Shape, end: int) -> int:
    closing = shape.quoting.quote
    return shape.content[1] + len(closing)


def _read_back(token: str) -> str | None:
    """The shell code a literal spelled TOKEN holds, read as the walk reads it."""
    from migrator.frontends.python.parse import parse_python
    script = parse_python("<literal>", token + "\n")
    line = script.module.body[0]
    expression = line.body[0] if isinstance(line, cst.SimpleStatementLine) else None
    node = expression.value if isinstance(expression, cst.Expr) else None
    if not isinstance(node, cst.SimpleString | cst.FormattedString):
        return None
    shape = shape_of(script, node)
    return shape.text if shape is not None else None
