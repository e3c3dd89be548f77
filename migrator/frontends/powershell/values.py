"""What a PowerShell expression is worth to the trace: variables through the scopes (and `$env:`
through the process), PowerShell's automatic variables, strings, `+`, and `$( … )` run captured.
Anything else is an unknown value."""

from __future__ import annotations

import re

from migrator.frontends.powershell import syntax as ps
from migrator.frontends.windows import script_dir
from migrator.trace.state import TraceState
from migrator.trace.values import Unknown, Value, from_repo_relative

SCOPES = re.compile(r"^(?:script|global|local|private|using):")


class Values:
    script: ps.PsScript
    state: TraceState
    environment: dict[str, Value]
    scopes: list[dict[str, Value]]

    def run_pipeline(self, node: ps.Pipeline, captured: bool = False) -> Value:
        raise NotImplementedError  # the walk (walk.py)

    def run_statement(self, node: ps.Statement) -> Value:
        raise NotImplementedError  # the walk (walk.py)

    def source(self, node: ps.Statement | ps.Expr | ps.Command) -> str:
        return " ".join(self.script.text[node.start:node.end].replace("`\r\n", " ").replace("`\n", " ").split())

    # --- values --------------------------------------------------------------------------

    def lookup(self, name: str) -> Value | None:
        name = SCOPES.sub("", name)
        if name.startswith("env:"):
            return self.environment.get(name[4:].upper())
        for scope in reversed(self.scopes):
            if name in scope:
                return scope[name]
        automatic = {"psscriptroot": script_dir(self.script.path), "pscommandpath":
                     Value.of(from_repo_relative(self.script.path)), "pwd": self.state.cwd,
                     "true": Value.of("True"), "false": Value.of("False"), "null": Value()}
        return automatic.get(name)

    def evaluate(self, expr: ps.Expr) -> Value:
        if isinstance(expr, ps.Lit):
            return Value.of(expr.text)
        if isinstance(expr, ps.Var):
            found = self.lookup(expr.name)
            return found if found is not None else Value((Unknown(f"${expr.name}"),))
        if isinstance(expr, ps.Str):
            out = Value()
            for piece in expr.pieces:
                out = out + self.evaluate(piece)
            return out
        if isinstance(expr, ps.Sub):
            return self.subexpression(expr)
        if isinstance(expr, ps.Binary) and expr.operator == "+":
            return self.evaluate(expr.left) + self.evaluate(expr.right)
        if isinstance(expr, ps.Other) and re.fullmatch(r"\$myinvocation\.mycommand\.(?:path|definition)",
                                                       self.source(expr), re.I):
            return Value.of(from_repo_relative(self.script.path))
        if isinstance(expr, (ps.Binary, ps.Unary)):
            for side in (getattr(expr, "left", None), getattr(expr, "right", None), getattr(expr, "operand", None)):
                if side is not None:
                    self.evaluate(side)
        return Value((Unknown(f"$({self.source(expr)})"),))

    def subexpression(self, expr: ps.Sub) -> Value:
        if len(expr.statements) == 1 and isinstance(expr.statements[0], ps.Pipeline):
            return self.run_pipeline(expr.statements[0], captured=True)
        for statement in expr.statements:
            self.run_statement(statement)
        return Value((Unknown(f"$({self.source(expr)})"),))
