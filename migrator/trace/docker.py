"""One handler per docker verb. Each reads the command's options the way the docker CLI does
and records what it means for the flow; `HANDLERS` at the bottom maps verbs to handlers."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import TYPE_CHECKING

from migrator.docker_options import (BUILD_FLAGS, BUILD_VALUES, BUILDER_DROPPABLE, CONTAINER_FLAGS, CONTAINER_VALUES,
                                     GLOBAL_VALUE_OPTIONS, MOUNTS)
from migrator.findings import refuse
from migrator.model import BuildArg, Container, ContainerRemoval, Extraction, HostArtifact, ImageBuild, ImageRemoval, Span
from migrator.trace.cp_table import CpResult, DestState, docker_cp_result
from migrator.trace.values import ContainerId, Unknown, Value, show_path, to_repo_relative

if TYPE_CHECKING:
    from migrator.trace.run import Command, Tracer, Word

# A command that leaves the container's filesystem as the image built it.
_HARMLESS_COMMANDS = {"true", "/bin/true", ":", "sleep", "/bin/sleep", "echo", "/bin/echo", "tail"}


@dataclass(frozen=True)
class Option:
    name: str
    value: Word | None
    flag: Word  # the word holding the option; `value` may be the same word (`--tag=x`)


@dataclass(frozen=True)
class ParsedArgs:
    options: tuple[Option, ...]
    positionals: tuple[Word, ...]
    unknown: tuple[str, ...]

    def values(self, name: str) -> list[Value]:
        return [self._value(o) for o in self.options if o.name == name]

    def last(self, name: str) -> Value | None:
        found = self.values(name)
        return found[-1] if found else None

    def has(self, name: str) -> bool:
        return any(o.name == name for o in self.options)

    def _value(self, option: Option) -> Value:
        word = option.value
        if word is option.flag:  # --name=value
            return _after_equals(word.value)
        return word.value if word is not None else Value()


def _after_equals(value: Value) -> Value:
    first = value.parts[0] if value.parts else ""
    if isinstance(first, str) and "=" in first:
        rest = first.split("=", 1)[1]
        return Value(((rest,) if rest else ()) + value.parts[1:], value.assumed, value.glob)
    return Value((Unknown(value.text),))


def parse_args(words: tuple[Word, ...], values: dict[str, str], flags: set[str], stop_at_positional: bool) -> ParsedArgs:
    """Split docker CLI arguments into options and positionals, as docker's pflag does."""
    options, positionals, unknown = [], [], []
    i = 0
    while i < len(words):
        word = words[i]
        text = word.value.literal
        if text is None or not text.startswith("-") or text == "-":
            positionals.append(word)
            if stop_at_positional:
                positionals.extend(words[i + 1:])
                break
            i += 1
            continue
        if text == "--":
            positionals.extend(words[i + 1:])
            break
        if text.startswith("--"):
            name = text.split("=", 1)[0]
            if name in values:
                if "=" in text:
                    options.append(Option(values[name], word, word))
                else:
                    options.append(Option(values[name], words[i + 1] if i + 1 < len(words) else None, word))
                    i += 1
            elif name in flags:
                options.append(Option(name, None, word))
            else:
                unknown.append(name)
            i += 1
            continue
        # short options: -it, -tname, -t name
        for k, char in enumerate(text[1:], start=1):
            short = "-" + char
            if short in values:
                if k + 1 < len(text):
                    options.append(Option(values[short], Word(Value.of(text[k + 1:]), word.start, word.end), word))
                else:
                    options.append(Option(values[short], words[i + 1] if i + 1 < len(words) else None, word))
                    i += 1
                break
            if short in flags:
                options.append(Option(short, None, word))
            else:
                unknown.append(short)
        i += 1
    return ParsedArgs(tuple(options), tuple(positionals), tuple(unknown))


def normalize_image(ref: str) -> str:
    """Make `docker.io/library/app` and `app:latest` the same key."""
    for prefix in ("docker.io/library/", "index.docker.io/library/", "docker.io/", "localhost/"):
        if ref.startswith(prefix):
            ref = ref[len(prefix):]
    last = ref.rsplit("/", 1)[-1]
    if ":" not in last and "@" not in last:
        ref += ":latest"
    return ref



