"""GitHub Actions' `${{ … }}` expressions in a `run:` script or an `env:` value. GitHub replaces
each with its value as text before the shell reads the script, so the trace does the same where
the value is known from the file (`env.NAME` set to a literal, a single-valued `matrix.NAME`, and
`github.workspace`, the checkout); any other value (a secret, `github.sha`, a step's output) is
known only when the job runs: the trace reads it as an unknown value, through a variable of its
own, which only works where the shell would expand a variable (never inside single quotes)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from migrator.findings import refuse
from migrator.frontends.ci.jobs import Context, Expression
from migrator.frontends.ci.scalars import Snippet
from migrator.source import Loc
from migrator.trace.values import REPO_ROOT, Unknown, Value

EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}", re.S)
WORKSPACE = "github.workspace"
_ENV = re.compile(r"env\.([A-Za-z_][A-Za-z0-9_]*)")
_MATRIX = re.compile(r"matrix\.([A-Za-z_][A-Za-z0-9_-]*)")
PLACEHOLDER = "__ci_expression_{}"  # the variable the trace reads an unknown value through


def resolve(inner: str, context: Context, loc: Loc) -> tuple[str, str | None]:
    """(kind, literal) of one expression: ("literal", text), ("workspace", None) or ("unknown", None)."""
    expression = inner.strip()
    env = _ENV.fullmatch(expression)
    if env:
        text = context.env.get(env.group(1), "")  # an unset env.NAME reads as an empty string
        return ("literal", text) if "${{" not in text else ("unknown", None)
    matrix = _MATRIX.fullmatch(expression)
    if matrix:
        values = context.matrix.get(matrix.group(1)) or context.matrix.get("*") or ("",)
        if len(values) > 1:
            raise refuse("MIG171", loc, what=f"`strategy: matrix:` ({matrix.group(1)})", values=", ".join(values[:3]))
        return "literal", values[0]
    if expression == WORKSPACE:
        return "workspace", None
    return "unknown", None


def value(text: str, context: Context, loc: Loc) -> Value:
    """An `env:` value as the trace reads it: known parts literal, the rest unknown."""
    out, cursor = Value(), 0
    for match in EXPRESSION.finditer(text):
        out = out + Value.of(text[cursor:match.start()])
        kind, literal = resolve(match.group(1), context, loc)
        if kind == "literal":
            out = out + Value.of(literal or "")
        else:
            out = out + (Value.of(REPO_ROOT) if kind == "workspace" else Value((Unknown(match.group(0)),)))
        cursor = match.end()
    return out + Value.of(text[cursor:])


# What a job run here reads for the commonest values only a real run knows; anything else (a
# secret, a step's output) is empty, as a missing secret is.
RUN_VALUES = {"github.sha": "0" * 40, "github.ref": "refs/heads/main", "github.ref_name": "main",
              "github.run_id": "1", "github.run_number": "1", "github.repository": "owner/repository",
              "github.repository_owner": "owner", "github.actor": "user", "github.event_name": "push",
              "runner.os": "Linux"}


def render(text: str, context: Context, workspace: str) -> str:
    """TEXT as the job sees it when it runs here (run.py): see RUN_VALUES."""
    def one(match: re.Match) -> str:
        kind, literal = resolve(match.group(1), context, Loc("", 0))
        if kind == "literal":
            return literal or ""
        return workspace if kind == "workspace" else RUN_VALUES.get(match.group(1).strip(), "")
    return EXPRESSION.sub(one, text)


def find(text: str, context: Context, loc: Loc) -> tuple[Expression, ...]:
    """Every expression in TEXT (a decoded `run:` value), resolved."""
    found = []
    for match in EXPRESSION.finditer(text):
        kind, literal = resolve(match.group(1), context, loc)
        found.append(Expression(match.start(), match.end(), match.group(0), kind, literal))
    return tuple(found)


def check_quoting(text: str, expressions: tuple[Expression, ...], loc_of: Callable[[int], Loc]) -> None:
    """An unknown value inside single quotes cannot be read through a variable: refused. LOC_OF:
    where an offset of TEXT is written."""
    for expression in expressions:
        if expression.kind == "unknown" and _single_quoted(text, expression.start):
            raise refuse("MIG172", loc_of(expression.start), expression=expression.source,
                         why="its value is only known when the job runs, and it sits inside single quotes")


def substitute(snippet: Snippet, expressions: tuple[Expression, ...],
               render: Callable[[int, Expression], str]) -> Snippet:
    """SNIPPET with each expression replaced by RENDER(index, expression); every character of the
    replacement maps to the whole expression in the file."""
    text: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    cursor = 0
    for index, expression in enumerate(expressions):
        text.append(snippet.text[cursor:expression.start])
        starts += snippet.starts[cursor:expression.start]
        ends += snippet.ends[cursor:expression.start]
        replacement = render(index, expression)
        text.append(replacement)
        starts += [snippet.starts[expression.start]] * len(replacement)
        ends += [snippet.ends[expression.end - 1]] * len(replacement)
        cursor = expression.end
    text.append(snippet.text[cursor:])
    starts += snippet.starts[cursor:]
    ends += snippet.ends[cursor:]
    return dataclasses.replace(snippet, text="".join(text), starts=tuple(starts), ends=tuple(ends))


def _single_quoted(text: str, position: int) -> bool:
    """Is POSITION of shell TEXT inside single quotes (a rough scan: quotes, escapes, comments)?"""
    quote: str | None = None
    i = 0
    while i < position:
        c = text[i]
        if quote == "'":
            quote = None if c == "'" else quote
        elif c == "\\":
            i += 1
        elif quote == '"':
            quote = None if c == '"' else quote
        elif c in "'\"":
            quote = c
        elif c == "#" and (i == 0 or text[i - 1] in " \t\n;"):
            newline = text.find("\n", i)
            i = position if newline < 0 else newline
        i += 1
    return quote == "'"
