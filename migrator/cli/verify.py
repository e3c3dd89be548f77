"""`migrate verify PATH`: run the legacy and the migrated flow on a container engine and compare
the two images."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from migrator.cli.common import PATH, error_boundary, output_format


@click.command()
@PATH
@click.option("--engine", "engine_name", type=click.Choice(["docker", "podman"]),
              help="The container engine. Default: Docker if its daemon answers, else podman.")
@click.option("--keep", is_flag=True, help="Keep the two final images, the intermediate images and the two "
              "copies of the repo, and say where they are.")
@output_format("text", "json")
def verify(path: Path, engine_name: str | None, keep: bool, output_format: str) -> None:
    """Prove a migration on a real container engine: run the legacy build script and the migrated
    one, each in a copy of PATH (PATH itself is not changed), and compare the two final images:
    every path's type, mode, owner, size, content and link target, and the runtime config
    (Entrypoint, Cmd, Env, WorkingDir, User, ports, volumes, labels, StopSignal, Healthcheck).

    \b
    Exit codes:
      0    equivalent (or nothing to migrate)
      1    different: the differences are listed (or the migrated flow fails)
      2    usage error
      3    cannot verify: the legacy flow fails, the migration is refused, or no engine runs here
      4    internal error (a bug; a log file is named)
      130  interrupted (Ctrl-C)
    """
    with error_boundary():
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
