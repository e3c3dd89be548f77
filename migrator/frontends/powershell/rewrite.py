"""ScriptEdits -> the rewritten PowerShell script: the extraction's commands go (with the `||`
handlers and the `$LASTEXITCODE`/`$?` checks that only answered them), the runtime `docker build`
stays with the builder's build args, and every other byte stays as it was, CRLF line ends
included. An `if` or loop left with nothing to do goes. PowerShell is not installed here, so the
result is checked by this front end's own reader (parse.py) before it is returned."""

from __future__ import annotations

import re

from migrator.findings import refuse
from migrator.frontends.powershell import syntax as ps
from migrator.frontends.powershell.parse import parse_powershell
from migrator.frontends.powershell.reader import PsSyntaxError
from migrator.frontends.windows import chain_text, program_name, runtime_build_text, spliced
from migrator.plan.edits import ScriptEdits
from migrator.source import Loc, Span

_SEPARATOR_AFTER = re.compile(r"[ \t]*;[ \t]*")


class _Renderer:
    def __init__(self, script: ps.PsScript, edits: ScriptEdits):
        self.script = script
        self.text = script.text
        self.edits = edits

    def span(self, node: ps.Statement | ps.Command) -> Span:
        return Span(node.start, node.end, self.script.path)

    def source(self, node: ps.Statement | ps.Block) -> str:
        return self.text[node.start:node.end]

    def statement(self, node: ps.Statement) -> str | None:
        """The statement's new text, or None when nothing of it remains."""
        if isinstance(node, ps.Pipeline):
            return self.pipeline(node)
        if isinstance(node, ps.Chain):
            return self.chain(node)
        if isinstance(node, ps.Assign):
            if self.span(node) in self.edits.remove:
                return None
            value = self.statement(node.value)
            return None if value is None else self.text[node.start:node.value.start] + value
        if isinstance(node, ps.If):
            return self.if_(node)
        if isinstance(node, ps.Loop):
            body = self.block(node.body)
            return None if body is None else self.text[node.start:node.body.start] + body + \
                self.text[node.body.end:node.end]
        if isinstance(node, (ps.Try, ps.Function)):
            return self.blocks(node, [b for b in _blocks_of(node)], keep_empty=True)
        return self.source(node)

    def pipeline(self, node: ps.Pipeline) -> str | None:
        first = node.parts[0]
        if isinstance(first, ps.Command):
            if self.span(first) in self.edits.remove:
                return None  # what it fed has nothing left to read
            if self.span(first) == self.edits.runtime_build:
                return self.runtime_build(first) + self.text[first.end:node.end]
        return self.source(node)

    def runtime_build(self, node: ps.Command) -> str:
        words = [(self.text[a.start:a.end], a.start, a.end) for a in node.elements]
        words[0] = (program_name(words[0][0]), words[0][1], words[0][2])
        return runtime_build_text(self.source_of(node), node.start, words, self.edits)

    def source_of(self, node: ps.Command) -> str:
        return self.text[node.start:node.end]

    def chain(self, node: ps.Chain) -> str | None:
        rendered = [self.pipeline(p) for p in node.parts]
        return chain_text(self.text, [(p.start, p.end) for p in node.parts], node.operators, rendered)

    def if_(self, node: ps.If) -> str | None:
        bodies = [body for _, body in node.clauses] + ([node.otherwise] if node.otherwise else [])
        return self.blocks(node, bodies, keep_empty=False)

    def blocks(self, node: ps.Statement, bodies: list[ps.Block], keep_empty: bool) -> str | None:
        rendered = [self.block(b) for b in bodies]
        if not keep_empty and all(r is None for r in rendered):
            return None
        return spliced(self.text, node.start, node.end, [
            (body.start, body.end, text if text is not None else self.emptied(body))
            for body, text in zip(bodies, rendered, strict=True)])

    def block(self, block: ps.Block) -> str | None:
        """The block's new text, braces included; None when none of its statements is left."""
        body, alive = self.sequence(block.statements, block.start + 1, block.end - 1)
        return ("{" + body + "}") if alive or not block.statements else None

    def emptied(self, block: ps.Block) -> str:
        body, _ = self.sequence(block.statements, block.start + 1, block.end - 1)
        return "{" + body + "}"

    def sequence(self, statements: list[ps.Statement], start: int, end: int) -> tuple[str, int]:
        """The text from START to END holding STATEMENTS, and how many statements are left."""
        replacements, alive = [], 0
        previous_gone = False
        for node in statements:
            rendered = self.statement(node)
            if previous_gone and isinstance(node, ps.If) and node.checks_status:
                rendered = None  # it checked the exit code of a command that is gone
            previous_gone = rendered is None
            alive += rendered is not None
            if rendered is None:
                replacements.append((*_whole_lines(self.text, node.start, node.end), ""))
            elif rendered != self.source(node):
                replacements.append((node.start, node.end, rendered))
        return spliced(self.text, start, end, replacements), alive


def _blocks_of(node: ps.Statement) -> list[ps.Block]:
    if isinstance(node, ps.Try):
        return [node.body, *node.handlers, *([node.final] if node.final else [])]
    assert isinstance(node, ps.Function)
    return [node.body]


def _whole_lines(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a removed statement to its whole lines when nothing else shares them; otherwise take
    the `;` that separated it from what follows."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end + 1
    rest = text[end:line_end].strip()
    if not text[line_start:start].strip() and (not rest or rest.startswith("#")):
        return line_start, line_end
    separator = _SEPARATOR_AFTER.match(text, end)
    return start, separator.end() if separator else end


def rewrite_powershell(script: ps.PsScript, edits: ScriptEdits) -> str:
    rewritten, _ = _Renderer(script, edits).sequence(script.statements, 0, len(script.text))
    try:
        parse_powershell(script.path, rewritten)
    except PsSyntaxError as error:
        line = rewritten.count("\n", 0, error.offset) + 1
        raise refuse("MIG132", Loc(script.path, line), text=error.why) from None
    return rewritten
