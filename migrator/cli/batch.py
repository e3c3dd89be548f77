"""`migrate batch PATHS...`: many repositories through the code of `migrate PATH`, with a
resumable report, patches and pull-request bodies, and a summary."""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import click

from migrator.cli.common import error_boundary

if TYPE_CHECKING:
    from migrator.batch.pool import BatchOptions, Result
    from migrator.batch.report_file import Report

_AUTHOR = re.compile(r"^[^<>\n]+ <[^<>\s]+>$")


@dataclass
class _Selection:
    repos: list[str] = field(default_factory=list)  # to run
    records: list[dict] = field(default_factory=list)  # known before running: missing, unreadable, skipped


@click.command()
@click.argument("paths", nargs=-1, metavar="[PATHS]...")
@click.option("--from", "from_file", metavar="FILE", help="Read repository paths from FILE, one a line (- for "
              "stdin); a line that names no directory is recorded as error, and the others run.")
@click.option("--per-project", is_flag=True, help="Treat every folder that holds a legacy flow (a Dockerfile and a "
              "build script) as its own repository, for monorepos; folders passed over are recorded as skipped.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=os.cpu_count() or 1, show_default="CPU count",
              help="Worker processes.")
@click.option("--write/--dry-run", default=False, show_default=True,
              help="--write migrates the repositories in place; --dry-run (the default) changes nothing.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE.jsonl",
              help="Write one JSON record per repository as each finishes (schemas/outcome.v1.json). An existing "
              "report is refused unless --resume is given.")
@click.option("--resume", is_flag=True, help="Go on with --report: skip the repositories it already holds (after a "
              "crash, a kill or Ctrl-C). The report must come from a run of the same mode.")
@click.option("--patch-dir", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
              help="Write a git-format patch and a Markdown pull-request body per migrated repository.")
@click.option("--author", metavar="'NAME <EMAIL>'", help="The patches' author (their From: line).")
@click.option("--relative-to", type=click.Path(exists=True, file_okay=False), metavar="ROOT",
              help="Name the patches' files from ROOT (a monorepo's root), so they apply there.")
@click.option("--summary", "summary_path", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE.md",
              help="Also write the end summary as Markdown.")
@click.option("--shard", metavar="K/N", help="Take only share K of N (split by a hash of the path), for a CI matrix.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=120, show_default=True,
              metavar="SECONDS", help="Give up on a repository after this long (recorded as error).")
def batch(paths: tuple[str, ...], from_file: str | None, per_project: bool, jobs: int, write: bool,
          report_path: Path | None, resume: bool, patch_dir: Path | None, author: str | None, relative_to: str | None,
          summary_path: Path | None, shard: str | None, timeout: float) -> None:
    """Migrate many repositories: PATHS are directories or globs. Each repository goes through
    the same code as `migrate PATH`, with its own .migrate.toml; one that crashes, hangs or
    cannot be read is recorded as `error` and the batch goes on. Prints a summary: counts per
    outcome and the most common reasons.

    \b
    Exit codes:
      0    every repository has a result (migrated, nothing to migrate or refused)
      1    some repositories ended in error (see the report)
      2    usage error (a bad option, a report of another mode, an existing report without --resume)
      130  interrupted (Ctrl-C); finished repositories are in the report: rerun with --resume
    """
    with error_boundary():
        from migrator.batch.pool import BatchOptions
        from migrator.batch.records import DEFAULT_AUTHOR
        from migrator.batch.report_file import Report, ReportMismatch

        if resume and report_path is None:
            raise click.UsageError("--resume needs --report FILE.jsonl: the report says what is done")
        if not paths and from_file is None:
            raise click.UsageError("give repository paths, globs, or --from FILE")
        if author is not None and not _AUTHOR.match(author):
            raise click.UsageError(f"--author {author!r}: expected 'NAME <EMAIL>'")
        mode = "write" if write else "dry-run"
        selection = _select(paths, from_file, per_project, shard, mode)
        _check_relative_to(selection.repos, relative_to)
        try:
            report = Report(report_path, resume, mode) if report_path is not None else None
        except ReportMismatch as error:
            raise click.UsageError(str(error)) from None
        options = BatchOptions(write=write, jobs=jobs, timeout=timeout, patches=patch_dir is not None,
                               author=author or DEFAULT_AUTHOR, relative_to=relative_to)
        records = _run(selection, report, options, patch_dir)
        sys.exit(_batch_summary(records, summary_path))


def _select(paths: tuple[str, ...], from_file: str | None, per_project: bool, shard: str | None,
            mode: str) -> _Selection:
    from migrator.batch.inputs import InputError, ProjectScan, expand_inputs, find_projects, in_shard, parse_shard
    from migrator.batch.records import error_record, skipped_record

    try:
        inputs = expand_inputs(paths, from_file)
        share = parse_shard(shard) if shard is not None else None
    except (InputError, OSError) as error:
        raise click.UsageError(str(error)) from None
    selection = _Selection(inputs.repos)
    errors = list(inputs.missing)
    if per_project:
        scan = ProjectScan()
        for root in inputs.repos:
            find_projects(root, scan)
        selection.repos = list(dict.fromkeys(scan.projects))
        errors += scan.unreadable
        selection.records += [skipped_record(folder, why, mode) for folder, why in scan.skipped]
    selection.records = [error_record(path, why, 0.0, mode) for path, why in errors] + selection.records
    if share is not None:
        selection.repos = [r for r in selection.repos if in_shard(r, share)]
        selection.records = [r for r in selection.records if in_shard(r["path"], share)]
    return selection


def _check_relative_to(repos: list[str], root: str | None) -> None:
    outside = [r for r in repos if root is not None and not Path(r).resolve().is_relative_to(Path(root).resolve())]
    if outside:
        raise click.UsageError(f"--relative-to {root}: {outside[0]} is not inside it")


def _run(selection: _Selection, report: Report | None, options: BatchOptions, patch_dir: Path | None) -> list[dict]:
    """Run the selection (what REPORT already holds left out); every record, REPORT's included."""
    from migrator.batch.pool import run_batch, write_patch
    from migrator.batch.progress import Progress

    done = report.done if report is not None else set()
    todo = [r for r in selection.repos if r not in done]
    known = [r for r in selection.records if r["path"] not in done]
    if done:
        click.echo(f"resuming: {len(selection.repos) - len(todo)} of {len(selection.repos)} repositories are "
                   f"already in {report.path if report else ''}", err=True)
    progress = Progress(len(todo), sys.stderr, sys.stderr.isatty())
    records: list[dict] = []

    def finished(result: Result) -> None:
        line = write_patch(patch_dir, result) if patch_dir is not None and result.patch is not None else result.record
        records.append(line)
        if report is not None:
            report.add(line)
        progress.update(line["outcome"])

    for line in known:
        records.append(line)
        if report is not None:
            report.add(line)
    try:
        run_batch(todo, options, finished)
    except KeyboardInterrupt:
        progress.finish()
        where = f"they are in {report.path}; run the same command with --resume to go on" if report else \
            "give --report FILE to be able to resume"
        click.echo(f"interrupted: {len(records) - len(known)} of {len(todo)} repositories finished; {where}",
                   err=True)
        sys.exit(130)
    progress.finish()
    if report is None:
        return records
    everything = report.records()
    report.close()
    return everything


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
