"""What each finding code means, for `migrate rule CODE` and for SARIF's rule descriptions: why
migrator refuses or warns, a small example that triggers it, and what the user can change.

findings.py holds each code's one-line wording; this package holds the longer text, one module per
theme (each module's docstring says which codes it takes). tests/test_rule_docs.py requires an
entry for every code in RULES and none for another, so a new code is documented where it is added."""

from __future__ import annotations

from migrator.rule_docs import (
    ci,
    consumer_builds,
    discovery,
    docker_commands,
    dockerfiles,
    files,
    host,
    host_reruns,
    host_steps,
    make,
    python,
    run_time,
    streams,
    warnings,
    windows,
)
from migrator.rule_docs.doc import RuleDoc

MODULES = (discovery, files, docker_commands, host_steps, host_reruns, dockerfiles, warnings, make, windows, python,
           ci, host, run_time, streams, consumer_builds)
DOCS: dict[str, RuleDoc] = {doc.code: doc for module in MODULES for doc in module.DOCS}

__all__ = ["DOCS", "MODULES", "RuleDoc"]
