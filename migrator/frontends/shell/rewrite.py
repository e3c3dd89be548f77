"""ScriptEdits -> the rewritten shell script: the extraction's commands go, the runtime `docker
build` stays (without a `--no-cache` that only existed to pick up the artifact, with the builder's
build args), and every other byte stays as it was.

Removal works on the bashlex tree so that what remains is still valid shell: `a && b && c`
without b reads `a && c`, and an `if` branch left empty gets a `:`.
"""

from __future__ import annotations

import re

from migrator.dockercli.options import BUILD_FLAGS, BUILD_VALUES
from migrator.dockercli.parse import parse
from migrator.dockercli.verbs import invocation, strip_sudo
from migrator.findings import refuse
from migrator.frontends.shell.parse import ShellScript, parse_script
from migrator.plan.edits import ScriptEdits
from migrator.source import Loc, Span

_TRIVIAL = {"true", ":"}
_SPACE_AFTER = re.compile(r"[ \t]*(?:\\\n[ \t]*)?")


class _Renderer:
    def __init__(self, script: ShellScript, edits: ScriptEdits):
        self.text = script.text
        self.path = script.path
        self.dead = edits.remove
        self.edits = edits
        self.insert = "".join(" " + flag for flag in edits.add_build_args)
        # Functions whose whole body was extraction go, and so do their calls.
        self.dead_functions: set[str] = set()
        for statement in script.statements:
            node = statement.node
            if node is not None and node.kind == "function" and self.node(node.body) is None:
                self.dead_functions.add(node.name.word)

    def node(self, node) -> str | None:
        """The node's new text, or None when nothing of it remains."""
        kind = node.kind
        if kind == "command":
            return self.command(node)
        if kind == "list":
            return self.list(node)
        if kind == "pipeline":
            rendered = [self.node(p) for p in node.parts if p.kind != "pipe"]
            if all(r is None for r in rendered):
                return None
            if any(r is None for r in rendered):  # a command that goes feeds or reads one that stays
                line = self.text.count("\n", 0, node.pos[0]) + 1
                raise refuse("MIG147", Loc(self.path, line), command=" ".join(self.source(node).split()))
            return self.source(node)
        if kind == "function" and node.name.word in self.dead_functions:
            return None
        if kind in ("compound", "if", "for", "while", "until", "function"):
            return self.compound(node)
        return self.source(node)

    def source(self, node) -> str:
        return self.text[node.pos[0]:node.pos[1]]

    def command(self, node) -> str | None:
        span = Span(node.pos[0], node.pos[1], self.path)
        if span in self.dead:
            return None
        words = [p for p in node.parts if p.kind == "word"]
        if words and words[0].word in self.dead_functions:
            return None
        if span != self.edits.runtime_build:
            return self.source(node)
        return self.runtime_build(node, words)

    def runtime_build(self, node, words: list) -> str:
        """The build that stays: the builder's build args after its verb, no --no-cache."""
        literals = [w.word for w in words]
        skip = strip_sudo(literals)
        found = invocation(literals[skip:])
        verb = words[skip + found.verb_at]
        text, start = self.source(node), node.pos[0]
        cut = verb.pos[1] - start
        if self.edits.drop_no_cache:
            options = parse(literals[skip + found.args_from:], BUILD_VALUES, BUILD_FLAGS, stop_at_positional=False)
            flag = next(words[skip + found.args_from + o.at] for o in options.named("--no-cache"))
            spaces = _SPACE_AFTER.match(text, flag.pos[1] - start)
            after = spaces.end() - (flag.pos[1] - start) if spaces else 0
            text = text[: flag.pos[0] - start] + text[flag.pos[1] - start + after:]
        return text[:cut] + self.insert + text[cut:]

    def used_later(self, loop) -> bool:
        """Is the loop variable read after the loop? Then the loop stays, so that it keeps its value."""
        name = next(p.word for p in loop.parts if p.kind == "word")
        return re.search(r"\$\{?" + re.escape(name) + r"\b", self.text[loop.pos[1]:]) is not None

    def list(self, node) -> str | None:
        children = [p for p in node.parts if p.kind != "operator"]
        rendered = [self.node(c) for c in children]
        # `removed || handler`: in a working legacy flow the removed command succeeded, so what
        # `||` chains after it never ran; it goes too, up to the next `&&`.
        for k in range(1, len(children)):
            operator = node.parts[node.parts.index(children[k]) - 1]
            if rendered[k - 1] is None and getattr(operator, "op", "") == "||":
                rendered[k] = None
        alive = [(c, r) for c, r in zip(children, rendered, strict=True) if r is not None]
        if all(self.source(c).strip() in _TRIVIAL for c, _ in alive) and len(alive) < len(children):
            return None
        if len(alive) == len(children) and all(r == self.source(c) for c, r in alive):
            return self.source(node)
        out = alive[0][1]
        for child, text in alive[1:]:
            previous = node.parts[node.parts.index(child) - 2]
            out += self.text[previous.pos[1]:child.pos[0]] + text
        if alive[-1][0] is children[-1]:
            out += self.text[children[-1].pos[1]:node.pos[1]]
        return out

    def compound(self, node) -> str | None:
        parts = getattr(node, "list", None) or node.parts
        bodies = [p for p in parts if p.kind not in ("reservedword", "operator", "word", "pipe")]
        rendered = [self.node(p) for p in bodies]
        if all(r is None for r in rendered) and (node.kind in ("compound", "if") or (
                node.kind == "for" and not self.used_later(node))):
            return None  # nothing left inside: the construct goes too
        out, cursor = [], node.pos[0]
        for part, text in zip(bodies, rendered, strict=True):
            out.append(self.text[cursor:part.pos[0]])
            out.append(self._empty(part) if text is None else text)  # an if/loop body may not be empty
            cursor = part.pos[1]
        out.append(self.text[cursor:node.pos[1]])
        return "".join(out)


    def _empty(self, part) -> str:
        """`:` for a body that lost every command, with the `;` or newline that ended it."""
        if part.kind == "list":
            last = [p for p in part.parts if p.kind != "operator"][-1]
            return ":" + self.text[last.pos[1]:part.pos[1]]
        return ":"


