"""`migrate explain PATH`: the traced flow and each artifact's journey; writes nothing."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from migrator.cli.common import PATH, SCRIPT, echo, error_boundary, output_format, settings


@click.command()
@PATH
@SCRIPT
@output_format("text", "json")
def explain(path: Path, script: str | None, output_format: str) -> None:
    """Show the traced flow: images built, containers, and for each artifact its container
    path -> host path -> runtime instruction (file:line). On a refused repository, what was
    traced up to the refusal. Writes nothing.

    \b
    Exit codes:
      0    the flow is shown (or nothing to migrate, or every refusal is accepted)
      2    usage error
      3    refused, or an input cannot be read: the refusal is shown after what was traced
      4    internal error (a bug; a log file is named)
      130  interrupted (Ctrl-C)
    """
    with error_boundary():
        from migrator.config import apply_settings
        from migrator.explain import explain_text
        from migrator.outcome import NothingToMigrate
        from migrator.pipeline import Options, migrate_repo
        from migrator.report import WriteBack, exit_code
        from migrator.report_json import outcome_document

        wanted = settings(path, script=script)
        outcome = migrate_repo(path, Options(script=wanted.script, builder=wanted.builder, runtime=wanted.runtime))
        outcome = apply_settings(outcome, wanted)
        if output_format == "json":
            click.echo(json.dumps(outcome_document(outcome, "explain", WriteBack.DRY_RUN), indent=2))
        elif isinstance(outcome, NothingToMigrate):
            echo(f"nothing to migrate in {outcome.repo}: {outcome.reason}\n")
        else:
            echo(explain_text(getattr(outcome, "flow", None), outcome))
        sys.exit(exit_code(outcome, WriteBack.DRY_RUN))
