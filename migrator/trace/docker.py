"""One handler per docker verb. Each reads the command's options with the docker CLI's own rules
(dockercli/) and records what it means for the flow; `HANDLERS` at the bottom maps verbs to
handlers. podman runs the same handlers with podman's differences noted where they matter."""

from __future__ import annotations

import posixpath
from collections.abc import Callable

from migrator.dockercli.images import normalize_image
from migrator.dockercli.options import (
    BUILD_FLAGS,
    BUILD_VALUES,
    BUILDER_DROPPABLE,
    CP_FLAGS,
    RM_FLAGS,
    RMI_FLAGS,
)
from migrator.dockercli.verbs import invocation
from migrator.findings import refuse
from migrator.hostfs import Extracted, Kind
from migrator.model import BuildArg, ContainerCommand, Extraction, ImageBuild, ImageRemoval
from migrator.source import Span
from migrator.trace import containers, host
from migrator.trace.absent_dirs import assume_absent_dir
from migrator.trace.command import Command, Word
from migrator.trace.cp_kind import builder_kind
from migrator.trace.cp_table import CpResult, DestState, docker_cp_result
from migrator.trace.docker_args import parse_args
from migrator.trace.state import TarStream, TraceState
from migrator.trace.values import ContainerId, Unknown, Value, show_path, to_repo_relative

_KIND_STATE = {None: DestState.ABSENT, Kind.FILE: DestState.FILE, Kind.DIR: DestState.DIR}


def handle(state: TraceState, command: Command) -> Value:
    """Entry for `docker …`, `podman …` and `buildah …`: find the verb, dispatch."""
    found = invocation([w.value.literal for w in command.words])
    if found.verb != "run":  # a run's output may be an artifact (trace/cat_stream.py)
        host.apply_redirects(state, command)
    if found.verb is None:
        return Value()
    state.engine = "docker" if found.program == "docker" else "podman"
    words = command.words[found.args_from:]
    handler = HANDLERS.get(found.verb) if found.program != "buildah" or found.verb == "build" else None
    if handler is None:
        return handle_other(state, command, words, command.words[found.verb_at])
    return handler(state, command, words, command.words[found.verb_at])


def handle_build(state: TraceState, command: Command, words: tuple[Word, ...], verb: Word) -> Value:
    args = parse_args(words, BUILD_VALUES, BUILD_FLAGS, stop_at_positional=False)
    if len(args.positionals) != 1:
        raise refuse("MIG109", command.loc, text=command.text)
    context_value = args.positionals[0].value
    if context_value.literal == "-" or "://" in context_value.text or context_value.text.startswith("git@"):
        raise refuse("MIG133", command.loc, context=context_value.text)
    context = _repo_path(state, command, context_value, "the build context")
    file_value = args.last("--file")
    if file_value is not None and file_value.literal == "-":
        raise refuse("MIG134", command.loc, text=command.text)
    dockerfile = (_repo_path(state, command, file_value, "the Dockerfile path") if file_value is not None
                  else posixpath.normpath(posixpath.join(context, "Dockerfile")))
    build_args = []
    for option in args.parsed.named("--build-arg"):
        value = args.value(option)
        name, eq, rest = value.text.partition("=")
        arg_value = None
        if eq:
            arg_value = _after_equals(value).text if value.literal is None else rest
        build_args.append(BuildArg(name, arg_value, args.source(option)))
    target, platform = args.last("--target"), args.last("--platform")
    state.record.build(ImageBuild(
        loc=command.loc,
        span=command.span,
        dockerfile=dockerfile,
        context=context,
        tags=tuple(normalize_image(v.text) for v in args.values("--tag")),
        build_args=tuple(build_args),
        target=target.text if target is not None else None,
        platform=platform.text if platform is not None else None,
        no_cache=args.parsed.has("--no-cache"),
        unsupported_options=tuple(sorted({o.name for o in args.parsed.options} - BUILDER_DROPPABLE)
                                  + list(args.parsed.unknown)),
        host=state.host,
        condition=command.condition,
        engine=state.engine,
    ))
    return Value((Unknown(f"$({command.text})"),)) if command.captured else Value()


def _after_equals(value: Value) -> Value:
    first = value.parts[0] if value.parts else ""
    if isinstance(first, str) and "=" in first:
        rest = first.split("=", 1)[1]
        return Value(((rest,) if rest else ()) + value.parts[1:], value.assumed, value.glob)
    return Value((Unknown(value.text),))


