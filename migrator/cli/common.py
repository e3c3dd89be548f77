"""What the commands share: their common options, the error boundary (no traceback ever reaches
the user), the repository's settings, and printing (colour, bytes that are not UTF-8)."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from migrator.config import Settings
    from migrator.findings import Finding

PATH = click.argument("path", type=click.Path(exists=True, file_okay=False, path_type=Path))
SCRIPT = click.option("--script", metavar="FILE[:ENTRY]", help="The build script to trace (relative to PATH), "
                      "when discovery finds several flows or cannot tell; ENTRY picks where in the file the "
                      "flow starts (a Makefile target, a CI job).")
COLOR = click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
                     help="Colour the diff and the findings: auto colours on a terminal unless NO_COLOR is set.")


def output_format(*choices: str) -> Callable:
    return click.option("--format", "output_format", type=click.Choice(list(choices)), default="text",
                        show_default=True, help="json: one document on stdout (schemas/outcome.v1.json)"
                        + ("; sarif: a SARIF 2.1.0 log for code scanning." if "sarif" in choices else "."))


class ConfigProblem(click.ClickException):
    """A configuration file or option that cannot be used: a usage error (exit 2)."""

    exit_code = 2


@contextlib.contextmanager
def error_boundary() -> Iterator[None]:
    """Unexpected errors go to a log file, exit code 4. Ctrl-C passes on to the group (exit 130)."""
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


def settings(path: Path, **options: object) -> Settings:
    """PATH's .migrate.toml or [tool.migrate], with the command line's OPTIONS over it."""
    from migrator.config import ConfigError, load_settings, with_options

    try:
        return with_options(load_settings(path), **options)  # type: ignore[arg-type]
    except ConfigError as error:
        raise ConfigProblem(str(error)) from None


def use_color(choice: str, stream: object) -> bool:
    """--color: auto colours a terminal unless NO_COLOR is set (https://no-color.org) or TERM=dumb."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def echo(text: str, err: bool = False) -> None:
    """TEXT as its bytes: what a repository held that is not UTF-8 goes out as it was."""
    click.echo(text.encode("utf-8", "surrogateescape"), err=err, nl=False)


def colored_diff(diff: str) -> str:
    """Headers bold, hunks cyan, removed lines red, added lines green (lines split at \\n only)."""
    out = []
    for line in diff.split("\n"):
        if line.startswith(("diff --git", "--- ", "+++ ", "new file mode", "deleted file mode")):
            line = click.style(line, bold=True)
        elif line.startswith("@@"):
            line = click.style(line, fg="cyan")
        elif line.startswith(("+", "-")):
            line = click.style(line, fg="green" if line[0] == "+" else "red")
        out.append(line)
    return "\n".join(out)


def finding_line(found: Finding, color: bool) -> str:
    from migrator.findings import Severity

    text = str(found)
    if not color:
        return text + "\n"
    code_color = "yellow" if found.severity is Severity.WARN else "red"
    return click.style(found.code, fg=code_color, bold=True) + text[len(found.code):] + "\n"
