"""PowerShell text -> a syntax tree (syntax.py), read as PowerShell reads it.

A statement that starts with a name is a command in argument mode (barewords, `-Parameter`,
quoted and expanding strings, `$var` and `$( … )` glued into one argument); one that starts with
a value is an expression. Keywords (if, foreach, try, function, param, exit …) have their own
forms. A backtick escapes the next character and, before a line end, continues the line; `#` and
`<# … #>` are comments. What the reader does not know raises PsSyntaxError with its offset: the
front end refuses there, and the rewrite uses the same reader to check what it wrote.
"""

from __future__ import annotations

from migrator.frontends.powershell.arguments import ArgumentReader
from migrator.frontends.powershell.expressions import OPERATORS
from migrator.frontends.powershell.syntax import (
    Assign,
    Block,
    Chain,
    Command,
    Expr,
    Flow,
    Function,
    If,
    Loop,
    Param,
    Pipeline,
    PsScript,
    Statement,
    Try,
    Var,
)

MAX_SCRIPT_BYTES = 1 << 20
_LOOPS = {"foreach", "for", "while", "switch"}
_FLOWS = {"exit", "throw", "return", "break", "continue"}


def parse_powershell(path: str, text: str) -> PsScript:
    """Raises PsSyntaxError."""
    script = PsScript(path, text, [], [0] + [i + 1 for i, c in enumerate(text) if c == "\n"])
    parser = _Parser(text)
    script.statements = parser.statements(None)
    return script


