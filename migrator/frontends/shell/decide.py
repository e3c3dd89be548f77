"""How the walk runs `if`, `&&` and `||`: a file test the trace engine decides on the clean
checkout (`if [ ! -e out ]`, `[ -d bin ] || mkdir bin`) picks the branch that runs, which then
runs unconditionally, while the branches that do not run are not walked; the engine records the
test as a Guard, with every command it decides about, so that the plan can remove it together with
what it guarded. A test the engine cannot decide keeps what follows it conditional, as before.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import TYPE_CHECKING

from migrator.model import Guard
from migrator.source import Span
from migrator.trace.guards import TEST_COMMANDS, Verdict

if TYPE_CHECKING:
    from migrator.frontends.shell.walk import ShellWalker

# Commands whose failure is an ordinary answer, so whatever follows `&&` may not run.
TESTS = {*TEST_COMMANDS, "[[", "grep", "egrep", "fgrep", "which", "command", "type", "false", "diff", "cmp"}
_EXTRACTION = re.compile(r"\b(?:docker|podman)\b.*\bcp\b")
_NOT_COMMANDS = {"word", "reservedword", "operator", "pipe", "redirect", "assignment", "parameter", "tilde",
                 "commandsubstitution", "processsubstitution", "function"}


class Status(Enum):
    TRUE = "succeeds"
    FALSE = "fails"
    UNKNOWN = "unknown"
    ASSUMED = "ran"  # an ordinary command: `&&` after it is plain sequence, `||` after it is not


def status_of(walker: ShellWalker, node) -> Status:
    """Run NODE and tell its exit status, as far as the trace knows it."""
    if node.kind == "command":
        span = walker.script.span(*node.pos)
        walker.run_command(node)
        verdict = walker.verdicts.pop(span, None)
        if verdict is not None and verdict.value is not None:
            return Status.TRUE if verdict.value else Status.FALSE
        words = [p for p in node.parts if p.kind == "word"]
        return Status.UNKNOWN if words and words[0].word in TESTS else Status.ASSUMED
    if node.kind == "list":
        return run_list(walker, node.parts)
    if node.kind == "pipeline":
        commands = [p for p in node.parts if p.kind not in ("pipe", "reservedword")]
        if len(commands) == 1 and any(p.kind == "reservedword" and p.word == "!" for p in node.parts):
            walker.pipeline_depth += 1
            try:
                inner = status_of(walker, commands[0])
            finally:
                walker.pipeline_depth -= 1
            return {Status.TRUE: Status.FALSE, Status.FALSE: Status.TRUE}.get(inner, Status.UNKNOWN)
        walker.run_node(node)
        return Status.UNKNOWN if any(_tests(p) for p in commands) else Status.ASSUMED
    walker.run_node(node)
    return Status.UNKNOWN


def _tests(node) -> bool:
    words = [p for p in getattr(node, "parts", []) if p.kind == "word"]
    return node.kind != "command" or (bool(words) and words[0].word in TESTS)


def run_list(walker: ShellWalker, parts: list) -> Status:
    """`a && b`, `a || b`: b runs, does not run, or may run, after what the trace knows of a."""
    status, skip, condition = Status.ASSUMED, False, None
    decided: list[tuple[int, Status]] = []  # parts whose decided test decides the parts after them
    skipped: set[int] = set()
    for k, part in enumerate(parts):
        if part.kind == "operator":
            if part.op not in ("&&", "||"):  # `;`, `&`: what follows runs; the status is the last one's
                skip, condition = False, None
            elif condition is None and status in (Status.TRUE, Status.FALSE):
                skip = (part.op == "&&") != (status is Status.TRUE)
            elif condition is None and not (status is Status.ASSUMED and part.op == "&&"):
                where = walker.loc(part.pos[0])
                condition = f"`||` at {where}" if part.op == "||" else f"`&&` after a test at {where}"
            continue
        if skip:
            skipped.add(k)
        elif condition:
            with walker.condition(condition):
                status_of(walker, part)
            status = Status.UNKNOWN
        else:
            status = status_of(walker, part)
            if status in (Status.TRUE, Status.FALSE):
                decided.append((k, status))
    for k, verdict in decided:
        controlled = _until_reset(parts, k)
        if controlled:
            _record(walker, parts[k], verdict is Status.TRUE, [parts[i] for i in controlled],
                    [parts[i] for i in controlled if i in skipped])
    return status


def _until_reset(parts: list, k: int) -> list[int]:
    """The indices of the parts after part K that its status decides: up to a `;` or `&`."""
    out = []
    for i in range(k + 1, len(parts)):
        if parts[i].kind == "operator":
            if parts[i].op not in ("&&", "||"):
                break
            continue
        out.append(i)
    return out


def run_if(walker: ShellWalker, node) -> None:
    keyword = "case" if walker.script.text.startswith("case", node.pos[0]) else "if"  # a lowered case
    where = f"{keyword} at {walker.loc(node.pos[0])}"
    branches = _branches(node)
    certain = True  # every test before this branch was decided false: this one's test surely runs
    for k, (test, body) in enumerate(branches):
        if test is not None and certain:
            walker.testing += 1
            try:
                status = status_of(walker, test)
            finally:
                walker.testing -= 1
        elif test is not None:
            walker.run_test(test)
            status = Status.UNKNOWN
        else:
            status = Status.TRUE if certain else Status.UNKNOWN
        if certain and status in (Status.TRUE, Status.FALSE):
            later = [*body, *(n for t, b in branches[k + 1:] for n in ((t,) if t is not None else ()) + tuple(b))]
            if test is not None:
                skipped = later[len(body):] if status is Status.TRUE else body
                _record(walker, test, status is Status.TRUE, later, skipped)
            if status is Status.TRUE:
                for part in body:
                    walker.run_node(part)
                return
            continue
        certain = False
        with walker.condition(where):  # every branch is traced; each may not run
            for part in body:
                walker.run_node(part)


def _branches(node) -> list[tuple[object | None, list]]:
    """`if T1; then B1; elif T2; then B2; else B3; fi` -> [(T1, B1), (T2, B2), (None, B3)]."""
    branches: list[tuple[object | None, list]] = []
    test: object | None = None
    body: list = []
    reading = "test"
    for part in node.parts:
        if part.kind == "reservedword":
            if part.word in ("elif", "else", "fi") and reading == "body":
                branches.append((test, body))
                test, body = None, []
            reading = {"if": "test", "elif": "test", "then": "body", "else": "body"}.get(part.word, reading)
            continue
        if reading == "test":
            test = part
        else:
            body.append(part)
    return branches


def _record(walker: ShellWalker, test, verdict: bool, controlled: list, skipped: list) -> None:
    tests = command_spans(walker, test)
    seen = [v for s in tests if (v := walker.verdicts_seen.get(s)) is not None]
    paths = [p for verdict in seen for p in verdict.paths]
    lines = [line.strip() for n in skipped for line in walker.script.source(*n.pos).splitlines()]
    walker.engine.record_guard(Guard(
        text=_text(walker, test),
        loc=walker.loc(test.pos[0]),
        tests=frozenset(tests),
        verdict=verdict,
        paths=tuple(dict.fromkeys(paths)),
        on_checkout=seen[0].on_checkout if len(seen) == 1 and len(tests) == 1 else None,
        controls=frozenset(s for n in controlled for s in command_spans(walker, n)),
        skips=frozenset(s for n in skipped for s in command_spans(walker, n)),
        skipped_docker=next((line for line in lines if _EXTRACTION.search(line)), None),
    ))


def _text(walker: ShellWalker, node) -> str:
    """NODE as written, without a `;` that ends it, whitespace collapsed: for messages."""
    end = node.pos[1]
    if node.kind == "list":
        end = [p for p in node.parts if p.kind != "operator"][-1].pos[1]
    return " ".join(walker.script.source(node.pos[0], end).split())


def command_spans(walker: ShellWalker, node, calling: frozenset[str] = frozenset()) -> set[Span]:
    """The spans of the commands NODE runs (a call of a script function: the commands of its body)."""
    if node.kind == "command":
        words = [p for p in node.parts if p.kind == "word"]
        name = words[0].word if words else None
        if name in walker.functions and name not in calling:
            return command_spans(walker, walker.functions[name], calling | {name})
        return {walker.script.span(*node.pos)} if node.pos[0] != node.pos[1] else set()
    spans: set[Span] = set()
    for child in [*getattr(node, "parts", []), *getattr(node, "list", [])]:
        if getattr(child, "kind", None) not in _NOT_COMMANDS:
            spans |= command_spans(walker, child, calling)
    return spans


def remember(walker: ShellWalker, span: Span, verdict: Verdict) -> None:
    """The engine's answer for the test at SPAN, for status_of and for the guard's record."""
    walker.verdicts[span] = verdict
    walker.verdicts_seen[span] = verdict

