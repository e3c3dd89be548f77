"""Shell code in a Python string (os.system, subprocess with shell=True), handed to the shell front
end: the string is parsed by parse_embedded and walked by a ShellWalker of its own (a new shell
process: its `cd` and variables end with it), so `&&`, `$(…)`, quoting and functions mean what sh
makes of them.

Where the string is one literal written in the statement that runs it (`os.system(f"docker cp
{cid}:/app out")`), each command's span is its place in that literal, and the rewrite can take one
command out of it. Otherwise (a string put together elsewhere, a helper adding its own text) every
command of it has the statement's span: the statement goes or stays as a whole. A literal value
put into the string (`{IMAGE}`) is parsed as the shell would parse it; a value the trace does not
know becomes a shell variable holding that value."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import libcst as cst

from migrator.findings import refuse
from migrator.frontends.python.library import path_of
from migrator.frontends.python.literals import Shape, StringNode, shape_of
from migrator.frontends.python.values import Mapping, Str, as_str
from migrator.frontends.shell.builtins import BUILTINS
from migrator.frontends.shell.parse import parse_embedded
from migrator.frontends.shell.walk import ShellWalker
from migrator.trace.values import Value

if TYPE_CHECKING:
    from migrator.frontends.python.evaluate import Arg, CallInfo
    from migrator.frontends.python.walk import PythonWalker

# A value put into shell code reads the same as a shell variable holding it only when it is one
# plain word: no blanks, quotes, `$`, operators or globs for the shell to act on.
PLAIN_WORD = re.compile(r"[A-Za-z0-9_./:@%+=,-]*")


class _Snippet:
    """Shell text being put together, each character with its place in the Python file."""

    def __init__(self) -> None:
        self.text: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.vars: dict[str, Value] = {}
        self.quote: str | None = None  # the shell quote open at the end of the text so far

    def add(self, text: str, starts, ends) -> None:
        for index, char in enumerate(text):
            self.text.append(char)
            self.starts.append(starts[index])
            self.ends.append(ends[index])
            self._scan(char)

    def _scan(self, char: str) -> None:
        escaped = len(self.text) > 1 and self.text[-2] == "\\" and self.quote != "'"
        if escaped:
            return
        if self.quote is None and char in "'\"":
            self.quote = char
        elif self.quote == char:
            self.quote = None

    def add_value(self, value: Value, at: tuple[int, int], precise: bool) -> bool:
        """A value put into the code: its text when known, else a variable. False when it cannot
        keep the precise form (a known value that is not one plain word)."""
        literal = value.literal
        if literal is not None:
            if precise and not PLAIN_WORD.fullmatch(literal):
                return False
            self.add(literal, [at[0]] * len(literal), [at[1]] * len(literal))
            return True
        name = f"__py{len(self.vars) + 1}"
        self.vars[name] = value
        spelled = "${" + name + "}"
        self.add(spelled, [at[0]] * len(spelled), [at[1]] * len(spelled))
        return self.quote != "'" or _refuse_in_single_quotes(value, at)

    def to_host(self, offset: int, end: bool = False) -> int:
        if end:
            return self.ends[offset - 1] if offset > 0 else (self.starts[0] if self.starts else 0)
        return self.starts[offset] if offset < len(self.starts) else (self.ends[-1] if self.ends else 0)


class _UnknownInSingleQuotes(Exception):
    def __init__(self, value: Value):
        super().__init__(value.text)
        self.value = value


def _refuse_in_single_quotes(value: Value, at: tuple[int, int]) -> bool:
    raise _UnknownInSingleQuotes(value)


def run_shell(walker: PythonWalker, info: CallInfo, code: Str, captured: bool, cwd: Arg | None,
              env: Arg | None) -> Value:
    """Walk CODE as `sh -c` would run it; its output when CAPTURED (as far as the trace can tell)."""
    statement = walker.command_statement()
    try:
        snippet = _precise(walker, code, statement) or _coarse(code, walker.script.offsets(statement))
    except _UnknownInSingleQuotes as error:
        raise refuse("MIG183", walker.script.loc(info.node), text=walker.script.text_of(info.node), what="shell code",
                     why=f"{error.value.text} is put inside single quotes, where the trace cannot follow it") \
            from None
    script = parse_embedded(walker.script.path, walker.script.text, "".join(snippet.text), snippet.to_host)
    shell = ShellWalker(script, walker.engine, BUILTINS)
    shell.vars.update(walker.environ)
    if env is not None and isinstance(env.value, Mapping):
        shell.vars.update({k: as_str(v, walker.at(env.node), k).value for k, v in env.value.items.items()})
    shell.vars.update(snippet.vars)
    shell.conditions = list(walker.conditions)
    shell.testing = walker.testing
    saved = walker.state.cwd
    try:
        if cwd is not None:
            walker.state.cwd = walker.state.resolve(path_of(cwd.value, walker.at(cwd.node), "cwd").value)
        statements = [s for s in script.statements if not s.opaque]
        node = statements[0].node if captured and len(script.statements) == 1 and statements else None
        if node is not None and node.kind == "command":
            shell.capture_depth += 1
            return shell.run_node_value(node)
        shell.run()
        return Value()
    finally:
        walker.state.cwd = saved


def _precise(walker: PythonWalker, code: Str, statement: cst.CSTNode) -> _Snippet | None:
    """The code as its literal spells it, when it is exactly one literal inside STATEMENT."""
    literal = _the_literal(walker, code, statement)
    if literal is None:
        return None
    shape = shape_of(walker.script, literal)
    if shape is None:
        return None
    values = _placeholder_values(code, shape)
    if values is None:
        return None
    snippet = _Snippet()
    cursor = 0
    for holder, value in zip(shape.placeholders, values, strict=True):
        first = shape.starts.index(holder.at[0], cursor) if holder.at[0] in shape.starts[cursor:] else None
        if first is None:
            return None
        snippet.add(shape.text[cursor:first], shape.starts[cursor:first], shape.ends[cursor:first])
        if not snippet.add_value(value, holder.at, precise=True):
            return None
        cursor = first + len("${" + holder.name + "}")
    snippet.add(shape.text[cursor:], shape.starts[cursor:], shape.ends[cursor:])
    return snippet


def _the_literal(walker: PythonWalker, code: Str, statement: cst.CSTNode) -> StringNode | None:
    written = [p for p in code.pieces if p.written]
    if not written:
        return None
    low, high = min(p.starts[0] for p in written), max(p.ends[-1] for p in written)
    start, end = walker.script.offsets(statement)
    if not (start <= low and high <= end):
        return None
    found = None
    for node in _literals_in(statement):
        node_start, node_end = walker.script.offsets(node)
        if node_start <= low and high <= node_end:
            found = node
    return found


def _literals_in(node: cst.CSTNode) -> list[cst.SimpleString | cst.FormattedString]:
    found: list[cst.SimpleString | cst.FormattedString] = []

    class Collect(cst.CSTVisitor):
        def visit_SimpleString(self, node: cst.SimpleString) -> None:
            found.append(node)

        def visit_FormattedString(self, node: cst.FormattedString) -> None:
            found.append(node)

    node.visit(Collect())
    return found


def _placeholder_values(code: Str, shape: Shape) -> list[Value] | None:
    """The value of each `{…}` of SHAPE in CODE, when CODE is exactly what SHAPE spells."""
    written_starts: list[int] = []
    values: dict[tuple[int, int], Value] = {}
    order: list[tuple[int, int]] = []
    for piece in code.pieces:
        if piece.written:
            written_starts += piece.starts
        else:
            if piece.at not in values:
                order.append(piece.at)
                values[piece.at] = Value()
            values[piece.at] = values[piece.at] + piece.value
    holder_ats = [h.at for h in shape.placeholders]
    shape_written = [s for i, s in enumerate(shape.starts) if not _in_placeholder(shape, i)]
    if written_starts != shape_written or order != holder_ats:
        return None
    return [values[at] for at in holder_ats]


def _in_placeholder(shape: Shape, index: int) -> bool:
    return any(h.at[0] == shape.starts[index] and h.at[1] == shape.ends[index] for h in shape.placeholders)


def _coarse(code: Str, statement: tuple[int, int]) -> _Snippet:
    """Every character at the statement: its commands go or stay with it."""
    snippet = _Snippet()
    for piece in code.pieces:
        literal = piece.value.literal
        if piece.written or literal is not None:
            text = literal or ""
            snippet.add(text, [statement[0]] * len(text), [statement[1]] * len(text))
        else:
            snippet.add_value(piece.value, statement, precise=False)
    return snippet
