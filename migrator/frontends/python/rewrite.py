"""ScriptEdits -> the rewritten Python file, through libcst, whose tree holds every byte of the file
(comments, blank lines, quoting), so what the edits do not touch stays as it was.

A removed span names a statement (the one that ran the command, see statements.py) or a command
inside a literal of shell code (rewrite_shell.py). A statement goes with the comments above it
kept for the next one; a block left empty gets `pass`; an `if` whose test ran a removed command
keeps the branch that ran when the command succeeded. A name the removed statements set and the
rest still reads refuses the migration; so does a result that does not compile."""

from __future__ import annotations

import libcst as cst
from libcst.metadata import ExpressionContext, ExpressionContextProvider, MetadataWrapper

from migrator.findings import refuse
from migrator.frontends.python.branches import taken_branch
from migrator.frontends.python.parse import PythonScript
from migrator.frontends.python.rewrite_build import (
    build_sequence,
    edited_sequence,
    has_no_cache,
    needs_edit,
    python_flags,
)
from migrator.frontends.python.rewrite_shell import rewrite_literal
from migrator.plan.edits import ScriptEdits
from migrator.source import Loc, Span


class _Plan:
    """What happens to which node (by identity in the parsed tree)."""

    def __init__(self) -> None:
        self.deleted: set[int] = set()
        self.replaced: dict[int, str] = {}  # an `if` -> the branch that stays: "body" or "orelse"
        self.literals: dict[int, cst.BaseExpression] = {}
        self.sequence: tuple[int, int, list[str], bool] | None = None  # (node id, verb index, flags, drop)


def rewrite_python(script: PythonScript, edits: ScriptEdits) -> str:
    index = _Index(script)
    plan = _Plan()
    mine = sorted({s for s in edits.remove if s.file == script.path}, key=lambda s: s.start)
    runtime = edits.runtime_build if edits.runtime_build.file == script.path else None
    by_literal: dict[int, list[Span]] = {}
    for span in [*mine, *([runtime] if runtime is not None else [])]:
        statement = index.statements.get((span.start, span.end))
        if statement is not None:
            if span == runtime:
                _plan_runtime(script, plan, statement, edits, index)
            else:
                _plan_deletion(script, plan, statement)
            continue
        literal = index.literal_at(span)
        if literal is None:
            raise refuse("MIG184", Loc(script.path, script.line_of(span.start)), text=script.text[span.start:span.end],
                         why="it is not a statement of its own")
        by_literal.setdefault(id(literal), []).append(span)
    for spans in by_literal.values():
        literal = index.literal_at(spans[0])
        assert literal is not None
        done = rewrite_literal(script, literal, spans, edits)
        if done.replacement is None:
            _plan_deletion(script, plan, index.statement_holding(literal))
        else:
            plan.literals[id(literal)] = done.replacement
    apply = _Apply(plan)
    new_module = _without_dead_functions(script.module.visit(apply), apply.emptied)
    _check_names(script, plan, new_module)
    text = new_module.code
    _check_compiles(script, text)
    return text


def _plan_deletion(script: PythonScript, plan: _Plan, statement: cst.CSTNode) -> None:
    if isinstance(statement, cst.If):
        plan.replaced[id(statement)] = taken_branch(script, statement)
    else:
        plan.deleted.add(id(statement))


def _plan_runtime(script: PythonScript, plan: _Plan, statement: cst.CSTNode, edits: ScriptEdits,
                  index: _Index) -> None:
    if not needs_edit(edits):
        return
    found = build_sequence(statement)
    if found is None or (edits.drop_no_cache and not has_no_cache(found[0])):
        raise refuse("MIG186", script.loc(statement), flag=" ".join(edits.add_build_args) or "--no-cache",
                     why="the build's arguments are not written as one list in this statement")
    builder = next((index.statements[(s.start, s.end)] for s in edits.remove
                    if s.file == script.path and (s.start, s.end) in index.statements), None)
    flags = python_flags(script, edits.add_build_args, statement, builder)
    plan.sequence = (id(found[0]), found[1], flags, edits.drop_no_cache)


