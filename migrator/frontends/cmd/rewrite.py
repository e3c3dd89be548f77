"""ScriptEdits -> the rewritten batch file: the extraction's commands go (with the `||` handlers and
the `if errorlevel` checks that only answered them), the runtime `docker build` stays with the
builder's build args, and every other byte stays as it was, CRLF line ends included. An `if` left
with nothing to do goes; an emptied block that must stay gets `ver >nul` (cmd has no empty block).
The result is parsed again before it is returned."""

from __future__ import annotations

import re

from migrator.dockercli.verbs import invocation
from migrator.findings import Refusal, refuse
from migrator.frontends.cmd.parse import parse_batch
from migrator.frontends.cmd.syntax import BatchScript, Block, Chain, ForCapture, If, Label, Node, Opaque, Simple
from migrator.plan.edits import ScriptEdits
from migrator.source import Loc, Span

_NOTHING = "(ver >nul)"
_SPACE_AFTER = re.compile(r"[ \t]*")


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
        raws = [w.raw for w in node.words]
        raws[0] = raws[0].lower().removesuffix(".exe").rsplit("\\", 1)[-1]
        found = invocation(raws)
        text, start = self.source(node), node.start
        cut = node.words[found.verb_at].end - start
        if self.edits.drop_no_cache:
            flag = next(w for w in node.words[found.args_from:] if w.raw == "--no-cache")
            after = _SPACE_AFTER.match(text, flag.end - start)
            end = after.end() if after else flag.end - start
            text = text[:flag.start - start] + text[end:]
        return text[:cut] + "".join(" " + flag for flag in self.edits.add_build_args) + text[cut:]

    def chain(self, node: Chain) -> str | None:
        rendered = [self.node(p) for p in node.parts]
        # `removed || handler`: the removed command succeeded in a working legacy flow, so the
        # handler never ran; it goes too
        for k in range(1, len(rendered)):
            if rendered[k - 1] is None and node.operators[k - 1] == "||":
                rendered[k] = None
        alive = [k for k, r in enumerate(rendered) if r is not None]
        if not alive:
            return None
        if len(alive) == len(rendered) and all(r == self.source(p) for r, p in zip(rendered, node.parts, strict=True)):
            return self.source(node)
        out = rendered[alive[0]] or ""
        for k in alive[1:]:
            out += self.text[node.parts[k - 1].end:node.parts[k].start] + (rendered[k] or "")
        return out

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
        out, cursor = [], start
        previous_gone = False
        commands = 0
        for node in nodes:
            rendered = self.node(node)
            if previous_gone and isinstance(node, If) and node.checks_status:
                rendered = None  # it checked the exit code of a command that is gone
            if not isinstance(node, (Label, Opaque)):
                previous_gone = rendered is None
                commands += rendered is not None
            if rendered == self.source(node):
                continue
            cut_start, cut_end = node.start, node.end
            if rendered is None:
                cut_start, cut_end = _whole_lines(self.text, cut_start, cut_end)
                rendered = ""
            out.append(self.text[cursor:cut_start])
            out.append(rendered)
            cursor = cut_end
        out.append(self.text[cursor:end])
        if not commands and not whole_file and any(not isinstance(n, (Label, Opaque)) for n in nodes):
            return None
        return "".join(out)


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