def _repo_path(state: TraceState, command: Command, value: Value, what: str) -> str:
    resolved = state.resolve(value)
    if resolved.literal is None:
        raise refuse("MIG103", command.loc, what=what, value=", ".join(resolved.unknown_names) or value.text)
    state.record.assume(resolved, command.loc, what)
    rel = to_repo_relative(resolved.literal)
    if rel is None:
        raise refuse("MIG144", command.loc, what=what, path=resolved.literal)
    return rel


def _split_cp_arg(value: Value) -> tuple[str | None, Value]:
    """docker's rule: a path starting with / or . is local; otherwise CONTAINER:PATH splits at the first colon."""
    parts = value.parts
    if parts and isinstance(parts[0], ContainerId):
        rest = Value(parts[1:], value.assumed)
        first = rest.parts[0] if rest.parts else ""
        if isinstance(first, str) and first.startswith(":"):
            return parts[0].key, Value(((first[1:],) if first[1:] else ()) + rest.parts[1:], value.assumed)
        return None, value
    first = parts[0] if parts else ""
    if isinstance(first, str) and not first.startswith(("/", ".")) and ":" in first:
        name, path = first.split(":", 1)
        return name, Value(((path,) if path else ()) + parts[1:], value.assumed)
    if isinstance(first, Unknown) and len(parts) > 1 and isinstance(parts[1], str) and parts[1].startswith(":"):
        return first.name, Value(((parts[1][1:],) if parts[1][1:] else ()) + parts[2:], value.assumed)
    return None, value


def handle_cp(state: TraceState, command: Command, words: tuple[Word, ...], verb: Word) -> Value:
    args = parse_args(words, {}, CP_FLAGS, stop_at_positional=False)
    if args.parsed.unknown:
        raise refuse("MIG113", command.loc, option=args.parsed.unknown[0], verb="cp")
    if len(args.positionals) != 2:
        raise refuse("MIG137", command.loc, text=command.text)
    (src_key, src_path), (_, dest_path) = (_split_cp_arg(w.value) for w in args.positionals)
    if src_key is None:
        raise refuse("MIG138", command.loc, text=command.text)
    container = state.record.containers.get(src_key)
    if container is None:
        raise refuse("MIG124", command.loc, container=src_key)
    if args.positionals[1].value.literal == "-":
        if not command.piped_out or src_path.literal is None or not src_path.literal.startswith("/"):
            raise refuse("MIG139", command.loc, text=command.text)
        state.stream = TarStream(src_key, src_path.literal, command)  # the pipeline's next command reads it
        return Value()
    follow = args.parsed.has("-L", "--follow-link") or state.engine == "podman"  # podman cp follows a top-level link
    extract(state, command, src_key, src_path, dest_path, follow, command.span)
    return Value()


def extract(state: TraceState, command: Command, src_key: str, src_path: Value, dest_path: Value, follow: bool,
            span: Span) -> None:
    """`docker cp SRC_KEY:SRC_PATH DEST_PATH`, or what does the same (a tar stream unpacked)."""
    condition = command.condition or state.record.containers[src_key].condition
    if condition:
        raise refuse("MIG108", command.loc, command=command.text, construct=condition)
    spelled = src_path.literal
    if spelled is None:
        raise refuse("MIG103", command.loc, what="the container path", value=", ".join(src_path.unknown_names))
    if state.engine == "podman" and not spelled.startswith("/"):
        raise refuse("MIG130", command.loc, path=spelled)
    known_dir = spelled.endswith("/") or spelled.endswith("/.") or spelled in (".", "")
    dot = spelled.endswith("/.") or spelled == "."
    container_path = posixpath.normpath("/" + spelled.lstrip("/"))
    kind = Kind.DIR if known_dir else builder_kind(state, src_key, container_path)
    target, merged = _cp_target(state, command, f"{src_key}:{spelled}", container_path, dest_path, kind, dot)
    state.host = state.host.place(target, Extracted(src_key, container_path, kind, command.loc), merged)
    runs = tuple(r for r in state.record.runs if r.container == src_key)
    state.record.extraction(Extraction(src_key, container_path, target, kind, merged, command.loc, span, follow, runs))


