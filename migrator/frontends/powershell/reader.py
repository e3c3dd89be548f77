"""The character level of the PowerShell reader: blanks, comments and backtick continuations,
barewords, balanced brackets, variables and strings (single-quoted, expanding, here-strings)."""

from __future__ import annotations

from migrator.frontends.powershell.syntax import Expr, Lit, Statement, Str, Sub, Var


class PsSyntaxError(Exception):
    def __init__(self, offset: int, why: str):
        super().__init__(why)
        self.offset = offset
        self.why = why


class Reader:
    def __init__(self, text: str):
        self.text = text
        self.i = 0

    def statements(self, closing: str | None) -> list[Statement]:
        raise NotImplementedError  # the statement level (parse.py): `$( … )` in a string holds statements

    # --- characters ----------------------------------------------------------------------

    def peek(self, ahead: int = 0) -> str:
        k = self.i + ahead
        return self.text[k] if k < len(self.text) else ""

    def startswith(self, prefix: str) -> bool:
        return self.text.startswith(prefix, self.i)

    def fail(self, why: str) -> PsSyntaxError:
        return PsSyntaxError(min(self.i, max(len(self.text) - 1, 0)), why)

    def expect(self, char: str) -> None:
        self.skip_space(newlines=True)
        if self.peek() != char:
            raise self.fail(f"`{char}` expected")
        self.i += 1

    def skip_space(self, newlines: bool = False) -> None:
        while self.i < len(self.text):
            c = self.peek()
            if c in " \t\ufeff" or (newlines and c in "\r\n"):
                self.i += 1
            elif c == "`" and self.peek(1) in "\r\n" and self.peek(1):
                self.i += 2 if self.peek(1) == "\n" else (3 if self.peek(2) == "\n" else 2)
            elif self.startswith("<#"):
                end = self.text.find("#>", self.i + 2)
                if end < 0:
                    raise self.fail("a `<#` comment is never closed")
                self.i = end + 2
            elif c == "#":
                while self.i < len(self.text) and self.peek() not in "\r\n":
                    self.i += 1
            else:
                return

    def bareword(self) -> str:
        k = self.i
        while k < len(self.text) and (self.text[k].isalnum() or self.text[k] in "_-"):
            k += 1
        return self.text[self.i:k].lower()

    def variable(self) -> Expr:
        start = self.i
        self.i += 1
        if self.peek() == "{":
            end = self.text.find("}", self.i)
            if end < 0:
                raise self.fail("`${` is never closed")
            name = self.text[self.i + 1:end]
            self.i = end + 1
            return Var(name.lower(), start, self.i)
        if (self.peek() in "?$^_" and not (self.peek(1).isalnum() or self.peek(1) == "_")) or self.peek() == "?":
            self.i += 1
            return Var(self.text[start + 1:self.i], start, self.i)
        k = self.i
        while k < len(self.text) and (self.text[k].isalnum() or self.text[k] == "_" or (
                self.text[k] == ":" and k + 1 < len(self.text) and self.text[k + 1].isalnum() and ":" not in
                self.text[self.i:k])):
            k += 1
        if k == self.i:
            return Lit("$", start, self.i)  # a lone `$` is a plain character
        self.i = k
        return Var(self.text[start + 1:k].lower(), start, k)


    # --- strings -------------------------------------------------------------------------

    def string(self) -> Expr:
        start = self.i
        if self.peek() == "@":
            quote = self.peek(1)
            end = self.text.find("\n" + quote + "@", self.i)
            if end < 0:
                raise self.fail("a here-string is never closed")
            body_start = self.text.find("\n", self.i) + 1
            body_end = end - 1 if self.text[end - 1:end] == "\r" else end
            self.i = end + 3
            if quote == "'":
                return Lit(self.text[body_start:body_end], start, self.i)
            return Str(self.expanding(body_start, body_end, here=True), start, self.i)
        quote = self.peek()
        self.i += 1
        if quote == "'":
            out = []
            while True:
                if not self.peek():
                    raise self.fail("a quoted string is never closed")
                if self.peek() in "'\u2018\u2019":
                    if self.peek(1) == "'":
                        out.append("'")
                        self.i += 2
                        continue
                    self.i += 1
                    return Lit("".join(out), start, self.i)
                out.append(self.peek())
                self.i += 1
        pieces = self.expanding(self.i, None, here=False)
        return Str(pieces, start, self.i)

    def expanding(self, start: int, end: int | None, here: bool) -> list[Expr]:
        """The pieces of a double-quoted string from START (up to its closing quote, or END)."""
        self.i = start
        pieces: list[Expr] = []
        literal: list[str] = []
        piece_start = self.i
        escapes = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "a": "\a", "b": "\b", "e": "\x1b", "f": "\f",
                   "v": "\v"}
        while True:
            c = self.peek()
            if end is not None and self.i >= end:
                break
            if not c:
                raise self.fail("a quoted string is never closed")
            if c == '"' and not here:
                if self.peek(1) == '"':
                    literal.append('"')
                    self.i += 2
                    continue
                self.i += 1
                break
            if c == "`":
                literal.append(escapes.get(self.peek(1), self.peek(1)))
                self.i += 2
                continue
            if c == "$" and (self.peek(1) in "({_?" or self.peek(1).isalnum()):
                if literal:
                    pieces.append(Lit("".join(literal), piece_start, self.i))
                    literal = []
                if self.peek(1) == "(":
                    sub_start = self.i
                    self.i += 2
                    pieces.append(Sub(self.statements(")"), sub_start, self.i + 1))
                    self.i += 1
                else:
                    pieces.append(self.variable())
                piece_start = self.i
                continue
            literal.append(c)
            self.i += 1
        if literal:
            pieces.append(Lit("".join(literal), piece_start, self.i))
        return pieces

    def balanced(self, opening: str, closing: str) -> None:
        depth = 0
        while self.peek():
            c = self.peek()
            if c in "'\"":
                self.string()
                continue
            self.i += 1
            if c == opening:
                depth += 1
            elif c == closing:
                depth -= 1
                if depth == 0:
                    return
        raise self.fail(f"`{opening}` is never closed")