def _source(tracer: Tracer, *words: Word) -> str:
    return " ".join(tracer.script.text[w.start:w.end] for w in dict.fromkeys(words))


def handle(tracer: Tracer, command: Command) -> Value:
    """Entry for `docker …` and `podman …`: skip global options, find the verb, dispatch."""
    words = list(command.args())
    while words and (words[0].value.literal or "").startswith("-"):
        flag = words.pop(0).value.literal
        if flag in GLOBAL_VALUE_OPTIONS and words:
            words.pop(0)
    verb_words = []
    while words and len(verb_words) < 2:
        literal = words[0].value.literal
        if literal in ("container", "image", "buildx", "builder") and not verb_words:
            verb_words.append(words.pop(0))
            continue
        if literal is not None:
            verb_words.append(words.pop(0))
        break
    if not verb_words:
        return Value()
    group = verb_words[0].value.literal if len(verb_words) == 2 else None
    verb = verb_words[-1].value.literal
    handler = HANDLERS.get((group, verb)) or HANDLERS.get((None, verb))
    if handler is None:
        return handle_other(tracer, command, tuple(words))
    return handler(tracer, command, tuple(words), verb_words[-1])


def handle_build(tracer: Tracer, command: Command, words: tuple[Word, ...], verb: Word) -> Value:
    args = parse_args(words, BUILD_VALUES, BUILD_FLAGS, stop_at_positional=False)
    if len(args.positionals) != 1:
        raise refuse("MIG109", command.loc, form="a docker build without exactly one context", text=command.text)
    context_value = args.positionals[0].value
    if context_value.literal == "-" or "://" in context_value.text or context_value.text.startswith("git@"):
        raise refuse("MIG109", command.loc, form="a docker build whose context is not a local directory",
                     text=command.text)
    context = _repo_path(tracer, command, context_value, "the build context")
    file_value = args.last("--file")
    if file_value is not None and file_value.literal == "-":
        raise refuse("MIG109", command.loc, form="a Dockerfile read from standard input", text=command.text)
    dockerfile = (_repo_path(tracer, command, file_value, "the Dockerfile path") if file_value is not None
                  else posixpath.normpath(posixpath.join(context, "Dockerfile")))
    build_args = []
    for option in args.options:
        if option.name != "--build-arg":
            continue
        value = args._value(option)
        name, eq, rest = value.text.partition("=")
        arg_value = None
        if eq:
            arg_value = _after_equals(value).text if value.literal is None else rest
        words_used = (option.flag,) if option.value is option.flag else (option.flag, option.value)
        build_args.append(BuildArg(name, arg_value, _source(tracer, *words_used)))
    no_cache = next((Span(o.flag.start, o.flag.end) for o in args.options if o.name == "--no-cache"), None)
    target, platform = args.last("--target"), args.last("--platform")
    tracer.record.build(ImageBuild(
        loc=command.loc,
        span=command.span,
        dockerfile=dockerfile,
        context=context,
        tags=tuple(normalize_image(v.text) for v in args.values("--tag")),
        build_args=tuple(build_args),
        target=target.text if target is not None else None,
        platform=platform.text if platform is not None else None,
        no_cache=no_cache,
        verb_end=verb.end,
        unsupported_options=tuple(sorted({o.name for o in args.options} - BUILDER_DROPPABLE) + list(args.unknown)),
        artifacts=tracer.host.snapshot(),
        condition=command.condition,
    ))
    return Value((Unknown(f"$({command.text})"),)) if command.captured else Value()


def _repo_path(tracer: Tracer, command: Command, value: Value, what: str) -> str:
    resolved = tracer.resolve(value)
    if resolved.literal is None:
        raise refuse("MIG103", command.loc, what=what, value=", ".join(resolved.unknown_names) or value.text)
    tracer.record.assume(resolved, command.loc, what)
    rel = to_repo_relative(resolved.literal)
    if rel is None:
        raise refuse("MIG119", command.loc, why=f"{what} {resolved.literal} is outside the repository")
    return rel


