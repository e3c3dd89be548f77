"""Commands that ran in a container before files were copied out of it -> a stage derived from the
container's image in which each runs again as RUN, so that `COPY --from=<that stage>` reads the
files they made (capability-classes §RT).

The RUN runs exactly the argv the container ran: ENTRYPOINT + (the run's arguments, else CMD),
with Docker's rules for `--entrypoint`, in exec form. The container's -w, -u and -e become
WORKDIR, USER and ENV (or ARG, for a value only the host knows) of the derived stage: nothing
copies a derived stage's configuration into the image, only its files.
"""

from __future__ import annotations

import json
import posixpath
import re
import shlex
from dataclasses import dataclass

from migrator.dockercli.programs import FILE_NEUTRAL_PROGRAMS
from migrator.findings import Finding, finding, refuse
from migrator.model import Container, ContainerRun, EnvSetting, Extraction, RunSettings
from migrator.plan.image_config import ImageConfig
from migrator.plan.stages import unique_name
from migrator.source import Loc

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_NOT_REPLAYED = {
    "-t": "a terminal turns each LF the command prints into CRLF, and the run fails where there is none",
    "--tty": "a terminal turns each LF the command prints into CRLF, and the run fails where there is none",
    "-i": "the command could read the script's standard input",
    "--interactive": "the command could read the script's standard input",
    "--privileged": "the command had the host's devices and every capability",
    "--network": "the command ran on another network than a build's",
    "--hostname": "the command saw another host name than a build's",
    "--add-host": "the command saw other host names than a build's",
    "--read-only": "the command could not write where a RUN can",
    "--env-file": "its variables live in a file on the host",
    "--volumes-from": "the command saw another container's volumes",
}


@dataclass(frozen=True)
class DerivedStage:
    """`FROM <base> AS <name>` followed by instructions the migration writes."""

    name: str
    base: str  # a stage name, or an image reference
    instructions: tuple[str, ...]


@dataclass(frozen=True)
class RunReplay:
    stages: tuple[DerivedStage, ...]
    stage_of_copy: dict[Loc, str]  # a docker cp -> the stage that holds what it copied
    build_args: tuple[str, ...]  # --build-arg flags the merged build passes for host values
    warnings: tuple[Finding, ...]


@dataclass(frozen=True)
class RunInputs:
    containers: dict[str, Container]
    stage_of: dict[str, str]  # container key -> the stage (or image) its image is in the merged file
    configs: dict[str, ImageConfig]  # container key -> what its image runs
    declared_args: frozenset[str]  # ARG names the merged file's other stages declare
    taken: set[str]  # stage names in use; new ones are added
    context: str  # the merged build's context (repository-relative)
    hidden: dict[str, str]  # repository file -> the ignore-file line that keeps it out of that context
    rewritten: frozenset[str]  # repository files the migration changes or deletes


def replay_runs(extractions: tuple[Extraction, ...], inputs: RunInputs) -> RunReplay:
    made: dict[tuple[str, tuple[ContainerRun, ...]], str] = {}
    stages: list[DerivedStage] = []
    stage_of_copy: dict[Loc, str] = {}
    build_args: list[str] = []
    warnings: list[Finding] = []
    for extraction in extractions:
        key = extraction.container
        if extraction.printed:
            _check_printed(extraction, inputs.configs[key])
        runs = _file_changing_runs(extraction.runs_before, inputs.configs[key])
        if not runs:
            continue
        if (key, runs) not in made:
            stage = _derive(inputs.containers[key], runs, inputs, build_args, warnings)
            made[(key, runs)] = stage.name
            stages.append(stage)
        stage_of_copy[extraction.loc] = made[(key, runs)]
    return RunReplay(tuple(stages), stage_of_copy, tuple(build_args), tuple(warnings))


