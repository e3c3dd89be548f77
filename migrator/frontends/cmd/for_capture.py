"""The one `for` the cmd front end follows: a command's output captured into a variable, the
batch idiom for `id=$(docker create img)`:

    for /f %%i in ('docker create img') do set ID=%%i
    for /f "usebackq tokens=*" %%i in (`docker create img`) do @set "ID=%%i"

Options that could change which part of a one-word output is kept (`skip=`, `tokens=2`, `delims=,`)
leave the `for` opaque, as does any other body: the walk refuses it where it touches the flow."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from migrator.frontends.cmd.syntax import Char, ForCapture, Simple

if TYPE_CHECKING:
    from migrator.frontends.cmd.parse import _Parser

_FORM = re.compile(r"""(?i:for)[ \t]+/(?i:f)[ \t]+(?:"(?P<options>[^"]*)"[ \t]+)?%%(?P<var>[A-Za-z])[ \t]+(?i:in)
                       [ \t]*\([ \t]*(?P<quote>['`])(?P<command>.+)(?P=quote)[ \t]*\)[ \t]*(?i:do)[ \t]+@?[ \t]*
                       (?i:set)[ \t]+(?P<q>"?)(?P<name>[A-Za-z_][\w.-]*)=%%(?P=var)(?P=q)[ \t]*$""", re.X)
_HARMLESS_OPTIONS = {"tokens=*", "tokens=1", "delims=", "usebackq"}


def for_capture(parser: _Parser, start_index: int) -> ForCapture | None:
    """The capture starting at the parser's character START_INDEX (its `for`), or None; on a match
    the parser has moved past the statement."""
    chars: list[Char] = []
    k = start_index
    while k < len(parser.chars) and not (parser.chars[k].text == "\n" and not parser.chars[k].escaped):
        chars.append(parser.chars[k])
        k += 1
    match = _FORM.match("".join(c.text for c in chars))
    if match is None:
        return None
    options = (match.group("options") or "").lower().split()
    if not set(options) <= _HARMLESS_OPTIONS or ("usebackq" in options) != (match.group("quote") == "`"):
        return None
    inner = parser.sub_parser(chars[match.start("command"):match.end("command")])
    command = inner.chain(0)
    inner.skip_space()
    if not isinstance(command, Simple) or inner.peek() is not None:
        return None
    parser.i = k
    return ForCapture(command, match.group("name").upper(), chars[0].offset, chars[-1].offset + 1)
