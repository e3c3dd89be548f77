"""Make's variables: the two flavors (`=` recursive, `:=`/`::=` simple), where a value comes from
(command line, `override`, the file, the environment, make's defaults) and which of them win, and
`export`. A value is symbolic (trace/values.py): what make cannot know while it reads the file
(the environment, `$(shell …)` output) stays an unknown part."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from migrator.source import Loc
from migrator.trace.values import Value


class Origin(Enum):
    DEFAULT = "default"
    ENVIRONMENT = "environment"
    FILE = "file"
    COMMAND_LINE = "command line"
    OVERRIDE = "override"
    AUTOMATIC = "automatic"


@dataclass(frozen=True)
class Variable:
    recursive: bool
    text: str  # a recursive variable's raw text, expanded at each use
    value: Value  # a simple variable's value, expanded once
    origin: Origin
    loc: Loc | None = None
    positions: tuple[int, ...] = ()  # file offsets of TEXT's characters, when it was read from the file
    defaulted: Loc | None = None  # set by `?=`: make assumed it unset in the environment
    tainted: Loc | None = None  # assigned under a conditional that could not be resolved
    multiline: bool = False  # from `define`


# Make's own defaults that recipes in builder flows use; any other unset name may come from the
# environment, so it stays unknown.
DEFAULTS = {"RM": "rm -f", "MAKE": "make", "SHELL": "/bin/sh", ".SHELLFLAGS": "-c", "CC": "cc", "CXX": "g++",
            "AR": "ar", "CP": "cp", "MKDIR": "mkdir", "MAKEFLAGS": "", "MAKELEVEL": "0"}


@dataclass
class Variables:
    """The variables of one make process, as far as it has read its Makefile."""

    table: dict[str, Variable] = field(default_factory=dict)
    environment: dict[str, Value] = field(default_factory=dict)  # what the caller exported, when known
    export: dict[str, bool] = field(default_factory=dict)  # `export NAME` / `unexport NAME`
    export_all: bool = False  # `export` alone, or .EXPORT_ALL_VARIABLES

    def get(self, name: str) -> Variable | None:
        found = self.table.get(name)
        if found is not None:
            return found
        if name in self.environment:
            return Variable(False, "", self.environment[name], Origin.ENVIRONMENT)
        if name in DEFAULTS:
            return Variable(False, "", Value.of(DEFAULTS[name]), Origin.DEFAULT)
        return None

    def protected(self, name: str, override: bool) -> bool:
        """A command-line value wins over the file's assignments, unless they say `override`."""
        current = self.table.get(name)
        return current is not None and current.origin is Origin.COMMAND_LINE and not override

    def assign(self, name: str, variable: Variable, override: bool = False) -> None:
        if not self.protected(name, override):
            self.table[name] = variable

    def exported(self) -> list[str]:
        """The names the file sets that a recipe's shell sees in its environment."""
        names = []
        for name, variable in self.table.items():
            default = variable.origin in (Origin.ENVIRONMENT, Origin.COMMAND_LINE) or self.export_all
            if _shell_name(name) and self.export.get(name, default):
                names.append(name)
        return names


def _shell_name(name: str) -> bool:
    return bool(name) and (name[0].isalpha() or name[0] == "_") and all(c.isalnum() or c == "_" for c in name)
