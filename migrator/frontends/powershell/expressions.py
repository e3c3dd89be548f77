"""The expression level of the PowerShell reader: operators, unary forms, values (strings,
variables, `$( … )`, `( … )`, type literals, numbers) and the members after them."""

from __future__ import annotations

from migrator.frontends.powershell.reader import Reader
from migrator.frontends.powershell.syntax import Array, Binary, Expr, Lit, Other, Statement, Sub, Unary, Var

OPERATORS = {"eq", "ne", "gt", "ge", "lt", "le", "like", "notlike", "match", "notmatch", "contains",
             "notcontains", "in", "notin", "and", "or", "xor", "f", "join", "split", "replace", "is", "isnot",
             "as", "band", "bor"}
_CASE_VARIANTS = ("i", "c")


class ExpressionReader(Reader):
    def assignment_or_chain(self) -> Statement:
        raise NotImplementedError  # the statement level (parse.py): `( … )` holds a statement

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
            base = word[1:] if word[:1] in _CASE_VARIANTS and word[1:] in OPERATORS else word
            if base in OPERATORS:
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
        elif (c == "$" and self.peek(1) == "(") or (c == "@" and self.peek(1) == "("):
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
            elif (self.peek() == "[" and touched) or (self.peek() == "[" and isinstance(value, Var)):
                self.balanced("[", "]")
                touched = True
            elif self.peek() == "(" and touched:
                self.balanced("(", ")")
            else:
                break
        return Other(start, self.i) if touched else value