class _Index:
    """Statements by their span, and the literals that may hold shell code."""

    def __init__(self, script: PythonScript):
        self.statements: dict[tuple[int, int], cst.CSTNode] = {}
        self.literals: list[tuple[int, int, cst.SimpleString | cst.FormattedString]] = []
        self.holders: dict[int, cst.CSTNode] = {}
        index = self

        class Collect(cst.CSTVisitor):
            def __init__(self) -> None:
                self.stack: list[cst.CSTNode] = []

            def on_visit(self, node: cst.CSTNode) -> bool:
                if isinstance(node, cst.BaseSmallStatement | cst.BaseCompoundStatement):
                    index.statements.setdefault(script.offsets(node), node)
                    self.stack.append(node)
                if isinstance(node, cst.SimpleString | cst.FormattedString):
                    index.literals.append((*script.offsets(node), node))
                    index.holders[id(node)] = self.stack[-1]
                return True

            def on_leave(self, node: cst.CSTNode) -> None:
                if isinstance(node, cst.BaseSmallStatement | cst.BaseCompoundStatement):
                    self.stack.pop()

        script.module.visit(Collect())

    def literal_at(self, span: Span) -> cst.SimpleString | cst.FormattedString | None:
        inside = [n for start, end, n in self.literals if start <= span.start and span.end <= end]
        return inside[-1] if inside else None

    def statement_holding(self, node: cst.CSTNode) -> cst.CSTNode:
        return self.holders[id(node)]


class _Apply(cst.CSTTransformer):
    def __init__(self, plan: _Plan):
        super().__init__()
        self.plan = plan
        self.emptied: set[str] = set()  # functions whose every statement went

    def leave_SimpleString(self, original, updated):
        return self.plan.literals.get(id(original), updated)

    def leave_FormattedString(self, original, updated):
        return self.plan.literals.get(id(original), updated)

    def leave_List(self, original, updated):
        return self._sequence(original, updated)

    def leave_Tuple(self, original, updated):
        return self._sequence(original, updated)

    def leave_Call(self, original, updated):
        return self._sequence(original, updated)

    def _sequence(self, original, updated):
        found = self.plan.sequence
        if found is None or found[0] != id(original):
            return updated
        return edited_sequence(updated, original, found[1], found[2], found[3])

    def leave_SimpleStatementSuite(self, original, updated):
        kept = [u for o, u in zip(original.body, updated.body, strict=True) if id(o) not in self.plan.deleted]
        return updated.with_changes(body=kept or [cst.Pass()])

    def leave_IndentedBlock(self, original, updated):
        body, leftover = _block(original.body, updated.body, self.plan)
        if not body:  # a block may not be empty; the comments that were in it stay above the `pass`
            return updated.with_changes(body=[cst.SimpleStatementLine([cst.Pass()], leading_lines=leftover)])
        return updated.with_changes(body=body, footer=[*leftover, *updated.footer])

    def leave_Try(self, original, updated):
        """A try whose body, else and finally the migration emptied does nothing: it goes."""
        emptied = _only_docstring_or_pass(updated.body) and not _only_docstring_or_pass(original.body)
        rest = [b.body for b in (updated.orelse, updated.finalbody) if b is not None]
        if emptied and all(_only_docstring_or_pass(b) for b in rest):
            self.plan.deleted.add(id(original))
        return updated

    def leave_FunctionDef(self, original, updated):
        if _only_docstring_or_pass(updated.body) and not _only_docstring_or_pass(original.body):
            self.emptied.add(updated.name.value)
        return updated

    def leave_Module(self, original, updated):
        body, leftover = _block(original.body, updated.body, self.plan)
        return updated.with_changes(body=body, footer=[*leftover, *updated.footer])


def _block(originals, updateds, plan: _Plan) -> tuple[list, list[cst.EmptyLine]]:
    """A block's statements after deletions; the comments above a deleted statement stay, above
    the next statement (or at the end of the block)."""
    out: list = []
    carried: list[cst.EmptyLine] = []
    for original, updated in zip(originals, updateds, strict=True):
        replaced = id(original) in plan.replaced
        if replaced:
            new = _branch(updated, plan.replaced[id(original)])
        elif isinstance(original, cst.SimpleStatementLine):
            kept = [u for o, u in zip(original.body, updated.body, strict=True) if id(o) not in plan.deleted]
            new = [updated.with_changes(body=kept)] if kept else []
        else:
            new = [] if id(original) in plan.deleted else [updated]
        if not new:
            carried += list(updated.leading_lines)
            continue
        own = [*(updated.leading_lines if replaced else []), *new[0].leading_lines]
        if own and own[0].comment is None:
            while carried and carried[-1].comment is None:
                carried.pop()  # no two blank lines where a statement used to sit between them
        new[0] = new[0].with_changes(leading_lines=[*carried, *own])
        carried = []
        out += new
    return out, [line for line in carried if line.comment is not None]


def _branch(node: cst.If, which: str) -> list:
    """The statements of the branch of NODE that stays, for the block NODE was in."""
    branch = node.body if which == "body" else node.orelse
    if branch is None:
        return []
    if isinstance(branch, cst.If):
        return [branch]  # `elif`: it stays an `if` of its own
    block = branch.body if isinstance(branch, cst.Else) else branch
    if isinstance(block, cst.SimpleStatementSuite):
        return [cst.SimpleStatementLine(body=list(block.body))]
    return list(block.body)


