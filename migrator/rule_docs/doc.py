"""One code's documentation."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RuleDoc:
    code: str
    explanation: str  # why migrator refuses or warns: what would go wrong otherwise
    example: str  # a few lines of a legacy repository that trigger it, each file named in a comment
    change: str  # what the user can change to migrate (or to silence a warning knowingly)
