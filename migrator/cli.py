"""The command line: `migrate PATH` (the default command) and `migrate explain PATH`.

Only this module prints, and only write.py writes. Heavy imports (bashlex, dockerfile-parse)
happen inside the commands so that `migrate --help` stays fast.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
import tempfile
import traceback
from pathlib import Path

import click

_DEFAULT_COMMAND = "run"


class _MigrateGroup(click.Group):
    """`migrate PATH` runs the default command; `migrate explain PATH` the named one."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = [_DEFAULT_COMMAND, *args]
        return super().parse_args(ctx, args)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        default = self.commands[_DEFAULT_COMMAND]
        with click.Context(default, info_name=ctx.info_name, resilient_parsing=True) as sub:
            default.format_help(sub, formatter)
        self.format_commands(ctx, formatter)


@contextlib.contextmanager
def _error_boundary():
    """No traceback reaches the user: unexpected errors go to a log file, exit code 4."""
    try:
        yield
    except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit, KeyboardInterrupt):
        raise
    except Exception as error:
        with tempfile.NamedTemporaryFile("w", prefix="migrate-crash-", suffix=".log", delete=False) as log:
            traceback.print_exc(file=log)
        click.echo(f"migrate: internal error: {type(error).__name__}: {error}", err=True)
        click.echo(f"migrate: this is a bug in migrator; the details are in {log.name}", err=True)
        sys.exit(4)


_PATH = click.argument("path", type=click.Path(exists=True, file_okay=False, path_type=Path))
_SCRIPT = click.option("--script", metavar="FILE[:ENTRY]", help="The build script to trace (relative to PATH), "
                       "when discovery finds several flows or cannot tell; ENTRY picks where in the file the "
                       "flow starts (a Makefile target, a CI job).")
_FORMAT = click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
                       show_default=True, help="json: one machine-readable object on stdout.")


