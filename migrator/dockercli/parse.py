"""One parser for docker's command lines, as its flag library (pflag) reads them: `--opt value`,
`--opt=value`, `-t value`, `-tvalue`, clustered short flags (`-it`), `--` ending the options.

It works on plain strings, so that the tracer (whose words may be unknown until the script runs:
None) and verify's docker front (live arguments) parse alike; callers map the indices back."""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass


@dataclass(frozen=True)
class Option:
    name: str  # the long name for options with values (`-t` -> `--tag`); flags as written
    at: int  # index of the word that holds the option
    value_at: int | None  # index of the word that holds its value, when it is a word of its own
    inline: str | None  # the value when written in the same word (`--tag=x`, `-tx`)


@dataclass(frozen=True)
class Parsed:
    options: tuple[Option, ...]
    positionals: tuple[int, ...]
    unknown: tuple[str, ...]  # options neither table knows

    def has(self, *names: str) -> bool:
        return any(o.name in names for o in self.options)

    def named(self, name: str) -> list[Option]:
        return [o for o in self.options if o.name == name]


def parse(words: Sequence[str | None], values: Mapping[str, str], flags: Set[str],
          stop_at_positional: bool) -> Parsed:
    """With STOP_AT_POSITIONAL the first positional ends the options (`docker run IMAGE CMD…`);
    `docker build` takes options on both sides of its context. An unknown word (None) is a
    positional: a script cannot start an option with a value it computes."""
    options: list[Option] = []
    positionals: list[int] = []
    unknown: list[str] = []
    i = 0
    while i < len(words):
        text = words[i]
        if text is None or not text.startswith("-") or text == "-":
            if stop_at_positional:
                positionals.extend(range(i, len(words)))
                break
            positionals.append(i)
            i += 1
            continue
        if text == "--":
            positionals.extend(range(i + 1, len(words)))
            break
        if text.startswith("--"):
            name, eq, inline = text.partition("=")
            if name in values:
                if eq:
                    options.append(Option(values[name], i, None, inline))
                else:
                    has_value = i + 1 < len(words)
                    options.append(Option(values[name], i, i + 1 if has_value else None, None))
                    i += 1
            elif name in flags:
                options.append(Option(name, i, None, inline if eq else None))
            else:
                unknown.append(name)
            i += 1
            continue
        for k, char in enumerate(text[1:], start=1):
            short = "-" + char
            if short in values:
                if k + 1 < len(text):
                    options.append(Option(values[short], i, None, text[k + 1:]))
                else:
                    has_value = i + 1 < len(words)
                    options.append(Option(values[short], i, i + 1 if has_value else None, None))
                    i += 1
                break
            if short in flags:
                options.append(Option(short, i, None, None))
            else:
                unknown.append(short)
        i += 1
    return Parsed(tuple(options), tuple(positionals), tuple(unknown))


def split(args: Sequence[str], values: Mapping[str, str], flags: Set[str],
          stop_at_positional: bool) -> tuple[list[tuple[str, str | None]], list[str]]:
    """A live command line as (options with their values, positionals)."""
    parsed = parse(args, values, flags, stop_at_positional)
    options = [(o.name, o.inline if o.inline is not None else args[o.value_at] if o.value_at is not None else None)
               for o in parsed.options]
    return options, [args[i] for i in parsed.positionals]
