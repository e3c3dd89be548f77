"""Outcome -> what the user reads: one summary line, the findings, JSON, and the exit code.
The exit-code contract lives here and nowhere else."""

from __future__ import annotations

from dataclasses import asdict
from enum import Enum

from migrator.findings import Finding
from migrator.model import Flow
from migrator.outcome import Migrated, NothingToMigrate, Outcome, Refused


class WriteBack(Enum):
    WRITE = "write"
    DRY_RUN = "dry-run"
    CHECK = "check"


class ExitCode:
    OK = 0  # migrated, or nothing to migrate
    WOULD_CHANGE = 1  # --check found a migration to do
    USAGE = 2  # click's own code for bad usage
    REFUSED = 3  # nothing written: the migration could not be proven
    INTERNAL = 4  # a bug in migrator; details in a log file


def exit_code(outcome: Outcome, write_back: WriteBack) -> int:
    if isinstance(outcome, Refused):
        return ExitCode.REFUSED
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
        return f"refused {outcome.repo}: nothing was written"
    if isinstance(outcome, NothingToMigrate):
        return f"nothing to migrate in {outcome.repo}: {outcome.reason}"
    verb = "migrated" if write_back is WriteBack.WRITE else "would migrate"
    return f"{verb} {outcome.repo}: {_files(outcome)}"


def findings(outcome: Outcome) -> tuple[Finding, ...]:
    if isinstance(outcome, Refused):
        return outcome.findings
    return outcome.warnings


def flow_json(flow: Flow | None) -> dict | None:
    """The traced flow as users read it: where each thing is written, never offsets or host layers."""
    if flow is None:
        return None
    return {
        "script": flow.script,
        "run_from": flow.run_from,
        "builds": [{"at": str(b.loc), "dockerfile": b.dockerfile, "context": b.context, "tags": list(b.tags),
                    "build_args": [{"name": a.name, "value": a.value} for a in b.build_args], "target": b.target,
                    "platform": b.platform} for b in flow.builds],
        "containers": [{"at": str(c.loc), "name": c.key, "image": c.image} for c in flow.containers],
        "extractions": [{"at": str(e.loc), "container": e.container, "container_path": e.container_path,
                         "host_path": e.target} for e in flow.extractions],
        "warnings": [str(w) for w in flow.warnings],
    }


def outcome_json(outcome: Outcome, write_back: WriteBack) -> dict:
    kind = {Migrated: "migrated", NothingToMigrate: "nothing-to-migrate", Refused: "refused"}[type(outcome)]
    if kind == "migrated" and write_back is not WriteBack.WRITE:
        kind = "would-migrate"
    data: dict = {"repo": outcome.repo, "outcome": kind, "summary": summary(outcome, write_back)}
    if isinstance(outcome, Refused):
        data["refusals"] = [finding_json(f) for f in outcome.findings]
        data["flow"] = flow_json(outcome.flow)
    if isinstance(outcome, NothingToMigrate):
        data["reason"] = outcome.reason
    if isinstance(outcome, Migrated):
        data["flow"] = flow_json(outcome.flow)
        data["roles"] = outcome.roles
        data["artifacts"] = [asdict(a) for a in outcome.artifacts]
        data["files"] = files_json(outcome)
    data["warnings"] = [finding_json(f) for f in (() if isinstance(outcome, Refused) else outcome.warnings)]
    return data


def files_json(outcome: Migrated) -> list[dict]:
    return [{"path": c.path, "change": "deleted" if c.new is None else "added" if c.old is None else "modified"}
            for c in outcome.changes]


def finding_json(f: Finding) -> dict:
    return {"code": f.code, "severity": f.severity.value, "file": f.loc.file if f.loc else None,
            "line": f.loc.line if f.loc else None, "message": f.message, "text": str(f)}
