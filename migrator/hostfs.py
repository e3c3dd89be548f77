"""The host's files as a legacy script leaves them: a clean checkout of the repository, then the
ordered layers the script's steps put over it (what `docker cp` extracted, repository content a
host `mv`/`cp` moved, empty directories, host-written files, removals, mode changes).

A runtime `COPY src` reads what lies at src when its build runs. `compose` answers that as an
ordered list of pieces: replaying them as COPY instructions in that order (context copies for
repository content, `COPY --from` for extracted content) rebuilds exactly what the host held,
because a later COPY overwrites an earlier one file by file and directories merge, as on the host.
What a COPY cannot replay (a file the host wrote, a member removed from an extracted directory, a
mode only the host's umask decided) becomes an `Unrepresentable` piece, so that a migration is
refused exactly when the image would consume it.

Paths are repository-relative POSIX strings ("." is the root). Pure: values in, values out.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import Enum

from migrator.source import Loc


@dataclass(frozen=True)
class RepoTree:
    """The clean checkout: the repository's files and directories (repo-relative), read once."""

    files: frozenset[str]
    dirs: frozenset[str]

    def is_dir(self, path: str) -> bool:
        return path == "." or path in self.dirs


class Kind(Enum):
    FILE = "file"
    DIR = "directory"
    UNKNOWN = "file or directory"


@dataclass(frozen=True)
class Rerun:
    """A host command replayed in a derived stage: ARGV changes TARGET (a container path) and what
    lies below it, nothing else."""

    target: str
    argv: tuple[str, ...]
    command: str  # the host command, as the script spells it


@dataclass(frozen=True)
class Extracted:
    """What `docker cp` copied out of a container (or a part of it)."""

    container: str
    path: str  # absolute container path
    kind: Kind
    loc: Loc  # the docker cp
    mode: str | None = None  # an octal mode a host chmod gave it; None: the container's
    # the chmod that set MODE, when it holds only if the path is a file (a directory's COPY --chmod
    # would reach every file in it): the plan, which knows what the builder makes, decides
    mode_if_file: str | None = None
    # host commands that changed it after the copy, each an argv on container paths: a stage
    # derived from the container's image runs them before COPY --from reads it (plan/post_stages.py)
    post: tuple[Rerun, ...] = ()
    post_loc: Loc | None = None  # the first of those host commands


@dataclass(frozen=True)
class RepoContent:
    """A path of the clean checkout, possibly moved or copied elsewhere on the host."""

    path: str
    mode: str | None = None


@dataclass(frozen=True)
class EmptyDir:
    loc: Loc


@dataclass(frozen=True)
class HostWritten:
    """Content the host made (a redirect, touch, an unknown command): no build stage has it."""

    command: str
    loc: Loc


@dataclass(frozen=True)
class Removed:
    command: str
    loc: Loc
    replayed: bool = False  # the extracted files it cuts into remove it again in a derived stage


@dataclass(frozen=True)
class Unrepresentable:
    """A host step whose effect on these files no COPY can replay; `why` names the step."""

    why: str
    loc: Loc | None
    from_container: bool = False  # it replaced what a container gave: the build still consumes the extraction


Content = Extracted | RepoContent | EmptyDir | HostWritten | Unrepresentable


@dataclass(frozen=True)
class Layer:
    at: str
    content: Content | Removed
    merged: bool = False  # laid over what was there (a directory merge), not replacing it


@dataclass(frozen=True)
class Piece:
    """Part of what lies at a path: `rel` below it ("" for the path itself), in replay order."""

    rel: str
    content: Content
    merged: bool = False
    layer: int = -1  # the index of the layer it comes from (-1: the checkout)


def within(path: str, root: str) -> bool:
    """Is PATH ROOT itself or below it?"""
    return root == "." or path == root or path.startswith(root + "/")


def join(root: str, rel: str) -> str:
    return posixpath.normpath(posixpath.join(root, rel)) if rel else root


def relative(path: str, root: str) -> str:
    return "" if path == root else posixpath.relpath(path, root)


def _below(content: Content, sub: str) -> Content | None:
    """The part of CONTENT at SUB below its root; None when nothing can be there."""
    if isinstance(content, Extracted):
        return Extracted(content.container, posixpath.join(content.path, sub), Kind.UNKNOWN, content.loc,
                         post=content.post, post_loc=content.post_loc)
    if isinstance(content, RepoContent):
        return RepoContent(join(content.path, sub))
    if isinstance(content, Unrepresentable):
        return content
    return None  # inside an empty directory or a file


