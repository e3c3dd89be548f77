"""The runtime's COPY/ADD instructions that read what the host held -> the instructions that
replace them in the merged Dockerfile.

Each source is composed (hostfs.compose) into the pieces the host held at that path, in the order
they were laid down; replaying them in that order as COPY instructions rebuilds the same files:
`COPY --from=<stage>` for extracted pieces, context copies for checkout pieces, sources of one
instruction kept in their order so that later ones still override earlier ones. The legacy COPY
made every file root's (0:0), so each `COPY --from` gets `--chown=0:0` unless the instruction had
its own `--chown` (docker-semantics §12).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, replace

from migrator.findings import Finding, finding, refuse
from migrator.hostfs import (
    EmptyDir,
    Extracted,
    HostWritten,
    Kind,
    Piece,
    RepoContent,
    RepoTree,
    Unrepresentable,
    within,
)
from migrator.model import ArtifactMove, ImageBuild
from migrator.parse.dockerfile import Dockerfile, Instruction
from migrator.plan.archives import Archive
from migrator.plan.copy_args import VARIABLE, values_at
from migrator.plan.globs import WILDCARD, container_pattern, extracted_root, wildcard_root
from migrator.plan.post_stages import EMPTY_DIR, UNPACKED, PostStages
from migrator.plan.windows import copy_source
from migrator.source import Loc

_ARCHIVE_SUFFIXES = (".tar", ".tgz", ".tar.gz", ".gz", ".tbz", ".tbz2", ".tar.bz2", ".bz2", ".txz", ".tar.xz",
                     ".xz", ".zst", ".tar.zst", ".tzst")
_CARRIED_FLAGS = ("--chown", "--chmod", "--link")


@dataclass(frozen=True)
class ContextCopy:
    """A copy from the build context; `original` when it is the instruction's own sources, unchanged."""

    keyword: str
    sources: tuple[str, ...]
    dest: str
    flags: tuple[str, ...]
    original: bool = False


@dataclass(frozen=True)
class StageCopy:
    stage: str  # a stage name, or an image reference for a container of an image not built here
    path: str
    dest: str
    flags: tuple[str, ...]


NewCopy = ContextCopy | StageCopy


@dataclass(frozen=True)
class CopyRewrite:
    index: int  # instruction index in the runtime Dockerfile
    copies: tuple[NewCopy, ...]


@dataclass(frozen=True)
class RenameStage:
    """`FROM scratch AS name` holding files under the names the host gave them, for a COPY whose
    result depends on the name and on whether its destination is a directory (docker-semantics §3)."""

    name: str
    copies: tuple[NewCopy, ...]


@dataclass(frozen=True)
class HostRead:
    """A host path a runtime COPY (at `loc`) read from the context, which the replay reads elsewhere."""

    path: str
    kind: Kind
    loc: Loc
    repo_path: str | None = None  # repository content: the path the replay reads it from


@dataclass(frozen=True)
class Replay:
    rewrites: tuple[CopyRewrite, ...]
    rename_stages: tuple[RenameStage, ...]
    moves: tuple[ArtifactMove, ...]
    consumed: frozenset[Loc]  # the extractions whose files reach the image
    warnings: tuple[Finding, ...]
    reads: tuple[HostRead, ...] = ()


@dataclass(frozen=True)
class Sources:
    """Where each container's files come from in the merged file, and what the replay may name."""

    stage_of: dict[str, str]  # container key -> stage name, or image reference
    kinds_of: dict[str, dict[str, Kind]]  # container key -> what its image certainly has as files or directories
    stage_of_copy: dict[Loc, str]  # a docker cp from a container that ran commands -> the stage replaying them
    rename_stage: str  # the name a rename stage gets, when one is needed
    territory: tuple[str, ...]  # host paths that only exist for the extraction
    tree: RepoTree
    post: PostStages  # stages derived from builders where host commands run again
    archives_of: dict[str, dict[str, Archive]]  # container key -> the tar archives its image certainly made
    windows: bool = False  # the runtime builds a Windows image: no owners or modes to give (plan/windows.py)


def replay_copies(runtime: ImageBuild, dockerfile: Dockerfile, sources: Sources) -> Replay:
    state = _Replay(runtime, dockerfile, sources)
    for index, ins in enumerate(dockerfile.instructions):
        if ins.cmd in ("COPY", "ADD") and ins.flag("from") is None and len(ins.args) >= 2:
            state.instruction(index, ins)
    renames = (RenameStage(sources.rename_stage, tuple(state.renamed)),) if state.renamed else ()
    return Replay(tuple(state.rewrites), renames, tuple(state.moves), frozenset(state.consumed),
                  tuple(state.warnings), tuple(state.reads))


