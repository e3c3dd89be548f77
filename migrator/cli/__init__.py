"""The command line: `migrate PATH` (the default command), `explain`, `verify`, `batch`, `rule`.

One module per command; common.py holds what they share. Only this package prints, and heavy
imports (bashlex, dockerfile-parse) happen inside the commands so that `migrate --help` stays
fast. Ctrl-C ends every command with exit code 130."""

from __future__ import annotations

import click

from migrator import __version__
from migrator.cli.batch import batch
from migrator.cli.explain import explain
from migrator.cli.rule import rule
from migrator.cli.run import DEFAULT_COMMAND, run
from migrator.cli.verify import verify

_INTERRUPTED = 130  # 128 + SIGINT, as shells report it


class _MigrateGroup(click.Group):
    """`migrate PATH` runs the default command; `migrate explain PATH` the named one."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = [DEFAULT_COMMAND, *args]
        return super().parse_args(ctx, args)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        default = self.commands[DEFAULT_COMMAND]
        with click.Context(default, info_name=ctx.info_name, resilient_parsing=True) as sub:
            default.format_help(sub, formatter)
        self.format_commands(ctx, formatter)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:  # click would call it "Aborted!" with exit code 1, which --check means otherwise
            click.echo("\nmigrate: interrupted", err=True)
            ctx.exit(_INTERRUPTED)


@click.group(name="migrate", cls=_MigrateGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="migrate", message="%(prog)s %(version)s")
def main() -> None:
    """Merge a builder-pattern repo (Dockerfile.build + docker cp + a build script) into one
    multi-stage Dockerfile."""


for _command in (run, explain, verify, batch, rule):
    main.add_command(_command)