def _only_docstring_or_pass(body: cst.BaseSuite) -> bool:
    statements = body.body if isinstance(body, cst.IndentedBlock) else [body]
    for statement in statements:
        smalls = statement.body if isinstance(statement, cst.SimpleStatementLine | cst.SimpleStatementSuite) else [None]
        if not all(isinstance(s, cst.Pass) or (isinstance(s, cst.Expr) and isinstance(s.value, cst.SimpleString))
                   for s in smalls):
            return False
    return True


def _without_dead_functions(module: cst.Module, emptied: set[str]) -> cst.Module:
    """Functions the migration emptied go, with the statements that only call them (as the shell
    front end drops a function whose body was all extraction), while nothing else uses them."""
    while emptied:
        plan = _Plan()
        for name in sorted(emptied):
            found = _dead_function(module, name)
            if found is not None:
                plan.deleted.update(found)
        if not plan.deleted:
            return module
        apply = _Apply(plan)
        module = module.visit(apply)
        emptied = apply.emptied
    return module


def _dead_function(module: cst.Module, name: str) -> set[int] | None:
    """The ids of NAME's def and of the statements that call it, when those are all its uses and
    the calls' arguments do nothing (names, literals)."""
    found: set[int] = set()
    uses: list[cst.Name] = []
    defined: list[cst.FunctionDef] = []

    class Collect(cst.CSTVisitor):
        def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
            if node.name.value == name:
                defined.append(node)
                found.add(id(node))

        def visit_Expr(self, node: cst.Expr) -> None:
            call = node.value
            if isinstance(call, cst.Call) and isinstance(call.func, cst.Name) and call.func.value == name \
                    and all(_inert(a.value) for a in call.args):
                found.add(id(node))
                uses.append(call.func)

        def visit_Name(self, node: cst.Name) -> None:
            if node.value == name:
                uses.append(node)

    module.visit(Collect())
    calls = len(found) - len(defined)
    names = len(uses) - calls  # every call's name was counted twice, the def's name once
    return found if len(defined) == 1 and names == calls + 1 else None


def _inert(node: cst.BaseExpression) -> bool:
    """An argument whose evaluation does nothing."""
    if isinstance(node, cst.Name | cst.SimpleString | cst.Integer | cst.Float):
        return True
    if isinstance(node, cst.Attribute):
        return _inert(node.value)
    if isinstance(node, cst.FormattedString):
        return all(_inert(p.expression) for p in node.parts if isinstance(p, cst.FormattedStringExpression))
    if isinstance(node, cst.List | cst.Tuple):
        return all(_inert(e.value) for e in node.elements)
    return False


def _check_names(script: PythonScript, plan: _Plan, module: cst.Module) -> None:
    """A name only the removed statements set must not be read by what stays."""
    gone: dict[str, cst.CSTNode] = {}

    class Targets(cst.CSTVisitor):
        def visit_Name(self, node: cst.Name) -> None:
            if contexts.get(node) is ExpressionContext.STORE:
                gone.setdefault(node.value, node)

    contexts = MetadataWrapper(script.module, unsafe_skip_copy=True).resolve(ExpressionContextProvider)
    for node in _all_statements(script.module):
        if id(node) in plan.deleted:
            node.visit(Targets())
    if not gone:
        return
    new_contexts = MetadataWrapper(module, unsafe_skip_copy=True).resolve(ExpressionContextProvider)
    stores = {n.value for n, c in new_contexts.items() if isinstance(n, cst.Name) and c is ExpressionContext.STORE}
    for node, context in new_contexts.items():
        if isinstance(node, cst.Name) and node.value in gone and context is ExpressionContext.LOAD \
                and node.value not in stores:
            raise refuse("MIG185", script.loc(gone[node.value]), name=node.value)


def _all_statements(module: cst.Module) -> list[cst.CSTNode]:
    found: list[cst.CSTNode] = []

    class Collect(cst.CSTVisitor):
        def on_visit(self, node: cst.CSTNode) -> bool:
            if isinstance(node, cst.BaseSmallStatement | cst.BaseCompoundStatement):
                found.append(node)
            return True

    module.visit(Collect())
    return found


def _check_compiles(script: PythonScript, text: str) -> None:
    try:
        compile(script.text, script.path, "exec", dont_inherit=True)
    except (SyntaxError, ValueError):
        return  # it did not compile before either: the legacy flow decides
    try:
        compile(text, script.path, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as error:
        line = getattr(error, "lineno", None) or 1
        raise refuse("MIG187", Loc(script.path, line), why=str(error)) from None