def rewrite_script(script: ShellScript, edits: ScriptEdits) -> str:
    """The script after EDITS. It is parsed again before it is returned: new text bashlex cannot
    parse (a function without its closing brace) refuses rather than being written."""
    rewritten = _rewrite(script, edits)
    old = {script.source(s.start, s.end) for s in script.statements if s.opaque}
    after = parse_script(script.path, rewritten)
    broken = next((s for s in after.statements if s.opaque and after.source(s.start, s.end) not in old), None)
    if broken is not None:
        first = after.source(broken.start, broken.end).strip().splitlines()[0]
        raise refuse("MIG132", Loc(script.path, broken.line), text=first)
    return rewritten


def _rewrite(script: ShellScript, edits: ScriptEdits) -> str:
    renderer = _Renderer(script, edits)
    text = script.text
    out, cursor, removed_at = [], 0, []
    for statement in script.statements:
        if statement.opaque:
            continue
        rendered = renderer.node(statement.node)
        if rendered == text[statement.start:statement.end]:
            continue
        start, end = statement.start, statement.end
        if rendered is None:
            start, end = _whole_lines(text, start, end)
            rendered = ""
        out.append(text[cursor:start])
        if not rendered:
            removed_at.append(len("".join(out)))
        out.append(rendered)
        cursor = end
    out.append(text[cursor:])
    return _collapse_blank_runs("".join(out), removed_at)


def _collapse_blank_runs(text: str, points: list[int]) -> str:
    """Where removed lines sat between two blank lines, keep one blank line, not two."""
    for point in reversed(points):
        if text[max(0, point - 2):point] == "\n\n" and text[point:point + 1] == "\n":
            text = text[:point] + text[point + 1:]
    return text


def _whole_lines(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a removed statement to its whole lines when nothing else shares them."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip():
        return start, end
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end + 1
    rest = text[end:line_end].strip()
    if rest and not rest.startswith("#"):
        return start, end
    return line_start, line_end
