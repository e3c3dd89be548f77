"""Shell constructs bashlex cannot parse, rewritten into ones it can, with a map back to the text.

bashlex has no `[[ ]]`, `case`, arrays, `$(( ))`, `for (( ))`, `select`, `time` or quoted heredoc
delimiters. For a symbolic run these need not be opaque: a `[[ ]]` is a test (`[ ]`); a `case`
runs one of its branches (an `if`/`elif` chain whose every branch may run, like `if`); an array
assignment and `$(( ))` give a value the trace cannot know (a command substitution of `:`);
`for (( ))` and `select` loop an unknown number of times (`while :`); `time` only measures.

Bodies are copied unchanged; only the construct's own words are rewritten. `Lowered.original`
maps a position in the rewritten text back to the original, so every span and line number the
walk and the rewrite use is the original's: a rewritten word maps to where it was written, and a
word the rewrite adds (the `:` of an `if :;then`) to an empty span there.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from migrator.frontends.shell.scan import (
    after_space,
    after_word,
    branch_end,
    closing,
    find_word,
    line_end,
    matching_paren,
    pattern_end,
    runs_commands,
    skip_blank,
    word_at,
)

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_COMMAND_START = set("\n;&|(){}")
_KEYWORDS_BEFORE_COMMAND = {"then", "do", "else", "elif", "if", "while", "until", "!", "time"}
_SPACE = " \t"


@dataclass(frozen=True)
class Chunk:
    lowered_start: int
    lowered_end: int
    original_start: int
    original_end: int
    one_to_one: bool  # copied, or rewritten to the same length: positions map one to one


@dataclass(frozen=True)
class Lowered:
    text: str
    chunks: tuple[Chunk, ...]
    starts: tuple[int, ...]  # each chunk's lowered_start, for the bisection in `original`

    def original(self, position: int, end: bool = False) -> int:
        """The original position of POSITION; END: as the (exclusive) end of a span. Inside a
        rewritten piece of another length, a span is an empty one at the piece's start, unless it
        ends with the piece: then it ends where the replaced text ended."""
        probe = position - 1 if end and position > 0 else position
        chunk = self.chunks[max(0, bisect.bisect_right(self.starts, probe) - 1)]
        if chunk.one_to_one:
            return chunk.original_start + (position - chunk.lowered_start)
        if end and position >= chunk.lowered_end:
            return chunk.original_end
        return chunk.original_start


# Every construct lowered starts with one of these; a text without any is bashlex's as it is, and
# the character scan (the costly part of lowering) is skipped.
_MAY_NEED_LOWERING = re.compile(r"\[\[|\$\(\(|\bcase\b|\bselect\b|\btime\b|\bfor\b|=\(|<<")


def lower(text: str) -> Lowered:
    if not _MAY_NEED_LOWERING.search(text):
        return Lowered(text, (Chunk(0, len(text), 0, len(text), True),), (0,))
    builder = _Builder(text)
    builder.scan(0, len(text))
    builder.copy_to(len(text))
    chunks = tuple(builder.chunks) or (Chunk(0, 0, 0, 0, True),)
    return Lowered("".join(builder.out), chunks, tuple(c.lowered_start for c in chunks))


class _Builder:
    def __init__(self, text: str):
        self.text = text
        self.out: list[str] = []
        self.chunks: list[Chunk] = []
        self.length = 0
        self.mark = 0  # everything before it is emitted

    def copy_to(self, position: int) -> None:
        if position > self.mark:
            piece = self.text[self.mark:position]
            self._add(piece, Chunk(self.length, self.length + len(piece), self.mark, position, True))
            self.mark = position

    def replace(self, start: int, end: int, new: str) -> None:
        self.copy_to(start)
        self._add(new, Chunk(self.length, self.length + len(new), start, end, len(new) == end - start))
        self.mark = end

    def _add(self, piece: str, chunk: Chunk) -> None:
        self.chunks.append(chunk)
        self.out.append(piece)
        self.length += len(piece)

    # --- the scan ------------------------------------------------------------------------

    def scan(self, start: int, end: int) -> None:
        """Walk text[start:end], rewriting the constructs bashlex cannot parse."""
        text = self.text
        i = start
        while i < end:
            c = text[i]
            construct = self._construct_at(i, end) if c == "$" or self._command_position(i, start) else None
            if construct is None and (i == start or text[i - 1] in " \t\n;&|("):
                construct = self._array_at(i, end)
            if construct is not None:
                i = construct(i, end)
            elif c == "'":
                i = closing(text, "'", i + 1, end) + 1
            elif c == '"':
                i = self._double_quoted(i, end)
            elif c == "\\":
                i += 2
            elif c == "#" and (i == start or text[i - 1] in " \t\n;"):
                i = line_end(text, i, end)
            elif text.startswith("<<", i) and not text.startswith("<<<", i):
                i = self._heredoc(i, end)
            else:
                i += 1

    def _double_quoted(self, i: int, end: int) -> int:
        """Past "…", lowering a `$(( ))` inside it."""
        text = self.text
        j = i + 1
        while j < end and text[j] != '"':
            if text[j] == "\\":
                j += 2
            elif text.startswith("$((", j):
                j = self._arithmetic(j, end)
            else:
                j += 1
        return j + 1

    def _command_position(self, i: int, start: int) -> bool:
        """Does a command (or a keyword) start at I?"""
        text = self.text
        k = i - 1
        while k >= start and text[k] in _SPACE:
            k -= 1
        if k < start or text[k] in _COMMAND_START:
            return True
        word_start = k
        while word_start > start and not text[word_start - 1].isspace():
            word_start -= 1
        return text[word_start:k + 1] in _KEYWORDS_BEFORE_COMMAND

    def _construct_at(self, i: int, end: int):
        text = self.text
        if text.startswith("$((", i):
            return self._arithmetic
        if text.startswith("$", i):
            return None
        word = word_at(text, i, end)
        if word == "[[":
            return self._double_bracket
        if word == "case":
            return self._case
        if word in ("select", "time") or (word == "for" and after_space(text, i + 3, end).startswith("((")):
            return self._loop_keyword
        return None

    def _array_at(self, i: int, end: int):
        """`NAME=(` or `NAME+=(` starting a word: only an array assignment can be spelled so
        (bare, or after `declare -a`, `local` …)."""
        name = _NAME.match(self.text, i, end)
        if name and (self.text.startswith("=(", name.end()) or self.text.startswith("+=(", name.end())):
            return self._array
        return None

    # --- the constructs ------------------------------------------------------------------

    def _arithmetic(self, i: int, end: int) -> int:
        """`$(( … ))` -> `` `:` ``: a number the trace cannot know."""
        close = matching_paren(self.text, i + 2, end)
        stop = min(close + 2, end) if self.text.startswith("))", close) else min(close + 1, end)
        if runs_commands(self.text[i + 3:close]):
            return i + 3  # a command inside must be traced: left to bashlex (and opaque)
        self.replace(i, stop, "`:`")
        return stop

    def _array(self, i: int, end: int) -> int:
        """`name=(a b c)` -> ``name=`:` ``: a list the trace does not follow."""
        opening = self.text.index("(", i)
        close = matching_paren(self.text, opening, end)
        if runs_commands(self.text[opening + 1:close]):
            return opening + 1  # a command inside must be traced: left to bashlex (and opaque)
        self.replace(opening, min(close + 1, end), "`:`")
        return min(close + 1, end)

    def _double_bracket(self, i: int, end: int) -> int:
        """`[[ … ]]` -> `[ … ]`, its operators spelled as `[` reads them."""
        close = find_word(self.text, "]]", i + 2, end)
        if close >= end:
            return i + 2  # no `]]`: left as written, for bashlex to keep opaque
        self.replace(i, i + 2, "[ ")
        self.replace(i + 2, close, _as_single_bracket(self.text[i + 2:close]))
        self.replace(close, close + 2, " ]")
        return close + 2

    def _loop_keyword(self, i: int, end: int) -> int:
        """`time` is dropped; `select x in …` and `for (( … ))` loop like `while :`."""
        word = word_at(self.text, i, end)
        if word == "time":
            self.replace(i, i + 4, "    ")
            return i + 4
        if word == "select":
            self.replace(i, i + 6, "while :")
            return i + 6
        opening = self.text.index("((", i)
        close = matching_paren(self.text, opening + 1, end)
        stop = close + 2 if self.text.startswith("))", close) else close + 1
        self.replace(i, stop, "while :")
        return stop

    def _heredoc(self, i: int, end: int) -> int:
        """A heredoc's body is data: copied unscanned. A quoted delimiter, which bashlex cannot
        read, loses its quotes (the body is not traced either way)."""
        text = self.text
        match = re.compile(r"<<-?\s*(['\"]?)([A-Za-z_][A-Za-z0-9_]*)\1").match(text, i, end)
        if match is None:
            return i + 2
        if match.group(1):
            self.replace(match.start(1), match.end(), match.group(2) + "  ")
        body = line_end(text, match.end(), end) + 1
        strip_tabs = text.startswith("<<-", i)
        k = body
        while k < end:
            stop = line_end(text, k, end)
            line = text[k:stop]
            if (line.lstrip("\t") if strip_tabs else line) == match.group(2):
                return min(stop, end)
            k = stop + 1
        return end

    def _case(self, i: int, end: int) -> int:
        """`case w in p) a ;; q) b ;; esac` -> `if :;then a` `elif :;then b` `fi`: one branch runs,
        which one the trace cannot tell, so each is followed as if it may (as `if` branches are)."""
        text = self.text
        k = after_word(text, i + 4, end)  # past the word that is matched
        k = skip_blank(text, k, end)
        if word_at(text, k, end) != "in":
            return self._give_up(i, end)
        k += 2
        opener = "if :;then"
        while True:
            k = skip_blank(text, k, end, comments=True)
            if k >= end or word_at(text, k, end) == "esac":
                stop = min(k + 4, end)
                self.replace(i, stop, "if :;then :; fi" if opener == "if :;then" else "\nfi")
                return stop
            close = pattern_end(text, k, end)
            if close is None:
                return self._give_up(i, end)
            body_end, separator_end = branch_end(text, close + 1, end)
            self.replace(i, close + 1, opener + " ")
            if text[close + 1:body_end].strip():
                self.scan(close + 1, body_end)
            else:
                self.replace(close + 1, body_end, ":")
            i, k, opener = body_end, separator_end, "\nelif :;then"

    def _give_up(self, i: int, end: int) -> int:
        """Not a `case` this reader understands: leave it as written (bashlex will keep it opaque)."""
        return i + 4


def _as_single_bracket(body: str) -> str:
    """The inside of `[[ ]]` as `[ ]` reads it, the same length: `&&` -> `-a`, `||` -> `-o`,
    `=~` -> `=`, and unquoted `( ) < >` (grouping and string order) blanked; quoted text kept."""
    out, i = [], 0
    while i < len(body):
        c = body[i]
        if c in "'\"":
            j = closing(body, c, i + 1, len(body)) + 1
            out.append(body[i:j])
            i = j
        elif body.startswith(("&&", "||", "=~"), i):
            out.append({"&&": "-a", "||": "-o", "=~": "= "}[body[i:i + 2]])
            i += 2
        else:
            out.append(" " if c in "()<>" else c)
            i += 1
    return "".join(out)
