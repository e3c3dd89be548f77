"""The trace engine: runs, symbolically and in order, the commands a front end read from its
orchestration file, and records what they do to images, containers and host files.

It knows no front end. A front end (frontends/) parses its own syntax, keeps its own variables and
control flow, and hands each command it reaches to `run`, which answers with the command's output
as a value (for `$(…)`): docker, podman and buildah go to trace/docker.py, host file commands to
trace/host.py, commands that compute a value (dirname, basename, cat of a cidfile …) are answered
here, and anything else is recorded with the paths it names (default-deny: the plan refuses it when
one is an artifact). Nothing is executed."""

from __future__ import annotations

import posixpath
from collections.abc import Callable

from migrator.dockercli.verbs import strip_sudo
from migrator.hostfs import HostFiles, RepoTree
from migrator.model import Flow, Guard, HostStep, StepKind
from migrator.trace import docker, guards, host, host_post
from migrator.trace.command import Command
from migrator.trace.record import Recorder
from migrator.trace.state import BuilderKind, TraceState
from migrator.trace.tar_stream import read_stream
from migrator.trace.values import ContainerId, Unknown, Value, from_repo_relative, to_repo_relative

# Runs the orchestration file a command names (`./build.sh`, `make image`) into the same engine;
# True when the command was such a call. Supplied by the front ends' side (frontends/tracing.py).
FileCall = Callable[[Command], bool]


class TraceEngine:
    def __init__(self, tree: RepoTree, script: str, start_dir: str, calls: FileCall | None = None,
                 builder_kind: BuilderKind | None = None):
        self.state = TraceState(tree, Value.of(from_repo_relative(start_dir)), HostFiles(tree),
                                Recorder(script, start_dir), builder_kind=builder_kind)
        self.calls = calls

    def run(self, command: Command) -> Value:
        """Run one command; its value is what it prints, as far as the trace can tell."""
        skip = strip_sudo([w.value.literal for w in command.words])
        if skip:
            command = command.without_first(skip)
        name = command.name or ""
        if self.state.stream is not None:  # `docker cp c:P - | tar -x`: this command reads the stream
            stream, self.state.stream = self.state.stream, None
            return read_stream(self.state, command, stream)
        if name in ("docker", "podman", "buildah"):
            return docker.handle(self.state, command)  # `docker run … cat > f` makes f its own way
        host.apply_redirects(self.state, command)  # the shell opens them before the command runs
        answer = VALUE_COMMANDS.get(name)
        if answer is not None:
            if answer is not _cat:  # cat records what it reads, redirects included
                host.record_redirects(self.state, command)
            return answer(self.state, command)
        if self.calls is not None and self.calls(command):
            return unknown_output(command) if command.captured else Value()
        handler = host.HANDLERS.get(name) or host_post.HANDLERS.get(name)
        if handler is not None:
            handler(self.state, command)
        else:
            host.check_other(self.state, command)
        return unknown_output(command) if command.captured or handler is None else Value()

    def record_redirects(self, command: Command) -> None:
        """A front end's own builtin (`echo v > f`, `read v < f`): only its redirects touch files."""
        host.apply_redirects(self.state, command)
        host.record_redirects(self.state, command)

    def change_directory(self, target: Value, command: Command) -> None:
        """`cd TARGET`: the working directory changes; changing into an extracted directory is a use
        of it (the plan refuses that)."""
        self.state.cwd = self.state.resolve(target)
        literal = self.state.cwd.literal
        path = to_repo_relative(literal) if literal is not None else None
        if path is not None and path != ".":
            self.state.record.host_step(HostStep(StepKind.OTHER, command.text, command.loc, command.span, (path,),
                                                 (), (), command.in_test))

    def evaluate(self, command: Command) -> guards.Verdict:
        """A file test's answer on the clean checkout plus the host state so far (trace/guards.py),
        for a front end that decides `if`, `&&` and `||` on it."""
        return guards.evaluate(self.state, command)

    def record_guard(self, guard: Guard) -> None:
        """A test a front end decided: the plan removes it with what it guarded, or keeps it."""
        self.state.record.guard(guard)

    def flow(self, runner: tuple[str, ...]) -> Flow:
        """What the run found; RUNNER: how the flow's users start it (for verify)."""
        return self.state.record.flow(runner)


def unknown_output(command: Command) -> Value:
    return Value((Unknown(f"$({command.text})"),))


def _operands(command: Command) -> list[Value]:
    return [w.value for w in command.args() if not (w.value.literal or "").startswith("-")]


def _dirname(state: TraceState, command: Command) -> Value:
    args = _operands(command)
    if args and args[0].literal is not None and not args[0].glob:
        return Value.of(posixpath.dirname(args[0].literal.rstrip("/")) or ".")
    return unknown_output(command)


def _basename(state: TraceState, command: Command) -> Value:
    args = [w.value for w in command.args()]
    if args and args[0].literal is not None and not args[0].glob:  # `basename d/*` names no one file
        base = posixpath.basename(args[0].literal.rstrip("/"))
        suffix = args[1].literal if len(args) > 1 else None
        if suffix and base.endswith(suffix):
            base = base[: -len(suffix)]
        return Value.of(base)
    return unknown_output(command)


def _realpath(state: TraceState, command: Command) -> Value:
    args = _operands(command)
    return state.resolve(args[0]) if args else state.cwd


def _pwd(state: TraceState, command: Command) -> Value:
    return state.cwd


def _cat(state: TraceState, command: Command) -> Value:
    """`$(cat FILE)`: a container id when FILE is a --cidfile; otherwise it reads host files."""
    if command.captured:
        for word in command.args():
            key = state.cidfiles.get(state.resolve(word.value).literal or "")
            if key is not None:
                return Value((ContainerId(key),))
    host.handle_inspection(state, command)
    return unknown_output(command)


# Commands whose output the trace can compute: a path, a name, a container id.
VALUE_COMMANDS: dict[str, Callable[[TraceState, Command], Value]] = {
    "dirname": _dirname,
    "basename": _basename,
    "realpath": _realpath,
    "readlink": _realpath,
    "pwd": _pwd,
    "cat": _cat,
}
