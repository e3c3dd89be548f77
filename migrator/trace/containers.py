"""`docker create`, `run`, `start`, `exec` and `wait`: which containers the script makes, with what
settings, and which commands run in them before files are copied out (ContainerRun), in order.

The trace records; the plan decides. A run in a container the script never copies from does not
matter, so nothing here refuses an option a RUN could not reproduce (`-t`, `--privileged`): the run
carries it, and the plan refuses when that container's files reach the image.
"""

from __future__ import annotations

from dataclasses import dataclass

from migrator.dockercli.images import normalize_image
from migrator.dockercli.options import CONTAINER_FLAGS, CONTAINER_VALUES, EXEC_FLAGS, EXEC_VALUES
from migrator.findings import refuse
from migrator.hostfs import Extracted, Kind
from migrator.model import Container, ContainerCommand, ContainerRun, EnvSetting, Extraction, RunSettings
from migrator.trace import host
from migrator.trace.cat_stream import NEW_FILE_MODE, CatStream, cat_stream
from migrator.trace.command import Command, Word
from migrator.trace.docker_args import Args, parse_args
from migrator.trace.mounts import OutputMount, output_mounts
from migrator.trace.state import TraceState
from migrator.trace.values import ContainerId, Unknown, Value

# Options whose effect on the files a command makes a RUN reproduces, or that have none (bind
# mounts are modelled in mounts.py, which refuses the others).
REPLAYED = {"--volume", "--mount", "--name", "--rm", "--env", "--workdir", "--user", "--entrypoint", "--platform",
            "--label", "--init",
            "--pull", "--memory", "--ulimit", "--shm-size", "--restart", "--publish", "--expose", "-P",
            "--publish-all", "--log-driver", "--stop-signal", "--cidfile", "-q", "--quiet", "-d", "--detach"}


@dataclass(frozen=True)
class _Created:
    """What `docker create`/`run` gave a container, for a later `docker start`."""

    args: tuple[str, ...]
    unresolved: tuple[str, ...]
    entrypoint: str | None
    refused_option: str | None
    mounts: tuple[OutputMount, ...]


def handle_create(state: TraceState, command: Command, words: tuple[Word, ...], verb: Word) -> Value:
    return _container(state, command, words, runs=False)


def handle_run(state: TraceState, command: Command, words: tuple[Word, ...], verb: Word) -> Value:
    return _container(state, command, words, runs=True)


def _container(state: TraceState, command: Command, words: tuple[Word, ...], runs: bool) -> Value:
    args = parse_args(words, CONTAINER_VALUES, CONTAINER_FLAGS, stop_at_positional=True)
    verb = "run" if runs else "create"
    if args.parsed.unknown:
        raise refuse("MIG113", command.loc, option=args.parsed.unknown[0], verb=verb)
    mounts = output_mounts(state, command, args)
    stream = cat_stream(state, command, args) if runs and args.positionals else None
    if stream is None:
        host.apply_redirects(state, command)
    if not args.positionals:
        return Value()
    image = normalize_image(args.positionals[0].value.text)
    name = args.last("--name")
    if runs and name is None and not command.captured and not mounts and not stream:  # a throwaway
        state.record.image_use(command.text, (image,), command.loc, command.span, "run")
        return Value()
    key = name.text if name is not None else f"#{len(state.record.containers) + 1}"
    platform = args.last("--platform")
    # `id=$(docker create …)`: the whole assignment goes when the container does
    span = command.statement if command.captured else command.span
    state.record.container(Container(key, image, command.loc, span, platform.text if platform is not None else None,
                                     command.condition, workdir_relative=state.engine == "podman",
                                     settings=_settings(args)))
    created = _Created(*_words(args.positionals[1:]), _entrypoint(args), _refused_option(args), mounts)
    state.created[key] = created
    if runs:
        _record_run(state, command, key, created, background=args.parsed.has("-d", "--detach"))
    if stream is not None:
        _record_cat(state, command, key, stream)
    cidfile = args.last("--cidfile")
    cidfile_path = state.resolve(cidfile).literal if cidfile is not None else None
    if cidfile_path:
        state.cidfiles[cidfile_path] = key
    return Value((ContainerId(key),)) if command.captured else Value()


def handle_start(state: TraceState, command: Command, words: tuple[Word, ...], verb: Word) -> Value:
    """`docker start [-a] C…` runs each container's command again, from where its files are."""
    attached = any((w.value.literal or "") in ("-a", "--attach") for w in words)
    for key in container_keys(tuple(w for w in words if not (w.value.literal or "").startswith("-"))):
        created = state.created.get(key)
        if created is not None:
            _record_run(state, command, key, created, background=not attached)
    return Value()


