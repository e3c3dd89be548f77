"""What the script does to host files: the state of extracted artifacts, and mkdir/rm/mv/cp."""

from __future__ import annotations

import fnmatch
import posixpath
from typing import TYPE_CHECKING

from migrator.findings import refuse
from migrator.model import HostArtifact, RepoTree
from migrator.trace.cp_table import DestState
from migrator.trace.values import REPO_ROOT, Value, show_path, to_repo_relative

if TYPE_CHECKING:
    from migrator.trace.run import Command, Tracer


def _within(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip("/") + "/")


class HostState:
    """Host files as the script leaves them, starting from a clean checkout of the repository."""

    def __init__(self, tree: RepoTree):
        self.tree = tree
        self.created: set[str] = set()
        self.removed: set[str] = set()
        self.artifacts: dict[str, HostArtifact] = {}
        self.cidfiles: dict[str, str] = {}

    def artifact_paths(self) -> list[str]:
        return list(self.artifacts)

    def snapshot(self) -> tuple[HostArtifact, ...]:
        return tuple(self.artifacts.values())

    def state(self, path: str) -> DestState | None:
        """Whether a path exists; None when it is unknown (outside the repo, or inside an artifact)."""
        rel = to_repo_relative(path)
        if rel is None or path in self.artifacts:
            return None
        if any(_within(path, a) for a in self.artifacts):
            return None
        if path in self.created or any(_within(a, path) for a in self.artifacts):
            return DestState.DIR
        if any(_within(path, r) for r in self.removed) and not any(_within(path, c) for c in self.created):
            return DestState.ABSENT
        if self.tree.is_dir(rel):
            return DestState.DIR
        return DestState.FILE if rel in self.tree.files else DestState.ABSENT

    def artifact_containing(self, path: str) -> tuple[HostArtifact, str] | None:
        """The artifact at or above `path`, with the path's remainder below it."""
        for root, artifact in self.artifacts.items():
            if _within(path, root):
                return artifact, posixpath.relpath(path, root) if path != root else ""
        return None

    def add_artifact(self, path: str, artifact: HostArtifact) -> None:
        self.artifacts[path] = artifact

    def remove(self, path: str) -> list[str]:
        gone = [a for a in self.artifacts if _within(a, path)]
        for a in gone:
            del self.artifacts[a]
        self.created = {c for c in self.created if not _within(c, path)}
        self.removed.add(path)
        return gone

    def cidfile(self, path: str | None) -> str | None:
        return self.cidfiles.get(path) if path else None


def _operands(command: Command) -> list[Value]:
    out, options_done = [], False
    for word in command.args():
        literal = word.value.literal
        if not options_done and literal is not None and literal.startswith("-") and literal != "-":
            options_done = literal == "--"
            continue
        out.append(word.value)
    return out


def _flags(command: Command) -> set[str]:
    flags = set()
    for word in command.args():
        literal = word.value.literal or ""
        if literal.startswith("--"):
            flags.add(literal)
        elif literal.startswith("-"):
            flags.update("-" + c for c in literal[1:])
    return flags


def _literal_path(tracer: Tracer, command: Command, value: Value, what: str) -> str:
    resolved = tracer.resolve(value)
    if resolved.literal is None:
        raise refuse("MIG103", command.loc, what=what, value=", ".join(resolved.unknown_names) or value.text)
    tracer.record.assume(resolved, command.loc, what)
    return resolved.literal


def handle_mkdir(tracer: Tracer, command: Command) -> Value:
    parents = "-p" in _flags(command) or "--parents" in _flags(command)
    paths = []
    for operand in _operands(command):
        resolved = tracer.resolve(operand)
        if resolved.literal is None:
            continue
        path = resolved.literal
        paths.append(path)
        tracer.host.created.add(path)
        while parents and path != REPO_ROOT and to_repo_relative(path) is not None:
            path = posixpath.dirname(path)
            tracer.host.created.add(path)
    tracer.record.mkdir(command, tuple(paths))
    return Value()


