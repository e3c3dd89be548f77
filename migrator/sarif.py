"""Outcome -> a SARIF 2.1.0 log (`--format sarif`), for code-scanning annotations in CI.

Each refusal and warning is one result at its file and line. A path is written relative to the
directory migrate runs in when the repository lies inside it (in CI, the checkout root, which is
what GitHub code scanning resolves against), with `SRCROOT` naming that directory; otherwise it is
an absolute file URI. A refusal the configuration accepts is a warning with an external
suppression, so code scanning shows it as dismissed. Rules carry migrator's own documentation
(`migrate rule CODE`)."""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import quote

from migrator import __version__
from migrator.findings import RULES, Finding, Severity
from migrator.outcome import Outcome
from migrator.report import WriteBack, findings, outcome_name, summary
from migrator.rule_docs import DOCS

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.REFUSE: "error", Severity.WARN: "warning"}


def sarif_log(outcome: Outcome, repo: Path, cwd: Path, mode: str, write_back: WriteBack, exit_code: int) -> dict:
    found = findings(outcome)
    codes = sorted({f.code for f in found})
    run: dict = {
        "tool": {"driver": {"name": "migrate", "version": __version__, "semanticVersion": __version__,
                            "rules": [_rule(code) for code in codes]}},
        "originalUriBaseIds": {"SRCROOT": {"uri": cwd.resolve().as_uri() + "/"}},
        "invocations": [{"executionSuccessful": True, "exitCode": exit_code}],
        "results": [_result(f, codes.index(f.code), repo, cwd) for f in found],
        "properties": {"outcome": outcome_name(outcome), "mode": mode, "summary": summary(outcome, write_back)},
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def _rule(code: str) -> dict:
    rule, doc = RULES[code], DOCS[code]
    return {
        "id": code,
        "shortDescription": {"text": rule.template},
        "fullDescription": {"text": doc.explanation},
        "help": {"text": f"{doc.change}\n\nExample:\n{doc.example}",
                 "markdown": f"{doc.change}\n\nExample:\n\n```\n{doc.example}\n```"},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
    }


def _result(found: Finding, index: int, repo: Path, cwd: Path) -> dict:
    result: dict = {"ruleId": found.code, "ruleIndex": index, "level": _LEVEL[found.severity],
                    "message": {"text": found.message}}
    if found.loc is not None:
        result["locations"] = [{"physicalLocation": {"artifactLocation": _artifact(repo / found.loc.file, cwd),
                                                     "region": {"startLine": max(found.loc.line, 1)}}}]
    if found.accepted:
        result["suppressions"] = [{"kind": "external", "status": "accepted",
                                   "justification": "accepted in the repository's migrate configuration"}]
    return result


def _artifact(path: Path, cwd: Path) -> dict:
    absolute, base = path.absolute(), cwd.absolute()
    if absolute.is_relative_to(base):
        relative = posixpath.normpath(absolute.relative_to(base).as_posix())
        return {"uri": quote(relative), "uriBaseId": "SRCROOT"}
    return {"uri": absolute.as_uri()}