@click.group(name="migrate", cls=_MigrateGroup, context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Merge a builder-pattern repo (Dockerfile.build + docker cp + a build script) into one
    multi-stage Dockerfile."""


@main.command(name=_DEFAULT_COMMAND, hidden=True)  # `migrate PATH` runs it
@_PATH
@click.option("--dry-run", is_flag=True, help="Write nothing; print a git-style diff that `git apply` accepts in PATH.")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if a migration would change files, 0 if not.")
@_SCRIPT
@click.option("--builder", metavar="FILE", help="The builder Dockerfile (relative to PATH), overriding discovery.")
@click.option("--runtime", metavar="FILE", help="The runtime Dockerfile (relative to PATH), overriding discovery.")
@_FORMAT
def run(path: Path, dry_run: bool, check: bool, script: str | None, builder: str | None, runtime: str | None,
        output_format: str) -> None:
    """Migrate PATH in place: write the merged Dockerfile at the runtime Dockerfile's path,
    rewrite the build script, delete the builder Dockerfile.

    \b
    Exit codes:
      0  migrated, or nothing to migrate
      1  --check: a migration would change files
      2  usage error
      3  refused: the migration cannot be proven, nothing was written
      4  internal error (a bug; a log file is named)
    """
    if dry_run and check:
        raise click.UsageError("--dry-run and --check cannot be combined")
    with _error_boundary():
        from migrator.diff import render_diff
        from migrator.outcome import Migrated
        from migrator.pipeline import Options, migrate_repo
        from migrator.report import WriteBack, exit_code, findings, outcome_json, summary
        from migrator.write import apply_changes

        write_back = WriteBack.DRY_RUN if dry_run else WriteBack.CHECK if check else WriteBack.WRITE
        outcome = migrate_repo(path, Options(script=script, builder=builder, runtime=runtime))
        diff = render_diff(outcome.changes) if isinstance(outcome, Migrated) else ""
        if isinstance(outcome, Migrated) and write_back is WriteBack.WRITE:
            apply_changes(path, outcome.changes)
        if output_format == "json":
            data = outcome_json(outcome, write_back)
            if write_back is WriteBack.DRY_RUN:
                data["diff"] = diff
            click.echo(json.dumps(data, indent=2))
        else:
            for found in findings(outcome):
                click.echo(str(found), err=True)
            if write_back is WriteBack.DRY_RUN:
                click.echo(diff, nl=False)
                click.echo(summary(outcome, write_back), err=True)
            else:
                click.echo(summary(outcome, write_back))
        sys.exit(exit_code(outcome, write_back))


@main.command()
@_PATH
@_SCRIPT
@_FORMAT
def explain(path: Path, script: str | None, output_format: str) -> None:
    """Show the traced flow: images built, containers, and for each artifact its container
    path -> host path -> runtime instruction (file:line). Writes nothing."""
    with _error_boundary():
        from migrator.explain import explain_text
        from migrator.outcome import NothingToMigrate, Refused
        from migrator.pipeline import Options, migrate_repo
        from migrator.report import ExitCode, WriteBack, outcome_json

        outcome = migrate_repo(path, Options(script=script))
        flow = getattr(outcome, "flow", None)
        if output_format == "json":
            click.echo(json.dumps(outcome_json(outcome, WriteBack.DRY_RUN), indent=2))
        elif isinstance(outcome, NothingToMigrate):
            click.echo(f"nothing to migrate in {outcome.repo}: {outcome.reason}")
        else:
            click.echo(explain_text(flow, outcome), nl=False)
        sys.exit(ExitCode.REFUSED if isinstance(outcome, Refused) else ExitCode.OK)



@main.command()
@_PATH
@click.option("--engine", "engine_name", type=click.Choice(["docker", "podman"]),
              help="The container engine. Default: Docker if its daemon answers, else podman.")
@click.option("--keep", is_flag=True, help="Keep the two final images, the intermediate images and the two "
              "copies of the repo, and say where they are.")
@_FORMAT
def verify(path: Path, engine_name: str | None, keep: bool, output_format: str) -> None:
    """Prove a migration on a real container engine: run the legacy build script and the migrated
    one, each in a copy of PATH (PATH itself is not changed), and compare the two final images:
    every path's type, mode, owner, size, content and link target, and the runtime config
    (Entrypoint, Cmd, Env, WorkingDir, User, ports, volumes, labels, StopSignal, Healthcheck).

    \b
    Exit codes:
      0  equivalent (or nothing to migrate)
      1  different: the differences are listed (or the migrated flow fails)
      2  usage error
      3  cannot verify: the legacy flow fails, the migration is refused, or no engine runs here
      4  internal error (a bug; a log file is named)
    """
    with _error_boundary():
        from migrator.verify.engine import EngineError, EngineUnavailable, find_engine
        from migrator.verify.flows import verify_repo
        from migrator.verify.verdict import verdict_json, verdict_text

        try:
            engine = find_engine(engine_name)
            verdict = verify_repo(path, engine, keep, progress=lambda line: click.echo(line, err=True))
        except (EngineUnavailable, EngineError) as error:
            click.echo(f"migrate verify: cannot verify {path}: {error}", err=True)
            sys.exit(3)
        if output_format == "json":
            click.echo(json.dumps(verdict_json(verdict), indent=2))
        else:
            click.echo(verdict_text(verdict), nl=False)
        sys.exit(verdict.exit_code)


@main.command()
@click.argument("paths", nargs=-1, metavar="[PATHS]...")
@click.option("--from", "from_file", metavar="FILE", help="Read repository paths from FILE, one a line (- for stdin).")
@click.option("--per-project", is_flag=True, help="Treat every folder that holds a legacy flow (a Dockerfile and a "
              "build script) as its own repository, for monorepos.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=os.cpu_count() or 1, show_default="CPU count",
              help="Worker processes.")
@click.option("--write/--dry-run", default=False, show_default=True,
              help="--write migrates the repositories in place; --dry-run (the default) changes nothing.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE.jsonl",
              help="Append one JSON record per repository as each finishes.")
@click.option("--resume", is_flag=True, help="Skip the repositories already in --report (after a crash, a kill or "
              "Ctrl-C).")
@click.option("--patch-dir", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
              help="Write a git-format patch and a Markdown pull-request body per migrated repository.")
@click.option("--summary", "summary_path", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE.md",
              help="Also write the end summary as Markdown.")
@click.option("--shard", metavar="K/N", help="Take only share K of N (split by a hash of the path), for a CI matrix.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=120, show_default=True,
              metavar="SECONDS", help="Give up on a repository after this long (recorded as error).")
def batch(paths: tuple[str, ...], from_file: str | None, per_project: bool, jobs: int, write: bool,
          report_path: Path | None, resume: bool, patch_dir: Path | None, summary_path: Path | None,
          shard: str | None, timeout: float) -> None:
    """Migrate many repositories: PATHS are directories or globs. Each repository goes through
    the same code as `migrate PATH`; one that crashes, hangs or cannot be read is recorded as
    `error` and the batch goes on. Prints a summary: counts per outcome and the most common
    reasons.

    \b
    Exit codes:
      0    every repository has a result (migrated, nothing to migrate or refused)
      1    some repositories ended in error (see the report)
      2    usage error
      130  interrupted (Ctrl-C); finished repositories are in the report: rerun with --resume
    """
    with _error_boundary():
        from migrator.batch.pool import BatchOptions, Report, run_batch, write_patch
        from migrator.batch.progress import Progress

        if resume and report_path is None:
            raise click.UsageError("--resume needs --report FILE.jsonl: the report says what is done")
        if not paths and from_file is None:
            raise click.UsageError("give repository paths, globs, or --from FILE")
        repos = _batch_repositories(paths, from_file, per_project, shard)
        report = Report(report_path, resume) if report_path is not None else None
        todo = [r for r in repos if report is None or r not in report.done]
        if len(todo) < len(repos):
            click.echo(f"resuming: {len(repos) - len(todo)} of {len(repos)} repositories are already in "
                       f"{report_path}", err=True)
        progress = Progress(len(todo), sys.stderr, sys.stderr.isatty())
        records: list[dict] = []

        def finished(result) -> None:
            records.append(result.record)
            if report is not None:
                report.add(result.record)
            if patch_dir is not None and result.patch is not None:
                write_patch(patch_dir, result)
            progress.update(result.record["outcome"])

        options = BatchOptions(write=write, jobs=jobs, timeout=timeout, patches=patch_dir is not None)
        try:
            run_batch(todo, options, finished)
        except KeyboardInterrupt:
            progress.finish()
            where = f"they are in {report_path}; run the same command with --resume to go on" if report else \
                "give --report FILE to be able to resume"
            click.echo(f"interrupted: {len(records)} of {len(todo)} repositories finished; {where}", err=True)
            sys.exit(130)
        progress.finish()
        if report is not None:
            records = report.records()
            report.close()
        sys.exit(_batch_summary(records, summary_path))


def _batch_repositories(paths: tuple[str, ...], from_file: str | None, per_project: bool,
                        shard: str | None) -> list[str]:
    from migrator.batch.inputs import InputError, expand_inputs, find_projects, in_shard, parse_shard

    try:
        repos = expand_inputs(paths, from_file)
        if per_project:
            repos = list(dict.fromkeys(p for root in repos for p in find_projects(root)))
        if shard is not None:
            share = parse_shard(shard)
            repos = [r for r in repos if in_shard(r, share)]
    except (InputError, OSError) as error:
        raise click.UsageError(str(error)) from None
    return repos


def _batch_summary(records: list[dict], summary_path: Path | None) -> int:
    """Print the end summary (and write it as Markdown); the batch's exit code."""
    from migrator.batch.records import summary_counts, summary_markdown, summary_text
    from migrator.findings import RULES

    outcomes, reasons = summary_counts(records)
    templates = {code: re.sub(r"\{\w+\}", "…", rule.template) for code, rule in RULES.items()}
    click.echo(summary_text(outcomes, reasons, templates), nl=False)
    if summary_path is not None:
        summary_path.write_text(summary_markdown(outcomes, reasons, templates), encoding="utf-8")
    return 1 if outcomes["error"] else 0
