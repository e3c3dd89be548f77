"""A batch file's text -> statements, as cmd.exe reads them.

cmd drops every carriage return, joins a line that ends in `^` to the next, and reads `^x` as a
plain x outside double quotes; what is left is cut into commands at `&`, `&&`, `||`, `|` and line
ends, and `( … )` blocks (which may span lines) make one statement. `if` takes the rest of its line
(or a block, then `else`); `rem` and `::` lines are comments, `:name` a label. Percent references
(`%X%`) stay in the words: the walk expands them when a statement is read, as cmd does. Every
node keeps its span in the original text, so the rewrite can cut it out.
"""

from __future__ import annotations

from migrator.findings import refuse
from migrator.frontends.cmd.for_capture import for_capture
from migrator.frontends.cmd.syntax import (
    BatchScript,
    Block,
    Chain,
    Char,
    CmdWord,
    If,
    Label,
    Node,
    Opaque,
    Redirection,
    Simple,
)
from migrator.source import Loc

MAX_SCRIPT_BYTES = 1 << 20
_SPACE = " \t"
_OPERATORS = "&|"
_COMPARISONS = {"equ", "neq", "lss", "leq", "gtr", "geq"}


def parse_batch(path: str, text: str) -> BatchScript:
    if len(text) > MAX_SCRIPT_BYTES:
        raise refuse("MIG151", Loc(path, 1), path=path, size=len(text), limit=MAX_SCRIPT_BYTES)
    script = BatchScript(path, text, [], [0] + [i + 1 for i, c in enumerate(text) if c == "\n"])
    parser = _Parser(script, _logical_chars(text))
    script.statements = parser.statements()
    return script


def _logical_chars(text: str) -> list[Char]:
    """The text as cmd's parser sees it: no CR, `^` continuations joined, `^x` escaped."""
    out: list[Char] = []
    quoted = False
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "\r":
            i += 1
            continue
        if c == "\n":
            quoted = False
            out.append(Char(c, i, False, False))
            i += 1
            continue
        if c == "^" and not quoted:
            j = i + 1
            while j < n and text[j] == "\r":
                j += 1
            if j < n and text[j] == "\n":  # continuation: the next line's first character is plain
                j += 1
                while j < n and text[j] == "\r":
                    j += 1
            if j < n:
                out.append(Char(text[j], j, quoted, True))
            i = j + 1
            continue
        if c == '"':
            quoted = not quoted
            out.append(Char(c, i, True, False))
            i += 1
            continue
        out.append(Char(c, i, quoted, False))
        i += 1
    return out


