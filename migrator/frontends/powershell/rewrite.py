"""ScriptEdits -> the rewritten PowerShell script: the extraction's commands go (with the `||`
handlers and the `$LASTEXITCODE`/`$?` checks that only answered them), the runtime `docker build`
stays with the builder's build args, and every other byte stays as it was, CRLF line ends
included. An `if` or loop left with nothing to do goes. PowerShell is not installed here, so the
result is checked by this front end's own reader (parse.py) before it is returned."""

from __future__ import annotations

import re

from migrator.dockercli.verbs import invocation
from migrator.findings import refuse
from migrator.frontends.powershell import syntax as ps
from migrator.frontends.powershell.parse import parse_powershell
from migrator.frontends.powershell.reader import PsSyntaxError
from migrator.plan.edits import ScriptEdits
from migrator.source import Loc, Span

_SEPARATOR_AFTER = re.compile(r"[ \t]*;[ \t]*")
_SPACE_AFTER = re.compile(r"[ \t]*")


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
        words = [self.text[a.start:a.end] for a in node.elements]
        words[0] = re.sub(r"(?i)\.exe$", "", words[0].replace("\\", "/").rsplit("/", 1)[-1]).lower()
        found = invocation(words)
        text, start = self.source_of(node), node.start
        cut = node.elements[found.verb_at].end - start
        if self.edits.drop_no_cache:
            flag = next(a for a in node.elements[found.args_from:] if self.text[a.start:a.end] == "--no-cache")
            after = _SPACE_AFTER.match(text, flag.end - start)
            end = after.end() if after else flag.end - start
            text = text[:flag.start - start] + text[end:]
        return text[:cut] + "".join(" " + flag for flag in self.edits.add_build_args) + text[cut:]

    def source_of(self, node: ps.Command) -> str:
        return self.text[node.start:node.end]

    def chain(self, node: ps.Chain) -> str | None:
        rendered = [self.pipeline(p) for p in node.parts]
        for k in range(1, len(rendered)):
            if rendered[k - 1] is None and node.operators[k - 1] == "||":
                rendered[k] = None  # the handler of a command that succeeded in the legacy flow
        alive = [k for k, r in enumerate(rendered) if r is not None]
        if not alive:
            return None
        out = rendered[alive[0]] or ""
        for k in alive[1:]:
            out += self.text[node.parts[k - 1].end:node.parts[k].start] + (rendered[k] or "")
        return out

    def if_(self, node: ps.If) -> str | None:
        bodies = [body for _, body in node.clauses] + ([node.otherwise] if node.otherwise else [])
        return self.blocks(node, bodies, keep_empty=False)

    def blocks(self, node: ps.Statement, bodies: list[ps.Block], keep_empty: bool) -> str | None:
        rendered = [self.block(b) for b in bodies]
        if not keep_empty and all(r is None for r in rendered):
            return None
        out, cursor = [], node.start
        for body, text in zip(bodies, rendered, strict=True):
            out.append(self.text[cursor:body.start])
            out.append(text if text is not None else self.emptied(body))
            cursor = body.end
        out.append(self.text[cursor:node.end])
        return "".join(out)

    def block(self, block: ps.Block) -> str | None:
        """The block's new text, braces included; None when none of its statements is left."""
        body, alive = self.sequence(block.statements, block.start + 1, block.end - 1)
        return ("{" + body + "}") if alive or not block.statements else None

    def emptied(self, block: ps.Block) -> str:
        body, _ = self.sequence(block.statements, block.start + 1, block.end - 1)
        return "{" + body + "}"

    def sequence(self, statements: list[ps.Statement], start: int, end: int) -> tuple[str, int]:
        """The text from START to END holding STATEMENTS, and how many statements are left."""
        out, cursor, alive = [], start, 0
        previous_gone = False
        for node in statements:
            rendered = self.statement(node)
            if previous_gone and isinstance(node, ps.If) and node.checks_status:
                rendered = None  # it checked the exit code of a command that is gone
            previous_gone = rendered is None
            alive += rendered is not None
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
        return "".join(out), alive


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