@dataclass(frozen=True)
class HostFiles:
    """The host's files at one point of the script. Operations return a new value."""

    tree: RepoTree
    layers: tuple[Layer, ...] = ()

    # --- queries ---------------------------------------------------------------------------

    def compose(self, path: str) -> tuple[Piece, ...]:
        """What lies at PATH, as pieces in the order a COPY replay must lay them down."""
        pieces: list[Piece] = []
        if path in self.tree.files or self.tree.is_dir(path):
            pieces.append(Piece("", RepoContent(path)))
        for index, layer in enumerate(self.layers):
            if within(layer.at, path):
                pieces = _lay_inside(pieces, relative(layer.at, path), layer, index)
            elif within(path, layer.at):
                pieces = _lay_over(pieces, relative(path, layer.at), layer, index)
        return tuple(pieces)

    def kind(self, path: str) -> Kind | None:
        """FILE or DIR when known, UNKNOWN when it may or may not exist or its type is unknown,
        None when nothing is there."""
        pieces = self.compose(path)
        if not pieces:
            return None
        if any(p.rel for p in pieces) or any(p.merged for p in pieces):
            return Kind.DIR
        content = pieces[-1].content
        if isinstance(content, RepoContent):
            return Kind.DIR if self.tree.is_dir(content.path) else Kind.FILE
        if isinstance(content, EmptyDir):
            return Kind.DIR
        if isinstance(content, HostWritten):
            return Kind.FILE
        if isinstance(content, Extracted) and content.kind is not Kind.UNKNOWN and len(pieces) == 1:
            return content.kind
        return Kind.UNKNOWN

    def extracted(self, path: str) -> bool:
        """Does anything at, below or above PATH come from a container?"""
        if any(isinstance(p.content, Extracted) or (isinstance(p.content, Unrepresentable) and p.content.from_container)
               for p in self.compose(path)):
            return True
        return any(isinstance(layer.content, Extracted) and within(path, layer.at) for layer in self.layers)

    # --- operations ------------------------------------------------------------------------

    def place(self, at: str, content: Content, merged: bool = False) -> HostFiles:
        return replace(self, layers=(*self.layers, Layer(at, content, merged)))

    def remove(self, at: str, command: str, loc: Loc) -> HostFiles:
        """`rm -rf AT`; a member of extracted files is removed again in a derived stage."""
        above = [p for p in self.compose(at) if not p.rel and p.layer >= 0 and self.layers[p.layer].at != at]
        replayed = self.process(at, lambda path: ("rm", "-rf", path), command, loc) if above else None
        files = replayed if replayed is not None else self
        return replace(files, layers=(*files.layers, Layer(at, Removed(command, loc, replayed is not None))))

    def process(self, path: str, argv: Callable[[str], tuple[str, ...]], command: str, loc: Loc,
                fits: Callable[[str, str, str], bool] | None = None) -> HostFiles | None:
        """A host command run on what lies at PATH, replayed on the container paths it stands for
        (ARGV of each): None when anything there came from elsewhere than a container, or when FITS
        (rel below PATH, host name, container name) says the command would not act alike there."""
        pieces = self.compose(path)
        if not pieces or not all(isinstance(p.content, Extracted) and p.layer >= 0 for p in pieces):
            return None
        layers = list(self.layers)
        for piece in pieces:
            content = piece.content
            assert isinstance(content, Extracted)
            host_name = posixpath.basename(join(path, piece.rel))
            if fits is not None and not fits(piece.rel, host_name, posixpath.basename(content.path)):
                return None
            owner = layers[piece.layer].content
            assert isinstance(owner, Extracted)
            post = owner.post
            if owner.mode is not None:  # an octal mode the host set before: set it first in the stage
                post += (Rerun(owner.path, ("chmod", owner.mode, owner.path), f"chmod {owner.mode}"),)
                owner = replace(owner, mode=None, mode_if_file=None)
            rerun = Rerun(content.path, argv(content.path), command)
            owner = replace(owner, post=(*post, rerun), post_loc=owner.post_loc or loc)
            layers[piece.layer] = replace(layers[piece.layer], content=owner)
        return replace(self, layers=tuple(layers))

    def move(self, source: str, target: str, command: str, loc: Loc) -> HostFiles:
        """`mv SOURCE TARGET`, TARGET being the final path (the caller resolved `into a directory`)."""
        moved = self.remove(source, command, loc)
        return replace(moved, layers=(*moved.layers, *_relocated(self.compose(source), target)))

    def copy(self, source: str, target: str, keep_mode: bool, command: str, loc: Loc, merged: bool = False,
             overwrites: bool = False) -> HostFiles:
        """`cp [-r|-p|-a] SOURCE TARGET`, TARGET being the final path; MERGED: into an existing
        directory. Without -p a new file's mode is the source's without set-id bits, minus the umask
        (022 assumed): exact for checkout files (0644, 0755), unknown for extracted ones; a file cp
        overwrites keeps its own mode."""
        pieces = self.compose(source)
        if overwrites and not keep_mode:
            why = f"`{command}` overwrites it and keeps the mode the old file had"
            pieces = tuple(replace(p, content=Unrepresentable(why, loc, _from_container(p.content))) for p in pieces)
        elif not keep_mode:
            why = f"`{command}` copies it without -p, so its mode is the container's minus the umask"
            pieces = tuple(replace(p, content=Unrepresentable(why, loc, True)) if isinstance(p.content, Extracted)
                           and p.content.mode is None else p for p in pieces)
        layers = _relocated(pieces, target)
        if merged and layers:
            layers[0] = replace(layers[0], merged=True)
        return replace(self, layers=(*self.layers, *layers))

    def chmod(self, path: str, mode: str, recursive: bool, command: str, loc: Loc) -> HostFiles:
        """An octal mode on one file becomes COPY --chmod; any other mode on extracted files runs
        again in a derived stage; anything else cannot be replayed."""
        pieces = self.compose(path)
        content = pieces[0].content if len(pieces) == 1 and not pieces[0].rel else None
        kind = self.kind(path)
        octal = mode.isdigit() and len(mode) <= 4 and not recursive
        if isinstance(content, (Extracted, RepoContent)) and octal and kind is Kind.FILE:
            return self.place(path, replace(content, mode=mode.zfill(4)))
        if isinstance(content, Extracted) and octal and kind is Kind.UNKNOWN:
            return self.place(path, replace(content, mode=mode.zfill(4), mode_if_file=command))
        flags = ("-R",) if recursive else ()
        processed = self.process(path, lambda target: ("chmod", *flags, mode, target), command, loc)
        if processed is not None:
            return processed
        why = (f"`{command}` changes modes that depend on what the files had" if not mode.isdigit() else
               f"`{command}` changes the modes of a whole directory tree" if recursive or kind is Kind.DIR else
               f"`{command}` changes the mode of what may be a file or a directory (COPY --chmod would reach "
               "every file of a directory)" if kind is Kind.UNKNOWN else
               f"`{command}` changes a mode the replay cannot set alone")
        return self.place(path, Unrepresentable(why, loc, any(_from_container(p.content) for p in pieces)),
                          merged=True)


