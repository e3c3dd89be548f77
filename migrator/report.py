"""Outcome -> what the user reads: the outcome's name, one summary line, the findings, and the
exit code. The exit-code contract lives here and nowhere else."""

from __future__ import annotations

from enum import Enum

from migrator.findings import Finding
from migrator.outcome import Migrated, NothingToMigrate, Outcome, Refused

# Refusals that say the input could not be read or the result not written, rather than that the
# migration cannot be proven: their outcome is `error` (in a batch as in a single run).
ERROR_CODES = frozenset({"MIG123", "MIG300"})


class WriteBack(Enum):
    WRITE = "write"
    DRY_RUN = "dry-run"
    CHECK = "check"


class ExitCode:
    OK = 0  # migrated, or nothing to migrate (or refused, where every refusal is accepted)
    WOULD_CHANGE = 1  # --check found a migration to do
    USAGE = 2  # click's own code for bad usage
    REFUSED = 3  # nothing written: the migration could not be proven, an input not read, a file not written
    INTERNAL = 4  # a bug in migrator; details in a log file
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT, as shells report it)


def outcome_name(outcome: Outcome) -> str:
    """The outcome as JSON, SARIF and batch records name it."""
    if isinstance(outcome, Migrated):
        return "migrated"
    if isinstance(outcome, NothingToMigrate):
        return "nothing-to-migrate"
    if any(f.code in ERROR_CODES for f in outcome.findings):
        return "error"
    return "refused"


def exit_code(outcome: Outcome, write_back: WriteBack) -> int:
    if isinstance(outcome, Refused):
        return ExitCode.OK if all(f.accepted for f in outcome.findings) else ExitCode.REFUSED
    if isinstance(outcome, Migrated) and write_back is WriteBack.CHECK:
        return ExitCode.WOULD_CHANGE
    return ExitCode.OK


def _files(outcome: Migrated) -> str:
    parts = []
    for change in outcome.changes:
        verb = "deleted" if change.new is None else "added" if change.old is None else "rewrote"
        parts.append(f"{verb} {change.path}")
    return ", ".join(parts)


def summary(outcome: Outcome, write_back: WriteBack) -> str:
    if isinstance(outcome, Refused):
        if outcome_name(outcome) == "error":
            return f"error in {outcome.repo}: nothing was written"
        accepted = all(f.accepted for f in outcome.findings)
        return f"refused {outcome.repo}{' (accepted)' if accepted else ''}: nothing was written"
    if isinstance(outcome, NothingToMigrate):
        return f"nothing to migrate in {outcome.repo}: {outcome.reason}"
    verb = "migrated" if write_back is WriteBack.WRITE else "would migrate"
    return f"{verb} {outcome.repo}: {_files(outcome)}"


def findings(outcome: Outcome) -> tuple[Finding, ...]:
    """Every refusal and warning of the outcome, in the order they were found."""
    if isinstance(outcome, Refused):
        return outcome.findings
    return outcome.warnings