def command_of(run: ContainerRun, config: ImageConfig) -> tuple[str, ...]:
    """The argv the run executed, as Docker composes it from the run and the image."""
    if run.unresolved:
        raise refuse("MIG601", run.loc, words=", ".join(run.unresolved))
    if not run.through_entrypoint:  # exec: its own words, nothing else
        return run.args
    if run.entrypoint:  # `--entrypoint X`: X, then the run's arguments; the image's CMD is dropped
        return (run.entrypoint, *run.args)
    needs: tuple[str, ...] = ("cmd",) if not run.args else ()
    needs += ("entrypoint",) if run.entrypoint is None else ()
    if not config.knows(*needs):
        raise refuse("MIG602", run.loc, image=config.base, what=" and ".join(n.upper() for n in needs))
    entrypoint = config.entrypoint if run.entrypoint is None else ()
    argv = (*entrypoint, *(run.args or config.cmd))
    if not argv:
        raise refuse("MIG122", run.loc, why="the container has no command to run")
    return argv


def _check_printed(extraction: Extraction, config: ImageConfig) -> None:
    """`docker run IMG cat PATH > FILE` copied PATH only if the container ran `cat PATH` alone: an
    ENTRYPOINT of the image would have run first, with `cat PATH` as its arguments."""
    run = extraction.runs_before[-1]
    argv = command_of(run, config)
    if len(argv) != 2 or posixpath.basename(argv[0]) != "cat" or argv[1] != extraction.container_path:
        raise refuse("MIG621", run.loc, text="docker run … " + shlex.join(run.args), argv=shlex.join(argv),
                     why="the image's ENTRYPOINT comes first")


def _file_changing_runs(runs: tuple[ContainerRun, ...], config: ImageConfig) -> tuple[ContainerRun, ...]:
    kept = []
    for run in runs:
        harmless = posixpath.basename(command_of(run, config)[0]) in FILE_NEUTRAL_PROGRAMS
        if run.background and not harmless:
            raise refuse("MIG115", run.loc, command=shlex.join(command_of(run, config)))
        if not harmless:
            kept.append(run)
    return tuple(kept)


def _derive(container: Container, runs: tuple[ContainerRun, ...], inputs: RunInputs, build_args: list[str],
            warnings: list[Finding]) -> DerivedStage:
    config = inputs.configs[container.key]
    if config.volumes:
        raise refuse("MIG603", runs[0].loc, image=container.image, paths=", ".join(config.volumes))
    if "volumes" in config.unknown:
        warnings.append(finding("MIG632", runs[0].loc, image=config.base))
    base = inputs.stage_of[container.key]
    lines = _emptied_mount_points(runs)
    lines += _mounted_sources(runs, inputs, warnings)
    lines += _settings_lines(container.settings, runs[0].loc, inputs.declared_args, build_args)
    for n, run in enumerate(runs):
        if run.refused_option is not None:
            why = _NOT_REPLAYED.get(run.refused_option, "a RUN has no such option")
            raise refuse("MIG600", run.loc, option=run.refused_option, why=why)
        argv = command_of(run, config)
        overrides = _settings_lines(run.settings, run.loc, inputs.declared_args, build_args)
        lines += [*overrides, "RUN " + json.dumps(list(argv))]
        if overrides and n + 1 < len(runs):
            lines += _restore(run.settings, container.settings, config, run.loc)
        if run.failure_ignored:
            warnings.append(finding("MIG630", run.loc, command=shlex.join(argv)))
    warnings.append(finding("MIG631", runs[0].loc, stage=base))
    name = unique_name(f"{base.rsplit('/', 1)[-1].split(':', 1)[0]}-run", inputs.taken)
    inputs.taken.add(name)
    return DerivedStage(name, base, tuple(lines))


def _emptied_mount_points(runs: tuple[ContainerRun, ...]) -> list[str]:
    """A bind mount hid what the image had at its mount point: the command found the host's empty
    directory there, so the derived stage starts from an empty one too."""
    points = sorted({point for run in runs for point in run.mount_points})
    if not points:
        return []
    quoted = " ".join(shlex.quote(point) for point in points)
    return [f"RUN rm -rf -- {quoted} && mkdir -p -- {quoted}"]


