"""Make's text functions, on known text: `$(patsubst …)`, `$(notdir …)`, `$(addprefix …)` … Each
takes its arguments, already expanded, and gives text; the expander (expand.py) answers the
functions that look at variables, files or the shell, and leaves a result unknown when any
argument is."""

from __future__ import annotations

import posixpath
from collections.abc import Callable


def pattern_match(pattern: str, word: str) -> str | None:
    """The stem WORD gives `%` in PATTERN (the whole word for a pattern without `%`), or None."""
    if "%" not in pattern:
        return word if word == pattern else None
    prefix, _, suffix = pattern.partition("%")
    if len(word) >= len(prefix) + len(suffix) and word.startswith(prefix) and word.endswith(suffix):
        return word[len(prefix):len(word) - len(suffix)]
    return None


def patsubst(pattern: str, replacement: str, text: str) -> str:
    out = []
    for word in text.split():
        stem = pattern_match(pattern, word)
        if stem is None:
            out.append(word)
        elif "%" in pattern:
            out.append(replacement.replace("%", stem, 1))
        else:
            out.append(replacement)
    return " ".join(out)


def substitution_reference(text: str, before: str, after: str) -> str:
    """`$(VAR:a=b)`: `$(patsubst %a,%b,…)` unless the pattern has its own `%`."""
    if "%" in before:
        return patsubst(before, after, text)
    return patsubst("%" + before, "%" + after, text)


def _filter(patterns: str, text: str, keep: bool) -> str:
    wanted = patterns.split()
    return " ".join(w for w in text.split() if any(pattern_match(p, w) is not None for p in wanted) == keep)


def _suffix(word: str) -> str:
    name = posixpath.basename(word)
    return name[name.rfind("."):] if "." in name else ""


def _word(n: str, text: str) -> str:
    words = text.split()
    index = int(n) if n.strip().isdigit() else 0
    return words[index - 1] if 0 < index <= len(words) else ""


def _wordlist(first: str, last: str, text: str) -> str:
    words = text.split()
    start = int(first) if first.strip().isdigit() else 1
    end = int(last) if last.strip().isdigit() else 0
    return " ".join(words[max(start, 1) - 1:end])


def _dir(word: str) -> str:
    return word[:word.rfind("/") + 1] if "/" in word else "./"


def _join(first: str, second: str) -> str:
    a, b = first.split(), second.split()
    return " ".join((a[i] if i < len(a) else "") + (b[i] if i < len(b) else "") for i in range(max(len(a), len(b))))


def _each(transform: Callable[[str], str]) -> Callable[[list[str]], str]:
    return lambda args: " ".join(x for x in (transform(w) for w in args[0].split()) if x)


# name -> (how many arguments it splits its text into, the function)
TEXT_FUNCTIONS: dict[str, tuple[int, Callable[[list[str]], str]]] = {
    "subst": (3, lambda a: a[2].replace(a[0], a[1]) if a[0] else a[2]),
    "patsubst": (3, lambda a: patsubst(a[0].strip(), a[1].strip(), a[2])),
    "strip": (1, lambda a: " ".join(a[0].split())),
    "findstring": (2, lambda a: a[0] if a[0] in a[1] else ""),
    "filter": (2, lambda a: _filter(a[0], a[1], True)),
    "filter-out": (2, lambda a: _filter(a[0], a[1], False)),
    "sort": (1, lambda a: " ".join(sorted(set(a[0].split())))),
    "word": (2, lambda a: _word(a[0], a[1])),
    "wordlist": (3, lambda a: _wordlist(a[0], a[1], a[2])),
    "words": (1, lambda a: str(len(a[0].split()))),
    "firstword": (1, lambda a: (a[0].split() or [""])[0]),
    "lastword": (1, lambda a: (a[0].split() or [""])[-1]),
    "dir": (1, _each(_dir)),
    "notdir": (1, _each(lambda w: w[w.rfind("/") + 1:])),
    "suffix": (1, _each(_suffix)),
    "basename": (1, _each(lambda w: w[:len(w) - len(_suffix(w))])),
    "addsuffix": (2, lambda a: " ".join(w + a[0] for w in a[1].split())),
    "addprefix": (2, lambda a: " ".join(a[0] + w for w in a[1].split())),
    "join": (2, lambda a: _join(a[0], a[1])),
}
