"""Python string literals, character by character: each character of a literal's value with the
offsets in the file of the characters that spell it (escapes, `{{` in f-strings), so that shell code
written in a Python string can be parsed with its spans pointing into the Python file; and the
reverse, text written back into a literal with its quoting."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_SIMPLE_ESCAPES = {"\\": "\\", "'": "'", '"': '"', "a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r",
                   "t": "\t", "v": "\v"}
_OCTAL = re.compile(r"[0-7]{1,3}")
_HEX_LENGTH = {"x": 2, "u": 4, "U": 8}


@dataclass(frozen=True)
class Decoded:
    """A literal's value, and for each character [start, end) of its spelling in the file."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]


@dataclass(frozen=True)
class Quoting:
    prefix: str  # lower-cased: "", "r", "b", "rb", "f", "rf", "u"
    quote: str  # ' " ''' """

    @property
    def raw(self) -> bool:
        return "r" in self.prefix

    @property
    def formatted(self) -> bool:
        return "f" in self.prefix

    @property
    def is_bytes(self) -> bool:
        return "b" in self.prefix


def quoting_of(token_start: str) -> Quoting:
    """The quoting of a literal from its opening (`rb'`, `f\"\"\"`, `"`)."""
    prefix = token_start.rstrip("'\"")
    quote = token_start[len(prefix):]
    return Quoting(prefix.lower(), quote)


def decode(raw: str, base: int, quoting: Quoting) -> Decoded | None:
    """The value spelled by RAW (a literal's text between its quotes, at file offset BASE); None
    for an escape this reader does not know."""
    text: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i = 0
    while i < len(raw):
        c = raw[i]
        if c == "\\" and not quoting.raw and i + 1 < len(raw):
            value, length = _escape(raw, i, quoting.is_bytes)
            if value is None:
                return None
        elif quoting.formatted and c in "{}" and raw[i + 1:i + 2] == c:
            value, length = c, 2
        else:
            value, length = c, 1
        for ch in value:
            text.append(ch)
            starts.append(base + i)
            ends.append(base + i + length)
        i += length
    return Decoded("".join(text), tuple(starts), tuple(ends))


def _escape(raw: str, i: int, is_bytes: bool) -> tuple[str | None, int]:
    """The value of the escape at RAW[i] and how many characters spell it."""
    nxt = raw[i + 1]
    if nxt == "\n":
        return "", 2
    if nxt == "\r":
        return "", 3 if raw[i + 2:i + 3] == "\n" else 2
    if nxt in _SIMPLE_ESCAPES:
        return _SIMPLE_ESCAPES[nxt], 2
    octal = _OCTAL.match(raw, i + 1)
    if octal:
        return chr(int(octal.group(), 8)), 1 + len(octal.group())
    if nxt in _HEX_LENGTH and not (is_bytes and nxt != "x"):
        digits = raw[i + 2:i + 2 + _HEX_LENGTH[nxt]]
        if len(digits) != _HEX_LENGTH[nxt] or not all(d in "0123456789abcdefABCDEF" for d in digits):
            return None, 0
        return chr(int(digits, 16)), 2 + len(digits)
    if nxt == "N" and not is_bytes and raw[i + 2:i + 3] == "{":
        close = raw.find("}", i + 3)
        try:
            return unicodedata.lookup(raw[i + 3:close]), close - i + 1
        except KeyError:
            return None, 0
    return "\\" + nxt, 2  # an unknown escape keeps its backslash


def encode(text: str, quoting: Quoting) -> str | None:
    """TEXT as it is written inside a literal quoted so; None when it cannot be (a raw string
    holding its own quote, a newline in a one-line literal written raw)."""
    single_line = len(quoting.quote) == 1
    if quoting.raw:
        if quoting.quote in text or text.endswith("\\") or (single_line and "\n" in text):
            return None
        out = text
    else:
        out = text.replace("\\", "\\\\").replace(quoting.quote[0], "\\" + quoting.quote[0])
        if single_line:
            out = out.replace("\n", "\\n").replace("\r", "\\r")
    if quoting.formatted:
        out = out.replace("{", "{{").replace("}", "}}")
    return out
