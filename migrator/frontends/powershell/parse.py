"""PowerShell text -> a syntax tree (syntax.py), read as PowerShell reads it.

A statement that starts with a name is a command in argument mode (barewords, `-Parameter`,
quoted and expanding strings, `$var` and `$( … )` glued into one argument); one that starts with
a value is an expression. Keywords (if, foreach, try, function, param, exit …) have their own
forms. A backtick escapes the next character and, before a line end, continues the line; `#` and
`<# … #>` are comments. What the reader does not know raises PsSyntaxError with its offset: the
front end refuses there, and the rewrite uses the same reader to check what it wrote.
"""

from __future__ import annotations

from migrator.frontends.powershell.syntax import (
    Argument,
    Array,
    Assign,
    Binary,
    Block,
    Chain,
    Command,
    Expr,
    Flow,
    Function,
    If,
    Lit,
    Loop,
    Other,
    Param,
    Pipeline,
    PsScript,
    Redirection,
    Statement,
    Str,
    Sub,
    Try,
    Unary,
    Var,
)

MAX_SCRIPT_BYTES = 1 << 20
_ARG_END = " \t\r\n;|)}&,"
_OPERATORS = {"eq", "ne", "gt", "ge", "lt", "le", "like", "notlike", "match", "notmatch", "contains",
              "notcontains", "in", "notin", "and", "or", "xor", "f", "join", "split", "replace", "is", "isnot",
              "as", "band", "bor"}
_CASE_VARIANTS = ("i", "c")
_LOOPS = {"foreach", "for", "while", "switch"}
_FLOWS = {"exit", "throw", "return", "break", "continue"}


class PsSyntaxError(Exception):
    def __init__(self, offset: int, why: str):
        super().__init__(why)
        self.offset = offset
        self.why = why


def parse_powershell(path: str, text: str) -> PsScript:
    """Raises PsSyntaxError."""
    script = PsScript(path, text, [], [0] + [i + 1 for i, c in enumerate(text) if c == "\n"])
    parser = _Parser(text)
    script.statements = parser.statements(None)
    return script


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.i = 0

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
                (c == "-" and self.bareword()[1:] in _OPERATORS | {"not"}):
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
            if c in "'\"" or c == "$" or (c in "@(" and not pieces and not literal) or (c == "@" and self.peek(1) == "("):
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

    # --- expressions ---------------------------------------------------------------------

    def expression(self) -> Expr:
        start = self.i
        left = self.unary()
        items = [left]
        while True:
            self.skip_space()
            c = self.peek()
            if c == ",":
                self.i += 1
                self.skip_space(newlines=True)
                items.append(self.unary())
                continue
            operator = self.binary_operator()
            if operator is None:
                break
            self.skip_space(newlines=True)
            right = self.unary()
            left = items[-1] = Binary(operator, items[-1], right, start, self.i)
        return items[0] if len(items) == 1 else Array(items, start, self.i)

    def binary_operator(self) -> str | None:
        c = self.peek()
        if c in "+*/%" and self.peek(1) != "=":
            self.i += 1
            return c
        if self.startswith(".."):
            self.i += 2
            return ".."
        if c == "-":
            word = self.bareword()[1:]
            base = word[1:] if word[:1] in _CASE_VARIANTS and word[1:] in _OPERATORS else word
            if base in _OPERATORS:
                self.i += 1 + len(word)
                return "-" + base
            if not word and self.peek(1) != "=":
                self.i += 1
                return "-"
        return None

    def unary(self) -> Expr:
        self.skip_space()
        start = self.i
        if self.bareword() == "-not":
            self.i += 4
            return Unary("-not", self.unary(), start, self.i)
        if self.peek() in "!-" and self.peek(1) != "-":
            operator = self.peek()
            self.i += 1
            return Unary(operator, self.unary(), start, self.i)
        return self.primary()

    def primary(self) -> Expr:
        start = self.i
        c = self.peek()
        if c in "'\"" or (c == "@" and self.peek(1) in "'\""):
            value = self.string()
        elif c == "$" and self.peek(1) == "(":
            self.i += 2
            value = Sub(self.statements(")"), start, self.i + 1)
            self.i += 1
        elif c == "@" and self.peek(1) == "(":
            self.i += 2
            value = Sub(self.statements(")"), start, self.i + 1)
            self.i += 1
        elif c == "@" and self.peek(1) == "{":
            self.i += 1
            self.balanced("{", "}")
            value = Other(start, self.i)
        elif c == "$":
            value = self.variable()
        elif c == "(":
            self.i += 1
            self.skip_space(newlines=True)
            inner = self.assignment_or_chain()
            self.expect(")")
            value = Sub([inner], start, self.i)
        elif c == "[":
            self.balanced("[", "]")
            value = self.after_type(start)
        elif c.isdigit():
            while self.peek().isalnum() or self.peek() == ".":
                self.i += 1
            value = Lit(self.text[start:self.i], start, self.i)
        else:
            raise self.fail("a value expected")
        return self.members(value, start)

    def after_type(self, start: int) -> Expr:
        if self.startswith("::"):
            self.i += 2
            self.i += len(self.bareword())
            return Other(start, self.i)
        if self.peek() and self.peek() in "$('\"[":
            self.primary()
        return Other(start, self.i)

    def members(self, value: Expr, start: int) -> Expr:
        """`.Name`, `.Method(…)`, `[index]` after a value: not evaluated."""
        touched = False
        while True:
            if self.peek() == "." and (self.peek(1).isalpha() or self.peek(1) == "_"):
                self.i += 1
                while self.peek().isalnum() or self.peek() == "_":
                    self.i += 1
                touched = True
            elif self.peek() == "[" and touched or (self.peek() == "[" and isinstance(value, Var)):
                self.balanced("[", "]")
                touched = True
            elif self.peek() == "(" and touched:
                self.balanced("(", ")")
            else:
                break
        return Other(start, self.i) if touched else value

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
        if self.peek() in "?$^_" and not (self.peek(1).isalnum() or self.peek(1) == "_") or self.peek() == "?":
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
