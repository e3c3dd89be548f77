"""ScriptEdits -> the rewritten batch file: the extraction's commands go (with the `||` handlers and
the `if errorlevel` checks that only answered them), the runtime `docker build` stays with the
builder's build args, and every other byte stays as it was, CRLF line ends included. An `if` left
with nothing to do goes; an emptied block that must stay gets `ver >nul` (cmd has no empty block).
The result is parsed again before it is returned."""

from __future__ import annotations

from migrator.findings import Refusal, refuse
from migrator.frontends.cmd.parse import parse_batch
from migrator.frontends.cmd.syntax import BatchScript, Block, Chain, ForCapture, If, Label, Node, Opaque, Simple
from migrator.frontends.windows import chain_text, program_name, runtime_build_text, spliced
from migrator.plan.edits import ScriptEdits
from migrator.source import Loc, Span

_NOTHING = "(ver >nul)"


class _Renderer:
    def __init__(self, script: BatchScript, edits: ScriptEdits):
        self.script = script
        self.text = script.text
        self.edits = edits

    def node(self, node: Node) -> str | None:
        """The node's new text, or None when nothing of it remains."""
        if isinstance(node, Simple):
            return self.simple(node)
        if isinstance(node, Chain):
            return self.chain(node)
        if isinstance(node, Block):
            body = self.sequence(node.body, node.start + 1, node.end - 1)
            return None if body is None else "(" + body + ")"
        if isinstance(node, If):
            return self.if_(node)
        if isinstance(node, ForCapture):
            return None if Span(node.start, node.end, self.script.path) in self.edits.remove else self.source(node)
        return self.source(node)

    def source(self, node: Node) -> str:
        return self.text[node.start:node.end]

    def simple(self, node: Simple) -> str | None:
        span = Span(node.start, node.end, self.script.path)
        if span in self.edits.remove:
            return None
        if span == self.edits.runtime_build:
            return self.runtime_build(node)
        return self.source(node)

    def runtime_build(self, node: Simple) -> str:
        words = [(w.raw, w.start, w.end) for w in node.words]
        words[0] = (program_name(words[0][0]), node.words[0].start, node.words[0].end)
        return runtime_build_text(self.source(node), node.start, words, self.edits)

    def chain(self, node: Chain) -> str | None:
        rendered = [self.node(p) for p in node.parts]
        if all(r == self.source(p) for r, p in zip(rendered, node.parts, strict=True)):
            return self.source(node)
        return chain_text(self.text, [(p.start, p.end) for p in node.parts], node.operators, rendered)

    def if_(self, node: If) -> str | None:
        then = self.node(node.then)
        otherwise = self.node(node.otherwise) if node.otherwise is not None else None
        if then is None and otherwise is None:
            return None
        out = self.text[node.start:node.then.start] + (then if then is not None else _NOTHING)
        if node.otherwise is not None:
            out += self.text[node.then.end:node.otherwise.start] + (otherwise if otherwise is not None else _NOTHING)
        return out

    def sequence(self, nodes: list[Node], start: int, end: int, whole_file: bool = False) -> str | None:
        """The text from START to END, which holds NODES, one a line; None when every command of a
        block went (a file keeps what is left: comments, labels)."""
        replacements = []
        previous_gone = False
        commands = 0
        for node in nodes:
            rendered = self.node(node)
            if previous_gone and isinstance(node, If) and node.checks_status:
                rendered = None  # it checked the exit code of a command that is gone
            if not isinstance(node, (Label, Opaque)):
                previous_gone = rendered is None
                commands += rendered is not None
            if rendered is None:
                replacements.append((*_whole_lines(self.text, node.start, node.end), ""))
            elif rendered != self.source(node):
                replacements.append((node.start, node.end, rendered))
        if not commands and not whole_file and any(not isinstance(n, (Label, Opaque)) for n in nodes):
            return None
        return spliced(self.text, start, end, replacements)


def _whole_lines(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a removed command to its whole lines when nothing else shares them."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip(" \t@"):
        return start, end
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end + 1
    if text[end:line_end].strip():
        return start, end
    return line_start, line_end


def rewrite_batch(script: BatchScript, edits: ScriptEdits) -> str:
    renderer = _Renderer(script, edits)
    rewritten = renderer.sequence(script.statements, 0, len(script.text), whole_file=True)
    assert rewritten is not None  # a whole file is never None
    try:
        parse_batch(script.path, rewritten)
    except Refusal as refusal:
        loc = refusal.finding.loc or Loc(script.path, 1)
        raise refuse("MIG132", loc, text=refusal.finding.message) from None
    return rewritten

