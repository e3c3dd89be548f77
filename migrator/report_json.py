"""Outcome -> the JSON document published as schemas/outcome.v1.json: what `--format json` prints
and, with a few fields of its own, what every `migrate batch` report line holds.

The same vocabulary everywhere: `outcome` is one of OUTCOMES, `findings` holds every refusal and
warning (an accepted refusal with `"accepted": true`), places are `file` + `line` or `"file:line"`
strings, never offsets or spans. A field is added only with a new schema version's consent: the
schema forbids unknown ones, and a test validates every corpus case's output against it."""

from __future__ import annotations

from dataclasses import asdict

from migrator import __version__
from migrator.findings import Finding
from migrator.model import Flow
from migrator.outcome import Migrated, NothingToMigrate, Outcome
from migrator.report import WriteBack, findings, outcome_name, summary

SCHEMA_VERSION = 1
# `skipped` only in batch reports: a folder --per-project looked at and did not take
OUTCOMES = ("migrated", "nothing-to-migrate", "refused", "error", "skipped")


def outcome_document(outcome: Outcome, mode: str, write_back: WriteBack) -> dict:
    """The whole document for one repository; MODE: write, dry-run, check or explain."""
    data = header(outcome.repo, outcome_name(outcome), mode)
    data["summary"] = summary(outcome, write_back)
    data["reason"] = outcome.reason if isinstance(outcome, NothingToMigrate) else None
    data["findings"] = [finding_json(f) for f in findings(outcome)]
    data["files"] = files_json(outcome) if isinstance(outcome, Migrated) else []
    data["flow"] = flow_json(getattr(outcome, "flow", None))
    if isinstance(outcome, Migrated):
        data["roles"] = outcome.roles
        data["artifacts"] = [asdict(a) for a in outcome.artifacts]
    return data


def header(path: str, outcome: str, mode: str) -> dict:
    """The fields that open every document and every batch record."""
    return {"schema_version": SCHEMA_VERSION, "tool_version": __version__, "path": path, "outcome": outcome,
            "mode": mode}


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
    }


def files_json(outcome: Migrated) -> list[dict]:
    return [{"path": c.path, "change": "deleted" if c.new is None else "added" if c.old is None else "modified"}
            for c in outcome.changes]


def finding_json(f: Finding) -> dict:
    return {"code": f.code, "severity": f.severity.value, "accepted": f.accepted,
            "file": f.loc.file if f.loc else None, "line": f.loc.line if f.loc else None, "message": f.message,
            "text": str(f)}