def handle_rm(tracer: Tracer, command: Command) -> Value:
    touched, unrelated = [], False
    for operand in _operands(command):
        resolved = tracer.resolve(operand)
        path = resolved.literal
        if path is None:
            unrelated = True
            continue
        if operand.glob:
            matches = [a for a in tracer.host.artifact_paths() if fnmatch.fnmatchcase(a, path)]
            for match in matches:
                tracer.host.remove(match)
            touched.extend(matches)
            unrelated = unrelated or not matches
            continue
        inside = tracer.host.artifact_containing(path)
        if inside and inside[1] and not tracer.record.consumed(inside[0]):
            raise refuse("MIG119", command.loc, why=f"`{command.text}` removes part of the extracted "
                         f"{inside[0].host_path} before it is built into an image; COPY --from would bring it back")
        in_repo = to_repo_relative(path) in tracer.tree.files | tracer.tree.dirs
        gone = tracer.host.remove(path)
        # Only extracted files, or a staging directory the repository does not hold.
        if inside or (gone and not in_repo):
            touched.append(path)
        else:
            unrelated = True
    if touched and not unrelated:
        tracer.record.host_edit(command, tuple(touched))
    return Value()


def _move_or_copy(tracer: Tracer, command: Command, keep_source: bool) -> Value:
    operands = _operands(command)
    if len(operands) != 2:
        check_consumer(tracer, command)
        return Value()
    source, dest = (tracer.resolve(v).literal for v in operands)
    found = tracer.host.artifact_containing(source) if source else None
    if found is None:
        if dest and tracer.host.artifact_containing(dest):
            raise refuse("MIG106", command.loc, path=show_path(dest), command=command.text)
        return Value()
    artifact, below = found
    if dest is None:
        raise refuse("MIG103", command.loc, what="the new path of an extracted artifact", value=operands[1].text)
    if artifact.merged and not below:
        raise refuse("MIG119", command.loc, why=f"`{command.text}` moves {artifact.host_path}, which mixes "
                     "extracted files with files from the repository")
    if below and not keep_source:
        raise refuse("MIG119", command.loc, why=f"`{command.text}` moves part of the extracted {artifact.host_path}")
    state = tracer.host.state(dest)
    if state is None:
        raise refuse("MIG104", command.loc, dest=show_path(dest), why="it is outside the repository or an artifact")
    target = posixpath.join(dest, posixpath.basename(source)) if state is DestState.DIR else dest
    if not keep_source:
        tracer.host.remove(source)
    container_path = posixpath.join(artifact.container_path, below) if below else artifact.container_path
    tracer.host.add_artifact(target, HostArtifact(
        host_path=to_repo_relative(target), container=artifact.container, container_path=container_path,
        merged=False, known_dir=artifact.known_dir and not below, extracted_at=artifact.extracted_at))
    tracer.record.host_edit(command, (source, target))
    return Value()


def handle_mv(tracer: Tracer, command: Command) -> Value:
    return _move_or_copy(tracer, command, keep_source=False)


def handle_cp(tracer: Tracer, command: Command) -> Value:
    return _move_or_copy(tracer, command, keep_source=True)


def check_consumer(tracer: Tracer, command: Command) -> None:
    """Refuse when a command the tracer does not model reads or changes an extracted artifact."""
    cwd = tracer.cwd.literal
    words = command.words if "/" in (command.name or "") else command.args()  # `./app --version` runs it
    for word in words:
        literal = word.value.literal
        if not literal or literal.startswith("-"):
            continue
        path = tracer.resolve(word.value).literal
        if path is None or path in (cwd, REPO_ROOT):
            continue
        for artifact_path in tracer.host.artifact_paths():
            if _within(path, artifact_path) or _within(artifact_path, path):
                raise refuse("MIG106", command.loc, path=show_path(artifact_path), command=command.text)



HANDLERS = {
    "mkdir": handle_mkdir,
    "rm": handle_rm,
    "mv": handle_mv,
    "cp": handle_cp,
}