class _Parser:
    def __init__(self, script: BatchScript, chars: list[Char]):
        self.script = script
        self.chars = chars
        self.i = 0

    def sub_parser(self, chars: list[Char]) -> _Parser:
        """A parser of CHARS, a piece of this file (the command a `for /f` runs)."""
        return _Parser(self.script, chars)

    # --- characters ----------------------------------------------------------------------

    def peek(self, ahead: int = 0) -> Char | None:
        k = self.i + ahead
        return self.chars[k] if k < len(self.chars) else None

    def special(self, char: Char | None, chars: str) -> bool:
        return char is not None and not char.quoted and not char.escaped and char.text in chars

    def offset(self) -> int:
        """Where the next character sits in the text (its end when none is left)."""
        char = self.peek()
        return char.offset if char is not None else len(self.script.text)

    def skip_space(self) -> None:
        while self.special(self.peek(), _SPACE):
            self.i += 1

    def at_end_of_line(self) -> bool:
        char = self.peek()
        return char is None or (char.text == "\n" and not char.escaped)

    def fail(self, why: str) -> None:
        char = self.peek() or (self.chars[-1] if self.chars else None)
        offset = char.offset if char else 0
        raise refuse("MIG193", self.script.loc(offset), text=self.line_text(offset).strip(), why=why)

    def line_text(self, offset: int) -> str:
        start = self.script.text.rfind("\n", 0, offset) + 1
        end = self.script.text.find("\n", offset)
        return self.script.text[start:end if end >= 0 else None]

    # --- statements ----------------------------------------------------------------------

    def statements(self) -> list[Node]:
        out: list[Node] = []
        while self.peek() is not None:
            self.skip_blank()
            if self.peek() is None:
                break
            out.append(self.line())
        return out

    def skip_blank(self) -> None:
        while self.special(self.peek(), _SPACE + "\n") or self.special(self.peek(), ";,="):
            self.i += 1

    def skip_line(self) -> int:
        """Move past the rest of the line; the offset where it ends."""
        end = self.offset()
        while not self.at_end_of_line():
            end = self.chars[self.i].offset + 1
            self.i += 1
        return end

    def line(self) -> Node:
        first = self.peek()
        assert first is not None
        if self.special(first, ":"):
            start = first.offset
            end = self.skip_line()
            name = self.script.text[start + 1:end].strip().split(" ")[0].lower()
            return Label(name if not name.startswith(":") else "", start, end)
        return self.chain(depth=0)

    def chain(self, depth: int) -> Node:
        parts = [self.pipeline(depth)]
        operators: list[str] = []
        while True:
            self.skip_space()
            char = self.peek()
            if not self.special(char, "&"):
                break
            self.i += 1
            operator = "&"
            if self.special(self.peek(), "&"):
                self.i += 1
                operator = "&&"
            operators.append(operator)
            parts.append(self.pipeline(depth))
        return parts[0] if not operators else Chain(parts, operators, _start(parts[0]), _end(parts[-1]))

    def pipeline(self, depth: int) -> Node:
        parts = [self.command(depth)]
        operators: list[str] = []
        while True:
            self.skip_space()
            if not self.special(self.peek(), "|"):
                break
            self.i += 1
            operator = "|"
            if self.special(self.peek(), "|"):
                self.i += 1
                operator = "||"
            operators.append(operator)
            parts.append(self.command(depth))
        return parts[0] if not operators else Chain(parts, operators, _start(parts[0]), _end(parts[-1]))

    def command(self, depth: int) -> Node:
        self.skip_space()
        while self.special(self.peek(), "@"):
            self.i += 1
            self.skip_space()
        char = self.peek()
        if char is None or self.at_end_of_line() or self.special(char, "&|") or (depth and self.special(char, ")")):
            self.fail("a command is missing")
        assert char is not None
        if self.special(char, "("):
            return self.block(depth)
        word = self.peek_word()
        if word in ("rem", "rem.") or self.script.text.startswith("::", char.offset):
            return Opaque("rem", char.offset, self.skip_line())
        if word == "if":
            return self.if_command(depth)
        if word == "for":
            return for_capture(self, self.i) or Opaque("for", char.offset, self.rest_of_statement(depth))
        return self.simple(depth)

    def peek_word(self) -> str:
        """The next word, lower-cased, without taking it (blanks before it are taken)."""
        self.skip_space()
        k, out = self.i, []
        while k < len(self.chars) and not self.special(self.chars[k], _SPACE + "\n&|()<>"):
            out.append(self.chars[k].text)
            k += 1
        return "".join(out).lower()

    def rest_of_statement(self, depth: int) -> int:
        """Skip a construct up to its line's end, through any blocks it opens; its end offset."""
        level, end = 0, self.offset()
        while self.peek() is not None:
            char = self.peek()
            assert char is not None
            if self.at_end_of_line() and level == 0:
                break
            if self.special(char, "("):
                level += 1
            elif self.special(char, ")"):
                if level == 0 and depth:
                    break
                level -= 1
            end = char.offset + 1
            self.i += 1
        return end

    def block(self, depth: int) -> Block:
        opening = self.peek()
        assert opening is not None
        self.i += 1
        body: list[Node] = []
        while True:
            self.skip_blank()
            char = self.peek()
            if char is None:
                self.i -= 1
                self.fail("a `(` block is never closed")
            assert char is not None
            if self.special(char, ")"):
                self.i += 1
                return Block(body, opening.offset, char.offset + 1)
            if self.special(char, ":"):
                body.append(Opaque("rem", char.offset, self.skip_line()))
                continue
            body.append(self.chain(depth + 1))

    def if_command(self, depth: int) -> If:
        start = self.peek().offset  # type: ignore[union-attr]
        self.word()  # `if`
        negated, ignore_case = False, False
        if self.peek_word() == "/i":
            ignore_case = bool(self.word())
        if self.peek_word() == "not":
            negated = bool(self.word())
        if self.peek_word() in ("exist", "defined", "errorlevel", "cmdextversion"):
            test = self.word_lower()
            operands = [self.word("(")]
        else:
            test, operands = self.comparison()
        condition_end = operands[-1].end if operands else start
        self.skip_space()
        if self.special(self.peek(), "("):
            then: Node = self.block(depth)
            otherwise = None
            save = self.i
            self.skip_space()
            if self.peek_word() == "else":
                self.word()
                self.skip_space()
                otherwise = self.command(depth) if self.special(self.peek(), "(") else self.chain(depth)
            else:
                self.i = save
            return If(negated, test, operands, then, otherwise, start, _end(otherwise or then), condition_end,
                      ignore_case)
        then = self.chain(depth)
        return If(negated, test, operands, then, None, start, _end(then), condition_end, ignore_case)

    def comparison(self) -> tuple[str, list[CmdWord]]:
        """`a==b`, `a == b`, `a EQU b` …: the operator and the two sides."""
        first = self.word("(")
        at = _unquoted_index(first, "==")
        if at is not None and at > 0:
            left = CmdWord(first.chars[:at])
            right = CmdWord(first.chars[at + 2:]) if at + 2 < len(first.chars) else self.word("(")
            return "==", [left, right]
        second = self.word("(")
        if second.raw == "==":
            return "==", [first, self.word("(")]
        if second.raw.startswith("=="):
            return "==", [first, CmdWord(second.chars[2:])]
        if second.raw.lower() in _COMPARISONS:
            return second.raw.lower(), [first, self.word("(")]
        self.fail(f"`if {first.raw} {second.raw}` is not a test cmd knows")
        return "", []

    def word_lower(self) -> str:
        return self.word().raw.lower()

    def word(self, stops: str = "()") -> CmdWord:
        """The next word; STOPS: the brackets that end it here (a block's `)`, an `if`'s `(`)."""
        self.skip_space()
        chars: list[Char] = []
        while self.peek() is not None and not self.special(self.peek(), _SPACE + "\n&|<>" + stops) and \
                not self.at_end_of_line():
            chars.append(self.chars[self.i])
            self.i += 1
        if not chars:
            self.fail("a word is missing")
        return CmdWord(tuple(chars))

    def simple(self, depth: int) -> Simple:
        words: list[CmdWord] = []
        redirects: list[Redirection] = []
        tail: list[Char] = []
        start = self.peek().offset  # type: ignore[union-attr]
        end = start
        while True:
            char = self.peek()
            if char is None or self.at_end_of_line() or self.special(char, _OPERATORS) or (
                    depth and self.special(char, ")")):
                break
            if self.special(char, _SPACE):
                if words:
                    tail.append(char)
                self.i += 1
                continue
            redirect = self.redirection(bool(words))
            if redirect is not None:
                redirects.append(redirect)
                end = redirect.target.end if redirect.target else self.chars[self.i - 1].offset + 1
                continue
            word = self.word(")" if depth else "")
            if words:
                tail.extend(word.chars)
            words.append(word)
            end = word.end
        if tail and tail[0].text in _SPACE:  # the one delimiter after the command name
            tail = tail[1:]
        return Simple(words, tuple(tail), redirects, start, end)

    def redirection(self, after_name: bool) -> Redirection | None:
        char = self.peek()
        nxt = self.peek(1)
        handle = ""
        if char is not None and char.text.isdigit() and self.special(nxt, "<>"):
            handle = char.text
            self.i += 1
            char = nxt
        if not self.special(char, "<>"):
            if handle:
                self.i -= 1
            return None
        assert char is not None
        operator = handle + char.text
        self.i += 1
        if char.text == ">" and self.special(self.peek(), ">"):
            operator += ">"
            self.i += 1
        if self.special(self.peek(), "&"):
            self.i += 1
            operator += "&" + self.word().raw
            return Redirection(operator, None)
        return Redirection(operator, self.word())


def _unquoted_index(word: CmdWord, needle: str) -> int | None:
    for k in range(len(word.chars) - len(needle) + 1):
        if all(not word.chars[k + j].quoted and word.chars[k + j].text == needle[j] for j in range(len(needle))):
            return k
    return None


def _start(node: Node) -> int:
    return node.start


def _end(node: Node) -> int:
    return node.end
