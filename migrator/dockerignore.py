""".dockerignore patterns, read and matched as Docker does (moby/patternmatcher, docker-semantics §DI).

Each line is a pattern; blank lines and lines starting with `#` are skipped; `!` re-includes. A
pattern is cleaned like a path (`./out/` is `out`, a leading `/` is dropped) and matched against
context-relative paths: `*` and `?` within one path segment, `[…]` a class, `\\` escapes, `**` any
number of segments (none included). A pattern that matches a parent directory matches everything
below it. The last pattern that matches decides.

Pure: text in, answers out.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from fnmatch import fnmatchcase


@dataclass(frozen=True)
class IgnorePattern:
    text: str  # as written: what the messages show
    cleaned: str
    line: int
    exclusion: bool  # a `!` line: re-includes what it matches
    regex: re.Pattern[str]


def parse_ignore(text: str) -> tuple[IgnorePattern, ...]:
    patterns = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        exclusion = line.startswith("!")
        if exclusion:
            line = line[1:].strip()
        if not line:
            continue
        cleaned = posixpath.normpath(line)
        if len(cleaned) > 1 and cleaned.startswith("/"):
            cleaned = cleaned.lstrip("/")
        patterns.append(IgnorePattern(raw.strip(), cleaned, number, exclusion,
                                      re.compile(_regex(cleaned))))
    return tuple(patterns)


def _regex(pattern: str) -> str:
    """The pattern as a regular expression, the way patternmatcher compiles it."""
    out, k = ["^"], 0
    while k < len(pattern):
        ch = pattern[k]
        k += 1
        if ch == "*" and pattern[k:k + 1] == "*":
            k += 1
            if pattern[k:k + 1] == "/":
                k += 1
            out.append(".*" if k >= len(pattern) else "(.*/)?")
        elif ch == "*":
            out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif ch == "\\" and k < len(pattern):
            out.append(re.escape(pattern[k]))
            k += 1
        elif ch == "[" and pattern[k:k + 1] == "!":  # filepath.Match spells a negated class [!…]
            out.append("[^")
            k += 1
        elif ch in "[]-^":
            out.append(ch)
        else:
            out.append(re.escape(ch))
    return "".join(out) + "$"


def _matches(pattern: IgnorePattern, path: str) -> bool:
    """PATH or one of its parent directories matches (patternmatcher's MatchesOrParentMatches)."""
    parts = path.split("/")
    return any(pattern.regex.match("/".join(parts[:k])) for k in range(len(parts), 0, -1))


def deciding_pattern(patterns: tuple[IgnorePattern, ...], path: str) -> IgnorePattern | None:
    """The last pattern that matches PATH (context-relative), or None."""
    last = None
    for pattern in patterns:
        if _matches(pattern, path):
            last = pattern
    return last


def excluded(patterns: tuple[IgnorePattern, ...], path: str) -> bool:
    deciding = deciding_pattern(patterns, path)
    return deciding is not None and not deciding.exclusion


def may_hide_below(patterns: tuple[IgnorePattern, ...], directory: str) -> IgnorePattern | None:
    """A pattern that may exclude some path strictly below DIRECTORY, whatever the directory holds;
    None when none can (a `!` pattern can only re-include, so it hides nothing)."""
    prefix = [] if directory in (".", "") else directory.split("/")
    for pattern in patterns:
        if not pattern.exclusion and _may_match_below(pattern.cleaned.split("/"), prefix):
            return pattern
    return None


def _may_match_below(segments: list[str], prefix: list[str]) -> bool:
    """Can the pattern SEGMENTS match a path that starts with PREFIX and has more segments?"""
    if not segments:
        return False
    if not prefix:
        return True  # what remains of the pattern can match some name below
    head = segments[0]
    if head == "**":
        return _may_match_below(segments[1:], prefix) or _may_match_below(segments, prefix[1:])
    if "**" in head:
        return True  # `a**b` crosses segments: assume it may
    return _segment_matches(head, prefix[0]) and _may_match_below(segments[1:], prefix[1:])


def _segment_matches(pattern: str, name: str) -> bool:
    if "\\" in pattern:
        return True  # an escaped character: assume it may match
    return fnmatchcase(name, pattern)
