"""Expand one shell word symbolically: quotes removed, parameters looked up, `$(…)` evaluated.

bashlex's own `word` text drops quoting inconsistently, so the word is re-read from the source
slice; bashlex's parts (parameters, command substitutions, tildes) are used for their positions.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from migrator.trace.values import Unknown, Value

_PARAM = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*#?$!-])(?P<op>:?[-=+?])?(?P<word>.*)$", re.S)
_SIMPLE_REF = re.compile(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))")
_GLOB_CHARS = "*?["


@dataclass
class Scope:
    """What expansion needs from the tracer: variables and a way to run `$(…)`."""

    lookup: Callable[[str], Value | None]  # None: unset
    assign: Callable[[str, Value], None]
    substitute: Callable[[object, bool], Value]  # runs a command substitution; True: it is "`…`"
    # inside "`…`": bash drops the backslash of \" before it parses the command, so it quotes
    unescape_quotes: bool = False


def expand_word(source: str, node, scope: Scope) -> Value:
    """Expand a bashlex WordNode (or the value side of an AssignmentNode)."""
    start, end = node.pos
    if node.kind == "assignment":
        start = source.index("=", start) + 1
    parts = sorted((p for p in getattr(node, "parts", []) if p.pos[0] >= start), key=lambda p: p.pos[0])
    return _expand_span(source, start, end, parts, scope)


def _expand_span(source: str, start: int, end: int, parts: list, scope: Scope) -> Value:
    value = Value()
    buf: list[str] = []
    glob = False
    quote: str | None = None
    by_start = {p.pos[0]: p for p in parts}
    i = start
    while i < end:
        c = source[i]
        part = by_start.get(i) if quote != "'" else None
        if part is not None:
            value = value + Value.of("".join(buf))
            buf = []
            value = value + _expand_part(part, scope, quoted=quote == '"', backticks=source[part.pos[0]] == "`")
            i = part.pos[1]
            continue
        if quote == "'":
            if c == "'":
                quote = None
            else:
                buf.append(c)
        elif c == "\\" and i + 1 < end and scope.unescape_quotes and source[i + 1] == '"':
            i += 1  # `\"` in "`…`" is a plain quote
            continue
        elif c == "\\" and i + 1 < end:
            nxt = source[i + 1]
            if nxt == "\n":
                pass  # line continuation
            elif quote == '"' and nxt not in '$`"\\':
                buf.append(c + nxt)
            else:
                buf.append(nxt)
            i += 2
            continue
        elif quote == '"':
            if c == '"':
                quote = None
            else:
                buf.append(c)
        elif c in "'\"":
            quote = c
        else:
            glob = glob or c in _GLOB_CHARS
            buf.append(c)
        i += 1
    value = value + Value.of("".join(buf))
    return Value(value.parts, value.assumed, glob)


def _expand_part(part, scope: Scope, quoted: bool, backticks: bool) -> Value:
    if part.kind == "parameter":
        return expand_parameter(part.value, scope)
    if part.kind == "commandsubstitution":
        return scope.substitute(part.command, quoted and backticks)
    if part.kind == "tilde":
        return Value((Unknown("~"),))
    return Value((Unknown("<process substitution>"),))


def expand_parameter(spec: str, scope: Scope) -> Value:
    """`name`, `name:-word`, `name=word`, `name:+word`, … ; other forms stay unknown."""
    match = _PARAM.match(spec)
    if not match or (match.group("op") is None and match.group("word")) or (spec.startswith("#") and len(spec) > 1):
        return Value((Unknown("${" + spec + "}"),))
    name, op, word = match.group("name"), match.group("op"), match.group("word")
    current = scope.lookup(name)
    if op is None:
        return current if current is not None else Value((Unknown("$" + name),))
    colon = op.startswith(":")
    blank = current is not None and colon and current.literal == ""
    default = _expand_plain(word, scope)
    if op[-1] in "-=":
        if current is not None and not blank:
            return current
        if op[-1] == "=":
            scope.assign(name, default)
        if current is None:  # unset here, though the caller's environment may set it
            return Value(default.parts, (*default.assumed, name), default.glob)
        return default
    if op[-1] == "+":
        if current is None:
            return Value((), (name,))
        return Value() if blank else default
    return current if current is not None and not blank else Value((Unknown("${" + spec + "}"),))


def _expand_plain(word: str, scope: Scope) -> Value:
    """Expand the word of `${X:-word}`: quotes and simple `$NAME` references only."""
    if "$(" in word or "`" in word:
        return Value((Unknown(word),))
    word = word.replace('"', "").replace("'", "")
    value = Value()
    pos = 0
    for match in _SIMPLE_REF.finditer(word):
        value = value + Value.of(word[pos:match.start()])
        name = match.group(1) or match.group(2)
        found = scope.lookup(name)
        value = value + (found if found is not None else Value((Unknown("$" + name),)))
        pos = match.end()
    return value + Value.of(word[pos:])
