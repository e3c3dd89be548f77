"""A docker command's arguments after its verb, parsed with the docker CLI's rules (dockercli/),
with each option's value as the script gave it."""

from __future__ import annotations

from dataclasses import dataclass

from migrator.dockercli.parse import Option, Parsed, parse
from migrator.trace.command import Word
from migrator.trace.values import Value


@dataclass(frozen=True)
class Args:
    """A docker command's arguments after its verb, parsed."""

    words: tuple[Word, ...]
    parsed: Parsed

    @property
    def positionals(self) -> tuple[Word, ...]:
        return tuple(self.words[i] for i in self.parsed.positionals)

    def value(self, option: Option) -> Value:
        if option.inline is not None:
            return Value.of(option.inline)
        return self.words[option.value_at].value if option.value_at is not None else Value()

    def values(self, name: str) -> list[Value]:
        return [self.value(o) for o in self.parsed.named(name)]

    def last(self, name: str) -> Value | None:
        found = self.values(name)
        return found[-1] if found else None

    def source(self, option: Option) -> str:
        """The option as the script spells it (one word, or two)."""
        used = [option.at] if option.value_at is None else [option.at, option.value_at]
        return " ".join(self.words[i].source for i in used)


def parse_args(words: tuple[Word, ...], values: dict[str, str], flags: set[str], stop_at_positional: bool) -> Args:
    return Args(words, parse([w.value.literal for w in words], values, flags, stop_at_positional))