def handle_exec(state: TraceState, command: Command, words: tuple[Word, ...], verb: Word) -> Value:
    args = parse_args(words, EXEC_VALUES, EXEC_FLAGS, stop_at_positional=True)
    if args.parsed.unknown:
        raise refuse("MIG113", command.loc, option=args.parsed.unknown[0], verb="exec")
    if not args.positionals:
        return Value()
    key = container_keys(args.positionals[:1])[0]
    if key not in state.record.containers:
        return Value()  # a container the script did not make: none of the flow's business
    argv, unresolved = _words(args.positionals[1:])
    refused = next((o.name for o in args.parsed.options if o.name not in ("--env", "--workdir", "--user")), None)
    state.record.run(ContainerRun(key, argv, None, False, _settings(args), command.loc, command.span,
                                  failure_ignored=not state.errexit, background=args.parsed.has("-d", "--detach"),
                                  unresolved=unresolved, refused_option=refused))
    return Value()


def handle_wait(state: TraceState, command: Command, words: tuple[Word, ...], verb: Word) -> Value:
    keys = container_keys(tuple(w for w in words if not (w.value.literal or "").startswith("-")))
    for key in keys:
        state.record.waited(key)
    state.record.container_command(ContainerCommand("wait", tuple(keys), command.loc, command.span))
    return Value((Unknown(f"$({command.text})"),)) if command.captured else Value()  # it prints the exit code


def container_keys(words: tuple[Word, ...]) -> list[str]:
    """The containers WORDS name: a captured id by its key, a name as written."""
    keys = []
    for word in words:
        parts = word.value.parts
        keys.append(parts[0].key if len(parts) == 1 and isinstance(parts[0], ContainerId) else word.value.text)
    return keys


def _record_run(state: TraceState, command: Command, key: str, created: _Created, background: bool) -> None:
    state.record.run(ContainerRun(key, created.args, created.entrypoint, True, RunSettings(), command.loc,
                                  command.span, failure_ignored=not state.errexit, background=background,
                                  unresolved=created.unresolved, refused_option=created.refused_option,
                                  mount_points=tuple(m.container for m in created.mounts),
                                  mount_sources=tuple((m.host, m.container) for m in created.mounts if m.shows_repo)))
    # the host directory now holds exactly what the container's mount point held when the command
    # ended: an extraction of it, made by the run
    runs = tuple(r for r in state.record.runs if r.container == key)
    for mount in created.mounts:
        if mount.read_only:
            continue
        state.host = state.host.place(mount.host, Extracted(key, mount.container, Kind.DIR, command.loc))
        state.record.extraction(Extraction(key, mount.container, mount.host, Kind.DIR, False, command.loc,
                                           command.span, False, runs))


def _record_cat(state: TraceState, command: Command, key: str, stream: CatStream) -> None:
    """`cat PATH > FILE`: FILE holds what PATH held, with the mode a new file gets; cat reads
    through a symbolic link, as COPY --from does."""
    runs = tuple(r for r in state.record.runs if r.container == key)
    state.host = state.host.place(stream.target, Extracted(key, stream.container_path, Kind.FILE, command.loc,
                                                           mode=NEW_FILE_MODE))
    state.record.extraction(Extraction(key, stream.container_path, stream.target, Kind.FILE, False, command.loc,
                                       command.span, True, runs, printed=True))


def _words(words: tuple[Word, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(the command's words as far as known, the spellings of those that are not)."""
    unresolved = tuple(w.source for w in words if w.value.literal is None or w.value.glob)
    return tuple(w.value.text for w in words), unresolved


def _entrypoint(args: Args) -> str | None:
    value = args.last("--entrypoint")
    return value.text if value is not None else None


def _refused_option(args: Args) -> str | None:
    return next((o.name for o in args.parsed.options if o.name not in REPLAYED), None)


def _settings(args: Args) -> RunSettings:
    env = []
    for option in args.parsed.named("--env"):
        value = args.value(option)
        spelled = args.words[option.value_at].source if option.value_at is not None else value.text
        name, eq, rest = value.text.partition("=")
        if not eq:
            env.append(EnvSetting(name, None, True, spelled))
        else:
            # a value that rests on a default the trace assumed (`${V:-1}`) is the host's to give
            known = value.literal is not None and not value.assumed
            env.append(EnvSetting(name, rest if known else None, False, spelled))
    workdir, user = args.last("--workdir"), args.last("--user")
    return RunSettings(tuple(env), workdir.text if workdir is not None else None,
                       user.text if user is not None else None)
