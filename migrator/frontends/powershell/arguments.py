"""Argument mode of the PowerShell reader: a command's name, `-Parameter` (and `-Name:value`),
arguments glued from barewords, strings, variables and `$( … )`, and redirections."""

from __future__ import annotations

from migrator.frontends.powershell.expressions import ExpressionReader
from migrator.frontends.powershell.syntax import Argument, Command, Expr, Lit, Redirection, Str

_ARG_END = " \t\r\n;|)}&,"


class ArgumentReader(ExpressionReader):
    # --- commands (argument mode) --------------------------------------------------------

    def command(self, call: str | None) -> Command:
        self.skip_space()
        start = self.i if call is None else self.i - 1
        elements: list[Argument] = []
        redirects: list[Redirection] = []
        while True:
            self.skip_space()
            c = self.peek()
            if not c or c in "\r\n;)}|" or self.startswith("&&") or self.startswith("||"):
                break
            if c == "&":
                raise self.fail("`&` at the end of a command (a background job)")
            if c == ",":
                self.i += 1
                continue
            if c == ">" or (c in "123456*" and self.peek(1) == ">"):
                redirects.append(self.redirection())
                continue
            elements.append(self.argument(bool(elements) or call is not None))
        if not elements:
            raise self.fail("a command name expected")
        return Command(call, elements, redirects, start, self.i)

    def redirection(self) -> Redirection:
        start = self.i
        while self.peek() in "123456*":
            self.i += 1
        self.i += 1
        if self.peek() == ">":
            self.i += 1
        if self.peek() == "&":
            self.i += 2
            return Redirection(self.text[start:self.i], None)
        operator = self.text[start:self.i]
        self.skip_space()
        return Redirection(operator, self.argument_value())

    def argument(self, may_be_parameter: bool) -> Argument:
        start = self.i
        if may_be_parameter and self.peek() == "-" and (self.peek(1).isalpha() or self.peek(1) == "_"):
            self.i += 1
            k = self.i
            while k < len(self.text) and (self.text[k].isalnum() or self.text[k] in "_-"):
                k += 1
            name = self.text[self.i:k].lower()
            self.i = k
            if self.peek() == ":":
                self.i += 1
                return Argument(self.argument_value(), start, self.i, name, True)
            if not self.peek() or self.peek() in _ARG_END:
                return Argument(Lit(self.text[start:self.i], start, self.i), start, self.i, name)
            self.i = start
        value = self.argument_value()
        return Argument(value, start, self.i)

    def argument_value(self) -> Expr:
        start = self.i
        pieces: list[Expr] = []
        literal: list[str] = []
        literal_start = self.i

        def flush() -> None:
            if literal:
                pieces.append(Lit("".join(literal), literal_start, self.i))
                literal.clear()
        while self.peek() and self.peek() not in _ARG_END:
            c = self.peek()
            if c == "`":
                if self.peek(1) in "\r\n":
                    break
                literal.append(self.peek(1))
                self.i += 2
                continue
            value_here = c in "'\"$" or (c in "@(" and not pieces and not literal) or (c == "@" and self.peek(1) == "(")
            if value_here:
                flush()
                pieces.append(self.primary())
                literal_start = self.i
                continue
            literal.append(c)
            self.i += 1
        flush()
        if not pieces:
            raise self.fail("an argument expected")
        return pieces[0] if len(pieces) == 1 else Str(pieces, start, self.i)