def context_path(context: str, source: str) -> str:
    """Where a COPY source lies on the host: leading / and ../ are stripped (docker-semantics §3)."""
    cleaned = posixpath.normpath("/" + source.strip()).lstrip("/")
    return posixpath.normpath(posixpath.join(context, cleaned or "."))


@dataclass(frozen=True)
class _Copying:
    """One runtime COPY/ADD being replayed."""

    ins: Instruction
    loc: Loc
    dest: str
    dir_dest: bool  # its destination is a directory for sure
    flags: tuple[str, ...]  # --chown, --chmod, --link: what every replacement keeps


class _Replay:
    def __init__(self, runtime: ImageBuild, dockerfile: Dockerfile, sources: Sources):
        self.runtime = runtime
        self.dockerfile = dockerfile
        self.sources = sources
        self.arg_values = values_at(runtime, dockerfile)
        self.rewrites: list[CopyRewrite] = []
        self.renamed: list[NewCopy] = []
        self.moves: list[ArtifactMove] = []
        self.reads: list[HostRead] = []
        self.consumed: set[Loc] = set()
        self.warnings: list[Finding] = []

    def instruction(self, index: int, ins: Instruction) -> None:
        originals, dest = list(ins.args[:-1]), ins.args[-1]
        copying = _Copying(ins, Loc(self.dockerfile.path, ins.start + 1), dest,
                           dest.endswith("/") or len(originals) > 1 or dest in (".", "./") or (
                               self.sources.windows and dest.endswith("\\")),
                           tuple(f for f in ins.flags if f.split("=", 1)[0].lower() in _CARRIED_FLAGS))
        copies: list[NewCopy] = []
        kept: list[str] = []  # context sources that stay as they are, in order

        def flush() -> None:
            if kept:
                original = kept == originals
                copies.append(ContextCopy(ins.keyword, tuple(kept), dest, ins.flags if original else copying.flags,
                                          original))
                kept.clear()

        replayed = False
        for source in originals:
            host = context_path(self.runtime.context, copy_source(self._substituted(source, index, copying.loc),
                                                                  self.sources.windows))
            wildcard = self.wildcard(host, copying)
            if wildcard is not None:
                replayed = True
                flush()
                copies.append(wildcard)
                continue
            pieces = self.pieces(source, host, copying.loc)
            if pieces is None:
                kept.append(source)
                continue
            replayed = True
            if ins.flag("parents") is not None or ins.flag("exclude") is not None:
                raise refuse("MIG117", copying.loc, source=source,
                             why="uses --parents or --exclude over extracted files")
            for k, piece in enumerate(pieces):
                content = piece.content
                if not piece.rel and isinstance(content, RepoContent) and content.path == host and content.mode is None:
                    kept.append(source)  # the checkout's own files there: the context still has them
                    continue
                copy = self.piece(piece, pieces[k + 1:], host, copying)
                if copy is not None:
                    flush()
                    copies.append(copy)
        if replayed:
            flush()
            self.rewrites.append(CopyRewrite(index, tuple(copies)))

    def wildcard(self, host: str, copying: _Copying) -> StageCopy | None:
        """A wildcard over an extracted directory, the same wildcard under its container path (globs.py)."""
        if not any(c in host for c in WILDCARD) or self.sources.windows or copying.ins.cmd != "COPY":
            return None
        root = wildcard_root(host)
        content = extracted_root(self.runtime.host, root)
        if content is None or content.loc in self.sources.stage_of_copy:
            return None
        flags = copying.flags if any(f.lower().startswith("--chown=") for f in copying.flags) else (
            "--chown=0:0", *copying.flags)
        stage = self.sources.stage_of[content.container]
        copy = StageCopy(stage, container_pattern(content, root, host), copying.dest, flags)
        self.consumed.add(content.loc)
        self.reads.append(HostRead(root, Kind.DIR, copying.loc))
        self.moves.append(ArtifactMove(content.path, stage, host, content.loc, describe(copy), copying.loc))
        return copy

    def pieces(self, source: str, host: str, loc: Loc) -> tuple[Piece, ...] | None:
        """The source's pieces, or None when the merged context holds it as the host did."""
        if "://" in source:
            return None
        territory = self.sources.territory
        if any(c in source for c in WILDCARD):
            fixed = wildcard_root(host)
            if any(within(t, fixed) or within(fixed, t) for t in territory) or self.runtime.host.extracted(fixed):
                raise refuse("MIG117", loc, source=source, why="is a wildcard over extracted files")
            return None
        pieces = self.runtime.host.compose(host)
        touches = any(isinstance(p.content, Extracted) for p in pieces) or any(
            within(host, t) or within(t, host) for t in territory)
        return pieces if touches else None

    def piece(self, piece: Piece, later: tuple[Piece, ...], host: str, copying: _Copying) -> NewCopy | None:
        content = piece.content
        host_path = posixpath.join(host, piece.rel) if piece.rel else host
        if isinstance(content, Unrepresentable):
            where = f" ({content.loc})" if content.loc else ""
            raise refuse("MIG126", copying.loc, path=host_path, why=content.why + where)
        if isinstance(content, HostWritten):
            raise refuse("MIG125", copying.loc, path=host_path, command=content.command, at=str(content.loc))
        if isinstance(content, EmptyDir):
            if any(_rel_below(p.rel, piece.rel) for p in later):
                return None  # what is copied into it (later, so merged) makes it
            if self.sources.windows:
                raise refuse("MIG129", copying.loc, path=host_path, at=str(content.loc))
            # an empty directory the host made: one a stage made, copied alike (0755 under umask 022)
            base = next(iter(self.sources.stage_of.items()))
            return StageCopy(self.sources.post.empty_dir(*base, copying.loc), EMPTY_DIR,
                             _join(copying.dest, piece.rel) if piece.rel else copying.dest, copying.flags)
        if isinstance(content, RepoContent):
            return self.repo_piece(piece, content, host_path, copying)
        return self.extracted_piece(piece, content, host_path, copying)

    def extracted_piece(self, piece: Piece, content: Extracted, host_path: str, copying: _Copying) -> StageCopy:
        derived = self.sources.stage_of_copy.get(content.loc)
        stage = derived or self.sources.stage_of[content.container]
        if content.kind is Kind.UNKNOWN and derived is None:  # what commands ran may have changed
            content = replace(content, kind=self.sources.kinds_of.get(content.container, {}).get(content.path,
                                                                                                Kind.UNKNOWN))
        if content.mode_if_file is not None and content.kind is not Kind.FILE:
            raise refuse("MIG126", copying.loc, path=host_path, why=f"`{content.mode_if_file}` changes the mode "
                         "of what may be a file or a directory (COPY --chmod would reach every file of a directory)")
        if piece.rel and content.kind is not Kind.FILE:
            # COPY copies a directory's contents, never the directory, and makes the destination
            # 0755 (buildah, BuildKit): the legacy COPY of the enclosing directory kept its own mode
            raise refuse("MIG131", copying.loc, path=host_path, source=copying.ins.args[0] if len(
                copying.ins.args) == 2 else "its source", what="is" if content.kind is Kind.DIR else "may be")
        if content.post:
            if self.sources.windows:
                raise refuse("MIG611", copying.loc, path=host_path)
            stage = self.sources.post.rerun(stage, content, content.path, copying.loc, derived is not None)
        if copying.ins.cmd == "ADD" and not piece.rel:  # ADD unpacks a source that is an archive, not a member
            archive = self.sources.archives_of.get(content.container, {}).get(content.path)
            if archive is not None and derived is None and not content.post:
                return self.unpacked(stage, content, archive, host_path, copying)
            if host_path.endswith(_ARCHIVE_SUFFIXES) or content.path.endswith(_ARCHIVE_SUFFIXES):
                raise refuse("MIG116", copying.loc, path=host_path)
            self.warnings.append(finding("MIG203", copying.loc, path=host_path))
        flags = self.with_mode(copying, content.mode, host_path)
        if not self.sources.windows and not any(f.lower().startswith("--chown=") for f in flags):
            flags = ("--chown=0:0", *flags)
        target = self.target(piece, posixpath.basename(content.path), content.kind, host_path, copying)
        if target is None:  # the name decides: give it its host name in a stage of its own first
            self.renamed.append(StageCopy(stage, content.path, "/" + host_path, ()))
            copy = StageCopy(self.sources.rename_stage, "/" + host_path, copying.dest, flags)
        else:
            copy = StageCopy(stage, content.path, target, flags)
        self.consumed.add(content.loc)
        self.reads.append(HostRead(host_path, content.kind, copying.loc))
        self.moves.append(ArtifactMove(content.path, stage, host_path, content.loc, describe(copy), copying.loc))
        return copy

    def unpacked(self, stage: str, content: Extracted, archive: Archive, host_path: str,
                 copying: _Copying) -> StageCopy:
        """`ADD x.tgz dest` of an archive the builder made: unpacked in a derived stage, whose files
        (with the archive's owners and modes, as ADD kept them) COPY --from takes."""
        if archive.root_entry:
            raise refuse("MIG612", copying.loc, path=host_path, archive=archive.path)
        if copying.flags:
            raise refuse("MIG613", copying.loc, path=host_path, flags=" ".join(copying.flags))
        copy = StageCopy(self.sources.post.unpack(stage, content.container, archive, copying.loc), UNPACKED + "/",
                         copying.dest, ())
        self.consumed.add(content.loc)
        self.reads.append(HostRead(host_path, Kind.FILE, copying.loc))
        self.moves.append(ArtifactMove(content.path, stage, host_path, content.loc, describe(copy), copying.loc))
        return copy

    def repo_piece(self, piece: Piece, content: RepoContent, host_path: str, copying: _Copying) -> NewCopy:
        spelled = self._in_context(content.path, copying.loc)
        kind = Kind.DIR if self.sources.tree.is_dir(content.path) else Kind.FILE
        self.reads.append(HostRead(host_path, kind, copying.loc, content.path))
        flags = self.with_mode(copying, content.mode, host_path)
        target = self.target(piece, posixpath.basename(content.path), kind, host_path, copying)
        if target is None:
            self.renamed.append(ContextCopy("COPY", (spelled,), "/" + host_path, ()))
            return StageCopy(self.sources.rename_stage, "/" + host_path, copying.dest, flags)
        return ContextCopy(copying.ins.keyword, (spelled,), target, flags)

    def with_mode(self, copying: _Copying, mode: str | None, host_path: str) -> tuple[str, ...]:
        """COPY's flags with the mode the host gave the file; a Windows image has no modes to give."""
        if mode is not None and self.sources.windows:
            raise refuse("MIG199", copying.loc, path=host_path, mode=mode)
        return _with_mode(copying.flags, mode)

    def target(self, piece: Piece, name: str, kind: Kind, host_path: str, copying: _Copying) -> str | None:
        """The destination that gives the legacy result, or None when only the host's name can:
        a renamed file (or what may be one) copied to a destination that may be a directory."""
        if piece.rel:  # a member of a copied directory lands at dest/rel, whatever it is
            return _join(copying.dest, piece.rel)
        if kind is Kind.DIR or name == posixpath.basename(host_path):
            # a directory's contents go to dest; the same name lands alike (`.` spelled as a directory)
            return "./" if copying.dest == "." else copying.dest
        if kind is Kind.FILE and copying.dir_dest:
            return _join(copying.dest, posixpath.basename(host_path))
        return None

    def _in_context(self, path: str, loc: Loc) -> str:
        context = self.runtime.context
        if not within(path, context):
            raise refuse("MIG117", loc, source=path, why=f"lies outside the build context {context}")
        return posixpath.relpath(path, context) if context != "." else path

    def _substituted(self, source: str, index: int, loc: Loc) -> str:
        """SOURCE with its variables' values (copy_args.py); one whose value is unknown is refused
        where what it may name comes from the extraction, and left as written elsewhere."""
        if "$" not in source:
            return source
        values = self.arg_values.get(index, {})
        unknown = [m.group(1) or m.group(2) for m in VARIABLE.finditer(source)
                   if values.get(m.group(1) or m.group(2)) is None]
        if not unknown:
            return VARIABLE.sub(lambda m: values[m.group(1) or m.group(2)] or "", source)
        # the directory the value completes a name in (a value with `..` in it is not considered)
        written = copy_source(source.split("$")[0], self.sources.windows)
        root = context_path(self.runtime.context, written if written.endswith("/") else posixpath.dirname(written))
        if self.runtime.host.extracted(root) or any(within(t, root) or within(root, t)
                                                    for t in self.sources.territory):
            raise refuse("MIG117", loc, source=source,
                         why=f"depends on ${unknown[0]}, whose value the build does not fix")
        return source


def _rel_below(rel: str, root: str) -> bool:
    """REL at or below ROOT, both relative to a copied path ("" is the path itself)."""
    return not root or rel == root or rel.startswith(root + "/")


def _join(dest: str, name: str) -> str:
    if dest in (".", "./"):
        return "./" + name
    if dest.endswith("\\"):  # a Windows image's directory (copying.dir_dest)
        return dest + name
    return dest.rstrip("/") + "/" + name


def _with_mode(flags: tuple[str, ...], mode: str | None) -> tuple[str, ...]:
    if mode is None or any(f.lower().startswith("--chmod=") for f in flags):
        return flags
    return (*flags, f"--chmod={mode}")


def describe(copy: NewCopy) -> str:
    if isinstance(copy, StageCopy):
        flags = " ".join(copy.flags)
        return f"COPY --from={copy.stage}{' ' + flags if flags else ''} {copy.path} {copy.dest}"
    flags = " ".join(copy.flags)
    return f"{copy.keyword}{' ' + flags if flags else ''} {' '.join(copy.sources)} {copy.dest}"