class _Parser(ArgumentReader):
    # --- statements ----------------------------------------------------------------------

    def statements(self, closing: str | None) -> list[Statement]:
        out: list[Statement] = []
        while True:
            self.skip_space(newlines=True)
            while self.peek() == ";":
                self.i += 1
                self.skip_space(newlines=True)
            if not self.peek():
                if closing is not None:
                    raise self.fail(f"`{closing}` expected before the end of the file")
                return out
            if closing is not None and self.peek() == closing:
                return out
            out.append(self.statement())
            self.skip_space()
            if self.peek() and self.peek() not in "\r\n;" and self.peek() != closing:
                raise self.fail(f"unexpected `{self.peek()}`")

    def block(self) -> Block:
        self.skip_space(newlines=True)
        start = self.i
        self.expect("{")
        body = self.statements("}")
        self.i += 1
        return Block(body, start, self.i)

    def statement(self) -> Statement:
        start = self.i
        word = self.bareword()
        after = self.text[self.i + len(word):self.i + len(word) + 1]
        if word and (not after or after in " \t\r\n({;"):
            if word == "if":
                return self.if_statement(start)
            if word in _LOOPS:
                return self.loop(start, word)
            if word == "do":
                return self.do_loop(start)
            if word == "try":
                return self.try_statement(start)
            if word in ("function", "filter"):
                return self.function(start)
            if word == "param":
                self.i += len(word)
                return Param(self.parameters(), start, self.i)
            if word in _FLOWS:
                self.i += len(word)
                self.skip_space()
                value = None if not self.peek() or self.peek() in "\r\n;})" else self.pipeline()
                return Flow(word, value, start, self.i)
        if self.peek() == "[" and self.attribute_then_param():
            return self.statement()
        return self.assignment_or_chain()

    def attribute_then_param(self) -> bool:
        """`[CmdletBinding()]` before `param( … )`: skipped."""
        save = self.i
        self.balanced("[", "]")
        self.skip_space(newlines=True)
        if self.bareword() in ("param", "") and self.peek() in "p[":
            return True
        self.i = save
        return False

    def assignment_or_chain(self) -> Statement:
        start = self.i
        if self.peek() == "$":
            target = self.primary()
            self.skip_space()
            operator = next((o for o in ("=", "+=", "-=", "*=", "/=") if self.startswith(o)), None)
            if isinstance(target, Var) and operator is not None and not self.startswith("=="):
                self.i += len(operator)
                self.skip_space()
                value = self.statement()
                return Assign(target, operator, value, start, self.i)
            self.i = start
        return self.chain()

    def chain(self) -> Pipeline | Chain:
        start = self.i
        parts = [self.pipeline()]
        operators = []
        while True:
            self.skip_space()
            operator = next((o for o in ("&&", "||") if self.startswith(o)), None)
            if operator is None:
                break
            self.i += 2
            self.skip_space(newlines=True)
            operators.append(operator)
            parts.append(self.pipeline())
        return parts[0] if not operators else Chain(parts, operators, start, self.i)

    def pipeline(self) -> Pipeline:
        self.skip_space()
        start = self.i
        parts: list[Command | Expr] = [self.element()]
        while True:
            self.skip_space()
            if self.peek() != "|" or self.peek(1) == "|":
                break
            self.i += 1
            self.skip_space(newlines=True)
            parts.append(self.element())
        return Pipeline(parts, start, self.i)

    def element(self) -> Command | Expr:
        c = self.peek()
        if c == "&" and self.peek(1) != "&":
            self.i += 1
            return self.command("&")
        if c == "." and self.peek(1) in " \t":
            self.i += 1
            return self.command(".")
        if not c or c in "$'\"(@[!0123456789" or (c == "-" and not self.peek(1).isalpha()) or \
                (c == "-" and self.bareword()[1:] in OPERATORS | {"not"}):
            return self.expression()
        return self.command(None)

    # --- keyword statements --------------------------------------------------------------

    def condition(self) -> Pipeline:
        self.expect("(")
        self.skip_space(newlines=True)
        value = self.pipeline()
        self.expect(")")
        return value

    def if_statement(self, start: int) -> If:
        self.i += 2
        clauses = [(self.condition(), self.block())]
        otherwise = None
        while True:
            save = self.i
            self.skip_space(newlines=True)
            word = self.bareword()
            if word == "elseif":
                self.i += len(word)
                clauses.append((self.condition(), self.block()))
            elif word == "else":
                self.i += len(word)
                otherwise = self.block()
                break
            else:
                self.i = save
                break
        return If(clauses, otherwise, start, self.i)

    def loop(self, start: int, word: str) -> Loop:
        self.i += len(word)
        self.skip_space()
        while self.peek() == "-":  # switch -regex …
            self.i += 1
            self.i += len(self.bareword())
            self.skip_space()
        variable, items = None, None
        if word == "foreach":
            self.expect("(")
            self.skip_space()
            target = self.primary()
            self.skip_space()
            if not isinstance(target, Var) or self.bareword() != "in":
                raise self.fail("`foreach ($x in …)` expected")
            self.i += 2
            self.skip_space()
            variable, items = target.name, self.pipeline()
            self.expect(")")
        else:
            self.skip_space()
            self.balanced("(", ")")
        body = self.block()
        return Loop(word, variable, items, body, start, self.i)

    def do_loop(self, start: int) -> Loop:
        self.i += 2
        body = self.block()
        self.skip_space(newlines=True)
        word = self.bareword()
        if word not in ("while", "until"):
            raise self.fail("`do { … }` needs while or until")
        self.i += len(word)
        self.skip_space()
        self.balanced("(", ")")
        return Loop("do", None, None, body, start, self.i)

    def try_statement(self, start: int) -> Try:
        self.i += 3
        body = self.block()
        handlers, final = [], None
        while True:
            save = self.i
            self.skip_space(newlines=True)
            word = self.bareword()
            if word == "catch":
                self.i += len(word)
                self.skip_space()
                while self.peek() == "[":
                    self.balanced("[", "]")
                    self.skip_space()
                    if self.peek() == ",":
                        self.i += 1
                        self.skip_space()
                handlers.append(self.block())
            elif word == "finally":
                self.i += len(word)
                final = self.block()
            else:
                self.i = save
                break
        return Try(body, handlers, final, start, self.i)

    def function(self, start: int) -> Function:
        self.i += len(self.bareword())
        self.skip_space()
        k = self.i
        while k < len(self.text) and self.text[k] not in " \t\r\n({":
            k += 1
        name = self.text[self.i:k].lower()
        self.i = k
        self.skip_space()
        parameters = self.parameters() if self.peek() == "(" else []
        body = self.block()
        inner = next((s for s in body.statements if isinstance(s, Param)), None)
        if inner is not None:
            parameters = inner.parameters
        return Function(name, parameters, body, start, self.i)

    def parameters(self) -> list[tuple[str, Expr | None]]:
        """`( [type]$a = default, $b )`."""
        self.expect("(")
        out: list[tuple[str, Expr | None]] = []
        while True:
            self.skip_space(newlines=True)
            while self.peek() == "[":
                self.balanced("[", "]")
                self.skip_space(newlines=True)
            if self.peek() == ")":
                self.i += 1
                return out
            target = self.primary()
            if not isinstance(target, Var):
                raise self.fail("a parameter name expected")
            self.skip_space(newlines=True)
            default = None
            if self.peek() == "=":
                self.i += 1
                self.skip_space()
                default = self.expression()
                self.skip_space(newlines=True)
            out.append((target.name, default))
            if self.peek() == ",":
                self.i += 1