def _cp_target(state: TraceState, command: Command, shown_src: str, container_path: str, dest_path: Value,
               kind: Kind, dot: bool) -> tuple[str, bool]:
    """Where `docker cp` puts the copy (the table in docker-semantics §1), and whether it merges
    into a directory that was already there."""
    dest_resolved = state.resolve(dest_path)
    dest_literal = dest_resolved.literal
    if dest_literal is None:
        raise refuse("MIG103", command.loc, what="the docker cp destination",
                     value=", ".join(dest_resolved.unknown_names))
    state.record.assume(dest_resolved, command.loc, "the docker cp destination")
    dest = to_repo_relative(dest_literal)
    if dest is None:
        raise refuse("MIG104", command.loc, dest=show_path(dest_literal), why="it is outside the repository")
    dest_kind = state.host.kind(dest)
    if dest_kind is Kind.UNKNOWN:
        raise refuse("MIG104", command.loc, dest=dest, why="it is inside an earlier extraction")
    dest_state = _KIND_STATE[dest_kind]
    slash = (dest_path.literal or "").endswith("/")
    src_is_dir = None if kind is Kind.UNKNOWN else kind is Kind.DIR
    result = docker_cp_result(dest_state, slash, src_is_dir, dot)
    if result is CpResult.FAILS and dest_state is DestState.ABSENT and assume_absent_dir(state, dest, command.loc):
        dest_state = DestState.DIR  # `docker cp c:/w/app bin/`: it only worked where bin/ was there (§HD)
        result = docker_cp_result(dest_state, slash, src_is_dir, dot)
    if result is None:
        why = {DestState.ABSENT: "does not exist and ends with /", DestState.FILE: "is an existing file"}[dest_state]
        raise refuse("MIG105", command.loc, src=f"docker cp {shown_src}", why=f"goes to {dest}, which {why}")
    if result is CpResult.FAILS:
        raise refuse("MIG122", command.loc, why=f"docker cp {shown_src} {dest}: {dest_state.value} destination")
    parent = posixpath.dirname(dest) or "."
    if result is CpResult.AT_DEST and state.host.kind(parent) is not Kind.DIR and \
            not assume_absent_dir(state, parent, command.loc):
        raise refuse("MIG122", command.loc, why=f"docker cp does not create the parent directory of {dest}")
    if result is CpResult.INTO_DEST:
        target = posixpath.join(dest, posixpath.basename(container_path)) if dest != "." else \
            posixpath.basename(container_path)
    else:
        target = dest
    target_kind = state.host.kind(target)
    if result is CpResult.INTO_DEST and target_kind is Kind.FILE:
        raise refuse("MIG105", command.loc, src=f"docker cp {shown_src}", why=f"goes to {target}, an existing file")
    if target_kind is Kind.UNKNOWN:
        raise refuse("MIG104", command.loc, dest=target, why="it already holds an extracted artifact")
    merged = result is CpResult.MERGE_INTO_DEST or (result is CpResult.INTO_DEST and target_kind is Kind.DIR)
    return target, merged


def handle_rm(state: TraceState, command: Command, words: tuple[Word, ...], verb: Word) -> Value:
    args = parse_args(words, {}, RM_FLAGS, stop_at_positional=False)
    # Recorded even for names not created yet: scripts often remove a leftover container first.
    keys = tuple(containers.container_keys(args.positionals))
    state.record.container_command(ContainerCommand("rm", keys, command.loc, command.span))
    return Value()


def handle_rmi(state: TraceState, command: Command, words: tuple[Word, ...], verb: Word) -> Value:
    args = parse_args(words, {}, RMI_FLAGS, stop_at_positional=False)
    images = tuple(normalize_image(w.value.text) for w in args.positionals)
    state.record.image_removal(ImageRemoval(images, command.loc, command.span))
    return Value()


def handle_export(state: TraceState, command: Command, words: tuple[Word, ...], verb: Word) -> Value:
    raise refuse("MIG140", command.loc, text=command.text)


def handle_other(state: TraceState, command: Command, words: tuple[Word, ...], verb: Word) -> Value:
    images = tuple(normalize_image(w.value.text) for w in words if not (w.value.literal or "").startswith("-"))
    state.record.image_use(command.text, images, command.loc, command.span)
    return Value((Unknown(f"$({command.text})"),)) if command.captured else Value()


Handler = Callable[[TraceState, Command, tuple[Word, ...], Word], Value]

HANDLERS: dict[str, Handler] = {
    "build": handle_build,
    "create": containers.handle_create,
    "run": containers.handle_run,
    "cp": handle_cp,
    "rm": handle_rm,
    "rmi": handle_rmi,
    "start": containers.handle_start,
    "exec": containers.handle_exec,
    "wait": containers.handle_wait,
    "export": handle_export,
}
