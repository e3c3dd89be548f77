"""`migrate PATH`: migrate one repository in place, or show (--dry-run/--diff) or gate (--check)
what a migration would change."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from migrator.cli.common import (
    COLOR,
    PATH,
    SCRIPT,
    colored_diff,
    echo,
    error_boundary,
    finding_line,
    output_format,
    settings,
    use_color,
)

if TYPE_CHECKING:
    from migrator.outcome import Outcome
    from migrator.report import WriteBack

DEFAULT_COMMAND = "run"


class _AsMigrateContext(click.Context):
    """`migrate PATH` runs this command: its usage line and its errors name `migrate`, not `migrate run`."""

    @property
    def command_path(self) -> str:
        return self.parent.command_path if self.parent is not None else super().command_path


class _DefaultCommand(click.Command):
    context_class = _AsMigrateContext


@click.command(name=DEFAULT_COMMAND, cls=_DefaultCommand, hidden=True)
@PATH
@click.option("--dry-run", "--diff", "dry_run", is_flag=True,
              help="Write nothing; print a git-style diff that `git apply` accepts in PATH. With --check, "
                   "print it and exit 1.")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if a migration would change files, 0 if not.")
@SCRIPT
@click.option("--builder", metavar="FILE", help="The builder Dockerfile (relative to PATH), overriding discovery.")
@click.option("--runtime", metavar="FILE", help="The runtime Dockerfile (relative to PATH), overriding discovery.")
@click.option("--accept", multiple=True, metavar="CODE[,CODE]", help="A refusal to accept: reported as an "
              "accepted warning, exit 0 (nothing is written). Overrides the configuration's accept.")
@click.option("--ignore", multiple=True, metavar="CODE[,CODE]", help="A warning not to report. Overrides the "
              "configuration's ignore.")
@output_format("text", "json", "sarif")
@COLOR
def run(path: Path, dry_run: bool, check: bool, script: str | None, builder: str | None, runtime: str | None,
        accept: tuple[str, ...], ignore: tuple[str, ...], output_format: str, color: str) -> None:
    """Migrate PATH in place: write the merged Dockerfile at the runtime Dockerfile's path,
    rewrite the build script, delete the builder Dockerfile. Options not given on the command
    line come from PATH's .migrate.toml or the [tool.migrate] table of its pyproject.toml.

    \b
    Exit codes:
      0    migrated, or nothing to migrate (or refused with every refusal accepted)
      1    --check: a migration would change files
      2    usage error (a bad option or configuration file)
      3    refused: the migration cannot be proven, an input cannot be read, or a file cannot be
           written; nothing was written
      4    internal error (a bug; a log file is named)
      130  interrupted (Ctrl-C); nothing was written
    """
    with error_boundary():
        from migrator.config import apply_settings
        from migrator.pipeline import Options, migrate_repo
        from migrator.report import WriteBack, exit_code

        wanted = settings(path, script=script, builder=builder, runtime=runtime, accept=accept, ignore=ignore)
        write_back = WriteBack.CHECK if check else WriteBack.DRY_RUN if dry_run else WriteBack.WRITE
        outcome = migrate_repo(path, Options(script=wanted.script, builder=wanted.builder, runtime=wanted.runtime))
        outcome = _written(path, apply_settings(outcome, wanted), write_back)
        code = exit_code(outcome, write_back)
        _show(path, outcome, write_back, dry_run, output_format, color, code)
        sys.exit(code)


def _written(path: Path, outcome: Outcome, write_back: WriteBack) -> Outcome:
    """OUTCOME after writing it (in write mode); a write that fails is an `error` (MIG300)."""
    from migrator.outcome import Migrated
    from migrator.report import WriteBack
    from migrator.write import write_migration

    if isinstance(outcome, Migrated) and write_back is WriteBack.WRITE:
        return write_migration(path, outcome)
    return outcome


def _show(path: Path, outcome: Outcome, write_back: WriteBack, show_diff: bool, output_format: str, color: str,
          code: int) -> None:
    from migrator.diff import render_diff
    from migrator.outcome import Migrated
    from migrator.report import findings, summary
    from migrator.report_json import outcome_document
    from migrator.sarif import sarif_log

    diff = render_diff(outcome.changes) if show_diff and isinstance(outcome, Migrated) else ""
    if output_format == "json":
        data = outcome_document(outcome, write_back.value, write_back)
        if show_diff:
            data["diff"] = diff
        click.echo(json.dumps(data, indent=2))
    elif output_format == "sarif":
        click.echo(json.dumps(sarif_log(outcome, path, Path.cwd(), write_back.value, write_back, code), indent=2))
    else:
        colored_err = use_color(color, sys.stderr)
        for found in findings(outcome):
            echo(finding_line(found, colored_err), err=True)
        if show_diff:
            echo(colored_diff(diff) if use_color(color, sys.stdout) else diff)
            echo(summary(outcome, write_back) + "\n", err=True)
        else:
            echo(summary(outcome, write_back) + "\n")