def _mounted_sources(runs: tuple[ContainerRun, ...], inputs: RunInputs, warnings: list[Finding]) -> list[str]:
    """A source mount showed the command a directory of the checkout: COPY it from the build
    context, which shows the same files unless an ignore file hides some, or the migration
    changes them."""
    lines = []
    for run in runs:
        for directory, point in run.mount_sources:
            inside = directory == inputs.context or inputs.context == "." or \
                directory.startswith(inputs.context.rstrip("/") + "/")
            if not inside:
                raise refuse("MIG606", run.loc, mount=f"{directory}:{point}",
                             why=f"it lies outside the merged build's context {inputs.context}")
            hidden = sorted(f for f in inputs.hidden if directory == "." or f.startswith(directory + "/"))
            if hidden:
                more = f" and {len(hidden) - 1} more" if len(hidden) > 1 else ""
                raise refuse("MIG608", run.loc, directory=directory, file=hidden[0] + more,
                             ignore=inputs.hidden[hidden[0]])
            changed = sorted(f for f in inputs.rewritten if directory == "." or f.startswith(directory + "/"))
            if changed:
                warnings.append(finding("MIG634", run.loc, files=", ".join(changed)))
            source = posixpath.relpath(directory, inputs.context) if inputs.context != "." else directory
            paths = [source.rstrip("/") + "/", point.rstrip("/") + "/"]
            plain = not any(c in "".join(paths) for c in " \t\"'$\\")
            lines.append("COPY " + (" ".join(paths) if plain else json.dumps(paths)))
    return lines


def _settings_lines(settings: RunSettings, loc: Loc, declared: frozenset[str], build_args: list[str]) -> list[str]:
    lines = []
    if settings.workdir is not None:
        lines.append("WORKDIR " + _plain(settings.workdir, "-w", loc))
    if settings.user is not None:
        lines.append("USER " + _plain(settings.user, "-u", loc))
    for env in settings.env:
        lines.append(_env_line(env, loc, declared, build_args))
    return lines


def _env_line(env: EnvSetting, loc: Loc, declared: frozenset[str], build_args: list[str]) -> str:
    if not _NAME.match(env.name):
        raise refuse("MIG604", loc, setting=env.source, why="its name is not one a Dockerfile can declare")
    if env.value is not None and not env.passed:
        escaped = env.value.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$")
        return f'ENV {env.name}="{escaped}"'
    # a value only the host has: the merged build passes it, and ARG hands it to the RUN's environment
    if env.name in declared:
        raise refuse("MIG604", loc, setting=env.source,
                     why=f"the merged build would pass {env.name} to the other stages that declare it")
    flag = "--build-arg " + env.source
    if flag not in build_args:
        build_args.append(flag)
    return f"ARG {env.name}"


def _restore(own: RunSettings, container: RunSettings, config: ImageConfig, loc: Loc) -> list[str]:
    """After an exec's own -w/-u/-e, the container's settings again for the commands that follow."""
    lines = []
    if own.workdir is not None:
        if container.workdir is None and not config.knows("workdir"):
            raise refuse("MIG605", loc, option="-w")
        lines.append("WORKDIR " + (container.workdir or config.workdir))
    if own.user is not None:
        if container.user is None and not config.knows("user"):
            raise refuse("MIG605", loc, option="-u")
        lines.append("USER " + (container.user or config.user or "0"))
    if own.env:
        raise refuse("MIG605", loc, option="-e")
    return lines


def _plain(value: str, option: str, loc: Loc) -> str:
    if any(c in value for c in "$\\\"' \t") or not value:
        raise refuse("MIG604", loc, setting=f"{option} {value}", why="only a plain value can be written as it was")
    return value