def _create_container(tracer: Tracer, command: Command, words: tuple[Word, ...], runs: bool) -> Value:
    args = parse_args(words, CONTAINER_VALUES, CONTAINER_FLAGS, stop_at_positional=True)
    verb = "run" if runs else "create"
    if args.unknown:
        raise refuse("MIG113", command.loc, option=args.unknown[0], verb=verb)
    if any(o.name in MOUNTS for o in args.options):
        form = "docker run with a bind mount (artifacts written at run time)" if runs else "docker create with a volume"
        raise refuse("MIG109", command.loc, form=form, text=command.text)
    if runs and (any(r.startswith(">") for r in command.redirects) or command.in_pipeline):
        raise refuse("MIG109", command.loc, form="docker run output captured on the host (run … cat/tar)",
                     text=command.text)
    if not args.positionals:
        return Value()
    image = normalize_image(args.positionals[0].value.text)
    name = args.last("--name")
    if runs and name is None and not command.captured:
        tracer.record.image_use(command, (image,))
        return Value()
    key = name.text if name is not None else f"#{len(tracer.record.containers) + 1}"
    platform = args.last("--platform")
    # `id=$(docker create …)`: the whole assignment goes when the container does
    span = tracer.current_span if command.captured else command.span
    tracer.record.container(Container(key, image, command.loc, span,
                                      platform.text if platform is not None else None, command.condition))
    if runs:
        run_command = [w.value.text for w in args.positionals[1:]]
        if not run_command or run_command[0] not in _HARMLESS_COMMANDS:
            tracer.record.ran[key] = " ".join(run_command) or f"the CMD of {image}"
    cidfile = args.last("--cidfile")
    if cidfile is not None and tracer.resolve(cidfile).literal:
        tracer.host.cidfiles[tracer.resolve(cidfile).literal] = key
    return Value((ContainerId(key),)) if command.captured else Value()


def handle_create(tracer: Tracer, command: Command, words: tuple[Word, ...], verb: Word) -> Value:
    return _create_container(tracer, command, words, runs=False)


def handle_run(tracer: Tracer, command: Command, words: tuple[Word, ...], verb: Word) -> Value:
    return _create_container(tracer, command, words, runs=True)


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


def handle_cp(tracer: Tracer, command: Command, words: tuple[Word, ...], verb: Word) -> Value:
    args = parse_args(words, {}, {"-L", "--follow-link", "-a", "--archive", "-q", "--quiet"}, stop_at_positional=False)
    if args.unknown:
        raise refuse("MIG113", command.loc, option=args.unknown[0], verb="cp")
    if len(args.positionals) != 2:
        raise refuse("MIG109", command.loc, form="docker cp without a source and a destination", text=command.text)
    (src_key, src_path), (dest_key, dest_path) = (_split_cp_arg(w.value) for w in args.positionals)
    if src_key is None:
        raise refuse("MIG109", command.loc, form="docker cp into a container", text=command.text)
    if args.positionals[1].value.literal == "-":
        raise refuse("MIG109", command.loc, form="docker cp to standard output (a tar stream)", text=command.text)
    container = tracer.record.containers.get(src_key)
    if container is None:
        raise refuse("MIG124", command.loc, container=src_key)
    if src_key in tracer.record.ran:
        raise refuse("MIG115", command.loc, command=tracer.record.ran[src_key])
    condition = command.condition or container.condition
    if condition:
        raise refuse("MIG108", command.loc, command=command.text, construct=condition)
    spelled = src_path.literal
    if spelled is None:
        raise refuse("MIG103", command.loc, what="the container path", value=", ".join(src_path.unknown_names))
    known_dir = spelled.endswith("/") or spelled.endswith("/.") or spelled in (".", "")
    dot = spelled.endswith("/.") or spelled == "."
    container_path = posixpath.normpath("/" + spelled.lstrip("/"))
    dest_resolved = tracer.resolve(dest_path)
    dest = dest_resolved.literal
    shown_src = f"{src_key}:{spelled}"
    if dest is None:
        raise refuse("MIG103", command.loc, what="the docker cp destination", value=", ".join(dest_resolved.unknown_names))
    tracer.record.assume(dest_resolved, command.loc, "the docker cp destination")
    state = tracer.host.state(dest)
    if state is None:
        why = "it is outside the repository" if to_repo_relative(dest) is None else "it is inside an earlier extraction"
        raise refuse("MIG104", command.loc, dest=show_path(dest), why=why)
    slash = (dest_path.literal or "").endswith("/")
    result = docker_cp_result(state, slash, True if known_dir else None, dot)
    if result is None:
        why = {DestState.ABSENT: "does not exist and ends with /", DestState.FILE: "is an existing file"}[state]
        raise refuse("MIG105", command.loc, src=f"docker cp {shown_src}", why=f"goes to {show_path(dest)}, which {why}")
    if result is CpResult.FAILS:
        raise refuse("MIG122", command.loc, why=f"docker cp {shown_src} {show_path(dest)}: {state.value} destination")
    if result is CpResult.AT_DEST and tracer.host.state(posixpath.dirname(dest)) is not DestState.DIR:
        raise refuse("MIG122", command.loc, why=f"docker cp does not create the parent directory of {show_path(dest)}")
    target = posixpath.join(dest, posixpath.basename(container_path)) if result is CpResult.INTO_DEST else dest
    target_state = tracer.host.state(target)
    if result is CpResult.INTO_DEST and target_state is DestState.FILE:
        raise refuse("MIG105", command.loc, src=f"docker cp {shown_src}", why=f"goes to {show_path(target)}, an existing file")
    if target_state is None:
        raise refuse("MIG104", command.loc, dest=show_path(target), why="it already holds an extracted artifact")
    merged = result is CpResult.MERGE_INTO_DEST or (result is CpResult.INTO_DEST and target_state is DestState.DIR)
    artifact = HostArtifact(to_repo_relative(target), src_key, container_path, merged, known_dir, command.loc)
    tracer.host.add_artifact(target, artifact)
    follow = args.has("-L") or args.has("--follow-link")
    tracer.record.extraction(Extraction(src_key, container_path, artifact, command.loc, command.span, follow))
    return Value()


