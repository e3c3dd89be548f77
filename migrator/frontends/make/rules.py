"""The syntax of one make line that is not a recipe: a rule (`targets: prerequisites ; recipe`) or
an assignment (`NAME op value`), cut into its parts with their offsets in the logical text, before
anything is expanded."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RuleSyntax:
    targets: tuple[int, int]  # [start, end) of the target list
    separator: str  # ":", "::" or "&:"
    prerequisites: tuple[int, int]  # the normal prerequisites
    order_only: tuple[int, int] | None  # after `|`
    recipe: int | None  # where the recipe after `;` starts
    target_variable: bool  # `target: NAME = value`
    static_pattern: bool  # `targets: pattern: prerequisites`


@dataclass(frozen=True)
class AssignmentSyntax:
    name: tuple[int, int]
    operator: str
    value: int  # where the value starts (blanks after the operator skipped)


def _scan(text: str, start: int, stops: str) -> int | None:
    """The first of STOPS at or after START outside `$(…)`/`${…}`, or None."""
    depth, i = 0, start
    while i < len(text):
        c = text[i]
        if c == "$" and i + 1 < len(text):
            if text[i + 1] in "({":
                depth += 1
                i += 2
                continue
            i += 2  # `$$`, `$@` …: one reference
            continue
        if depth and c in ")}":
            depth -= 1
        elif not depth and c in stops:
            return i
        i += 1
    return None


def rule_syntax(text: str) -> RuleSyntax:
    colon = _scan(text, 0, ":")
    assert colon is not None  # only called for rule lines
    separator, after = ":", colon + 1
    if text.startswith("::", colon):
        separator, after = "::", colon + 2
    elif colon > 0 and text[colon - 1] == "&":
        separator = "&:"
    targets_end = colon - 1 if separator == "&:" else colon
    semicolon = _scan(text, after, ";")
    end = semicolon if semicolon is not None else len(text)
    equals = _scan(text, after, "=")
    target_variable = equals is not None and equals < end
    second = _scan(text, after, ":")
    static = not target_variable and second is not None and second < end
    bar = _scan(text, after, "|")
    if bar is not None and bar < end:
        prerequisites, order_only = (after, bar), (bar + 1, end)
    else:
        prerequisites, order_only = (after, end), None
    return RuleSyntax((0, targets_end), separator, prerequisites, order_only,
                      semicolon + 1 if semicolon is not None else None, target_variable, static)


def assignment_syntax(text: str) -> AssignmentSyntax | None:
    """`NAME = value`, `NAME := value`, `NAME ?= value` …; None when TEXT is no assignment."""
    equals = _scan(text, 0, "=")
    if equals is None:
        return None
    start = equals
    for operator in (":::=", "::=", ":=", "+=", "?=", "!="):
        begin = equals - len(operator) + 1
        if begin >= 0 and text[begin:equals + 1] == operator:
            start = begin
            break
    operator = text[start:equals + 1]
    value = equals + 1
    while value < len(text) and text[value] in " \t":
        value += 1
    return AssignmentSyntax((0, start), operator, value)


def words_with_offsets(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """The blank-separated words of TEXT[START:END] with their offsets, `$(…)` kept whole."""
    out: list[tuple[str, int, int]] = []
    i = start
    while i < end:
        if text[i] in " \t":
            i += 1
            continue
        j = i
        while j < end and text[j] not in " \t":
            if text[j] == "$" and j + 1 < end and text[j + 1] in "({":
                close = _scan(text, j + 2, ")}")
                j = min(close + 1 if close is not None else end, end)
                continue
            j += 1
        out.append((text[i:j], i, j))
        i = j
    return out
