"""The new text of one recipe's shell code, written in the Makefile's own bytes: the commands the
plan removes go, with the `&&`/`;` that joined them; the runtime `docker build` gets the
builder's build args and loses a `--no-cache`; everything else is copied from the file as it was
(`$$`, `$(VAR)`, tabs and continuations included).

The shell code was parsed from make's expansion of the line (recipe.py), so every node's position
maps back to the file. A command that shares its bytes with a command that stays (two commands
in one `$(VAR)`) cannot be removed alone: refused (MIG168)."""

from __future__ import annotations

from migrator.dockercli.options import BUILD_FLAGS, BUILD_VALUES
from migrator.dockercli.parse import parse
from migrator.dockercli.verbs import invocation, strip_sudo
from migrator.findings import refuse
from migrator.frontends.shell.parse import ShellScript
from migrator.source import Loc, Span

_TRIVIAL = {"true", ":"}


def command_nodes(node) -> list:
    """Every command node in NODE's tree."""
    out, stack = [], [node]
    while stack:
        current = stack.pop()
        if current.kind == "command":
            out.append(current)
        for value in vars(current).values():
            if isinstance(value, list):
                stack.extend(v for v in value if hasattr(v, "kind"))
            elif hasattr(value, "kind") and value is not current:
                stack.append(value)
    return out


class RecipeRenderer:
    def __init__(self, script: ShellScript, text: str, dead: frozenset[Span], runtime: Span | None,
                 build_flags: str, drop_no_cache: bool):
        self.script = script
        self.text = text  # the Makefile's
        self.path = script.path
        self.dead = dead
        self.runtime = runtime
        self.build_flags = build_flags
        self.drop_no_cache = drop_no_cache
        self.seen: set[Span] = set()  # the command spans this recipe holds
        self.dead_functions: set[str] = set()
        commands = [c for s in script.statements if s.node is not None for c in command_nodes(s.node)]
        self.spans = [self.span(c) for c in commands]
        for statement in script.statements:
            node = statement.node
            if node is not None and node.kind == "function" and self.node(node.body) is None:
                self.dead_functions.add(node.name.word)

    def start(self, node) -> int:
        return self.script.host(node.pos[0])

    def end(self, node) -> int:
        return self.script.host(node.pos[1], end=True)

    def span(self, node) -> Span:
        return Span(self.start(node), self.end(node), self.path)

    def source(self, node) -> str:
        return self.text[self.start(node):self.end(node)]

    def node(self, node) -> str | None:
        """The node's new text in the Makefile, or None when nothing of it remains."""
        kind = node.kind
        if kind == "command":
            return self.command(node)
        if kind == "list":
            return self.list(node)
        if kind == "pipeline":
            rendered = [self.node(p) for p in node.parts if p.kind != "pipe"]
            if all(r is None for r in rendered):
                return None
            if any(r is None for r in rendered):
                raise self.partial(node, "a pipeline")
            return self.source(node)
        if kind == "function" and node.name.word in self.dead_functions:
            return None
        if kind in ("compound", "if", "for", "while", "until", "function"):
            return self.compound(node)
        return self.source(node)

    def partial(self, node, what: str) -> Exception:
        loc = Loc(self.path, self.script.line_of(node.pos[0]))
        return refuse("MIG168", loc, command=" ".join(self.source(node).split()), what=what)

    def command(self, node) -> str | None:
        span = self.span(node)
        self.seen.add(span)
        if span in self.dead:
            # a command nested in this one goes with it; any other that shares its bytes must go too
            shared = [s for s in self.spans if s != span and s.start < span.end and span.start < s.end
                      and not (span.start <= s.start and s.end <= span.end)]
            if any(s not in self.dead for s in shared):
                raise self.partial(node, "a make variable that also holds a command that stays")
            return None
        words = [p for p in node.parts if p.kind == "word"]
        if words and words[0].word in self.dead_functions:
            return None
        if span != self.runtime:
            return self.source(node)
        return self.runtime_build(node, words)

    def runtime_build(self, node, words: list) -> str:
        literals = [w.word for w in words]
        skip = strip_sudo(literals)
        found = invocation(literals[skip:])
        verb = words[skip + found.verb_at]
        start = self.start(node)
        text = self.source(node)
        cut = self.end(verb) - start
        if self.drop_no_cache:
            options = parse(literals[skip + found.args_from:], BUILD_VALUES, BUILD_FLAGS, stop_at_positional=False)
            flag = next(words[skip + found.args_from + o.at] for o in options.named("--no-cache"))
            first, last = self.start(flag) - start, self.end(flag) - start
            if text[first:last] != "--no-cache":
                raise self.partial(node, "a make variable (its --no-cache)")
            while last < len(text) and text[last] in " \t":
                last += 1
            text = text[:first] + text[last:]
        return text[:cut] + self.build_flags + text[cut:]

    def list(self, node) -> str | None:
        children = [p for p in node.parts if p.kind != "operator"]
        rendered = [self.node(c) for c in children]
        for k in range(1, len(children)):  # `removed || handler`: the handler never ran either
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
            out += self.text[self.end(previous):self.start(child)] + text
        if alive[-1][0] is children[-1]:
            out += self.text[self.end(children[-1]):self.end(node)]
        return out

    def compound(self, node) -> str | None:
        parts = getattr(node, "list", None) or node.parts
        bodies = [p for p in parts if p.kind not in ("reservedword", "operator", "word", "pipe")]
        rendered = [self.node(p) for p in bodies]
        if all(r is None for r in rendered) and node.kind in ("compound", "if"):
            return None
        if all(r == self.source(p) for p, r in zip(bodies, rendered, strict=True)):
            return self.source(node)
        out, cursor = [], self.start(node)
        for part, text in zip(bodies, rendered, strict=True):
            out.append(self.text[cursor:self.start(part)])
            out.append(":" if text is None else text)  # an if/loop body may not be empty
            cursor = self.end(part)
        out.append(self.text[cursor:self.end(node)])
        return "".join(out)

