"""Percent expansion and argument splitting, as cmd.exe and the programs it starts do them.

cmd replaces `%NAME%`, `%1`, `%~dp0`, `%*` (and `!NAME!` under delayed expansion) in a statement's
text when it reads the statement; a program then splits its command line at blanks outside double
quotes and drops the quotes. A value the script cannot know stays an unknown part.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass

from migrator.frontends.cmd.syntax import Char
from migrator.trace.values import Part, Unknown, Value, from_repo_relative

_ARG = re.compile(r"~?([fdpnxsatz]*)([0-9*])$", re.I)
_DYNAMIC = {"DATE", "TIME", "RANDOM", "ERRORLEVEL", "CMDCMDLINE", "CMDEXTVERSION", "HIGHESTNUMANODENUMBER"}


@dataclass(frozen=True)
class Item:
    """One character of the expanded text, or a part only the run knows."""

    part: Part
    escaped: bool = False  # a `^"` is a plain quote character


@dataclass
class Lookup:
    """What expansion reads: variables by upper-cased name, the batch arguments, the script's path."""

    variable: Callable[[str], Value | None]
    arguments: tuple[Value, ...] | None  # None: run by hand, so %1 … are unknown
    script: str  # repo-relative
    delayed: bool = False


def expand(chars: tuple[Char, ...], lookup: Lookup, live: Callable[[str], Value | None] | None = None) -> list[Item]:
    """CHARS with percent references replaced; `!NAME!` too when delayed expansion is on (LIVE
    reads the variables as they are now, not as the statement found them)."""
    out: list[Item] = []
    i, n = 0, len(chars)
    while i < n:
        char = chars[i]
        if char.text == "%" and not char.escaped:
            i = _percent(chars, i, lookup, out)
            continue
        if char.text == "!" and lookup.delayed and not char.escaped and live is not None:
            close = next((k for k in range(i + 1, n) if chars[k].text == "!"), None)
            if close is not None:
                name = "".join(c.text for c in chars[i + 1:close])
                _append(out, live(name.upper()) or Value((Unknown(f"!{name}!"),)))
                i = close + 1
                continue
        out.append(Item(char.text, char.escaped))
        i += 1
    return out


def _percent(chars: tuple[Char, ...], i: int, lookup: Lookup, out: list[Item]) -> int:
    """Expand the reference at CHARS[i] (a `%`) into OUT; the index after it."""
    rest = "".join(c.text for c in chars[i + 1:])
    if rest.startswith("%"):
        out.append(Item("%"))
        return i + 2
    argument = re.match(r"~?[fdpnxsatz]*[0-9*]", rest, re.I)
    if argument:
        _append(out, _argument(argument.group(0), lookup))
        return i + 1 + argument.end()
    close = rest.find("%")
    if close <= 0:
        out.append(Item("%"))
        return i + 1
    _append(out, _variable(rest[:close], lookup))
    return i + close + 2


def _variable(spec: str, lookup: Lookup) -> Value:
    name, colon, edit = spec.partition(":")
    value = lookup.variable(name.upper())
    if value is None:
        return Value((Unknown(f"%{spec}%"),))
    if not colon:
        return value
    text = value.literal
    if text is None:
        return Value((Unknown(f"%{spec}%"),))
    substring = re.fullmatch(r"~(-?\d+)(?:,(-?\d+))?", edit)
    if substring:
        start = int(substring.group(1))
        length = substring.group(2)
        piece = text[start:] if start >= 0 else text[len(text) + start:]
        if length is not None:
            count = int(length)
            piece = piece[:count] if count >= 0 else piece[:len(piece) + count]
        return Value.of(piece)
    old, eq, new = edit.partition("=")
    if eq and old and not old.startswith("*"):
        return Value.of(re.sub(re.escape(old), lambda _: new, text, flags=re.I))
    return Value((Unknown(f"%{spec}%"),))


def _argument(spec: str, lookup: Lookup) -> Value:
    match = _ARG.match(spec)
    assert match is not None
    modifiers, which = match.group(1).lower(), match.group(2)
    if which == "0":
        return _script_path(lookup.script, modifiers)
    if lookup.arguments is None:
        return Value((Unknown(f"%{spec}"),))
    if which == "*":
        out = Value()
        for k, value in enumerate(lookup.arguments):
            out = out + (Value.of(" ") if k else Value()) + value
        return out
    index = int(which) - 1
    value = lookup.arguments[index] if index < len(lookup.arguments) else Value()
    if modifiers:
        return Value((Unknown(f"%{spec}"),))
    return value  # the arguments a caller passed are already unquoted: %1 and %~1 read alike


def _script_path(path: str, modifiers: str) -> Value:
    full = from_repo_relative(path)
    directory, name = posixpath.split(full)
    stem, ext = posixpath.splitext(name)
    if not modifiers or modifiers == "f":
        return Value.of(full)
    if set(modifiers) <= {"d", "p"} and "p" in modifiers:
        return Value.of(directory + "/")
    pieces = {"n": stem, "x": ext}
    if set(modifiers) <= set(pieces):
        return Value.of("".join(pieces[m] for m in "nx" if m in modifiers))
    return Value((Unknown(f"%~{modifiers}0"),))


def _append(out: list[Item], value: Value) -> None:
    for part in value.parts:
        if isinstance(part, str):
            out.extend(Item(c) for c in part)
        else:
            out.append(Item(part))


def split_arguments(items: list[Item]) -> list[Value]:
    """Split at blanks outside double quotes and drop the quotes (the rule every Windows program's
    C runtime applies to its command line)."""
    out: list[Value] = []
    current: list[Part] = []
    started = quoted = glob = False
    for item in items:
        part = item.part
        if isinstance(part, str):
            if part == '"' and not item.escaped:
                quoted, started = not quoted, True
                continue
            if part in " \t" and not quoted:
                if started:
                    out.append(_value(current, glob))
                current, started, glob = [], False, False
                continue
            glob = glob or (part in "*?" and not quoted)
        current.append(part)
        started = True
    if started:
        out.append(_value(current, glob))
    return out


def joined(items: list[Item]) -> Value:
    """ITEMS as one value, quotes and blanks kept (what `set X=…` stores)."""
    return _value([i.part for i in items], False)


def _value(parts: list[Part], glob: bool) -> Value:
    merged: list[Part] = []
    for part in parts:
        if isinstance(part, str) and merged and isinstance(merged[-1], str):
            merged[-1] = merged[-1] + part
        else:
            merged.append(part)
    return Value(tuple(merged), (), glob)


def dynamic(name: str) -> Value | None:
    """cmd's own variables the script cannot know (%DATE%, %RANDOM% …)."""
    return Value((Unknown(f"%{name}%"),)) if name in _DYNAMIC else None