def _container_keys(words: tuple[Word, ...]) -> list[str]:
    keys = []
    for word in words:
        parts = word.value.parts
        keys.append(parts[0].key if len(parts) == 1 and isinstance(parts[0], ContainerId) else word.value.text)
    return keys


def handle_rm(tracer: Tracer, command: Command, words: tuple[Word, ...], verb: Word) -> Value:
    args = parse_args(words, {}, {"-f", "--force", "-v", "--volumes", "-l", "--link"}, stop_at_positional=False)
    # Recorded even for names not created yet: scripts often remove a leftover container first.
    tracer.record.container_removal(ContainerRemoval(tuple(_container_keys(args.positionals)), command.loc,
                                                     command.span))
    return Value()


def handle_rmi(tracer: Tracer, command: Command, words: tuple[Word, ...], verb: Word) -> Value:
    args = parse_args(words, {}, {"-f", "--force", "--no-prune"}, stop_at_positional=False)
    images = tuple(normalize_image(w.value.text) for w in args.positionals)
    tracer.record.image_removal(ImageRemoval(images, command.loc, command.span))
    return Value()


def handle_start_or_exec(tracer: Tracer, command: Command, words: tuple[Word, ...], verb: Word) -> Value:
    for key in _container_keys(tuple(w for w in words if not (w.value.literal or "").startswith("-"))):
        tracer.record.ran[key] = command.text
    return Value()


def handle_export(tracer: Tracer, command: Command, words: tuple[Word, ...], verb: Word) -> Value:
    raise refuse("MIG109", command.loc, form="docker export (the whole container filesystem as a tar)",
                 text=command.text)


def handle_other(tracer: Tracer, command: Command, words: tuple[Word, ...], verb: Word | None = None) -> Value:
    images = tuple(normalize_image(w.value.text) for w in words if not (w.value.literal or "").startswith("-"))
    tracer.record.image_use(command, images)
    return Value((Unknown(f"$({command.text})"),)) if command.captured else Value()


HANDLERS = {
    (None, "build"): handle_build,
    ("image", "build"): handle_build,
    ("buildx", "build"): handle_build,
    ("builder", "build"): handle_build,
    (None, "create"): handle_create,
    (None, "run"): handle_run,
    (None, "cp"): handle_cp,
    (None, "rm"): handle_rm,
    ("container", "remove"): handle_rm,
    (None, "rmi"): handle_rmi,
    ("image", "rm"): handle_rmi,
    ("image", "remove"): handle_rmi,
    (None, "start"): handle_start_or_exec,
    (None, "exec"): handle_start_or_exec,
    (None, "export"): handle_export,
}