def _from_container(content: Content) -> bool:
    return isinstance(content, Extracted) or (isinstance(content, Unrepresentable) and content.from_container)


def _rel_within(rel: str, root: str) -> bool:
    """REL at or below ROOT, both relative to the composed path ("" is the path itself)."""
    return not root or rel == root or rel.startswith(root + "/")


def _lay_inside(pieces: list[Piece], rel: str, layer: Layer, index: int) -> list[Piece]:
    """A layer at or below the composed path, REL below it."""
    content = layer.content
    if isinstance(content, Removed):
        if not rel:
            return []
        kept = [p for p in pieces if not _rel_within(p.rel, rel)]
        cut = [p for p in kept if _rel_within(rel, p.rel)]
        if cut and not (content.replayed and all(isinstance(p.content, Extracted) for p in cut)):
            # it cuts into a piece above it, which no derived stage trims alike
            why = f"`{content.command}` removes {rel} from it"
            kept.append(Piece(rel, Unrepresentable(why, content.loc), merged=True))
        return kept
    if not layer.merged:
        # what lay there is replaced; a replay cannot take back what made it unrepresentable
        pieces = [p for p in pieces if not _rel_within(p.rel, rel) or isinstance(p.content, Unrepresentable)]
    return [*pieces, Piece(rel, content, layer.merged, index)]


def _lay_over(pieces: list[Piece], sub: str, layer: Layer, index: int) -> list[Piece]:
    """A layer strictly above the composed path, which lies SUB below it."""
    content = layer.content
    if isinstance(content, Removed):
        return []
    part = _below(content, sub)
    if not layer.merged:
        return [Piece("", part, layer=index)] if part is not None else []
    if isinstance(content, Unrepresentable):
        return [*pieces, Piece("", content, merged=True, layer=index)]
    if part is None:
        return pieces
    if pieces:
        why = "it could come from what was there before or from what was extracted over it"
        ambiguous = Unrepresentable(why, getattr(content, "loc", None), _from_container(content))
        return [*pieces, Piece("", ambiguous, merged=True, layer=index)]
    return [Piece("", part, layer=index)]  # nothing was there to merge with


def _relocated(pieces: tuple[Piece, ...], target: str) -> list[Layer]:
    return [Layer(join(target, p.rel), p.content, p.merged) for p in pieces]
