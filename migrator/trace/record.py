"""Collects what the symbolic run saw, in order, and freezes it into a Flow."""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING

from migrator.model import (
    Container,
    ContainerRemoval,
    Extraction,
    Flow,
    HostArtifact,
    HostEdit,
    ImageBuild,
    ImageRemoval,
    ImageUse,
    Loc,
)
from migrator.findings import Finding, finding
from migrator.trace.values import Value, to_repo_relative

if TYPE_CHECKING:
    from migrator.trace.host import HostState
    from migrator.trace.run import Command



class Recorder:
    def __init__(self, script: str, run_from: str):
        self.script = script
        self.run_from = run_from
        self.builds: list[ImageBuild] = []
        self.containers: dict[str, Container] = {}
        self.extractions: list[Extraction] = []
        self.container_removals: list[ContainerRemoval] = []
        self.image_removals: list[ImageRemoval] = []
        self.host_edits: list[HostEdit] = []
        self.image_uses: list[ImageUse] = []
        self.ran: dict[str, str] = {}  # container key -> the command it ran before any docker cp
        self.mkdirs: list[tuple[Command, tuple[str, ...]]] = []
        self.warnings: dict[tuple[str, ...], Finding] = {}

    def assume(self, value: Value, loc: Loc, what: str) -> None:
        names = tuple(sorted(set(value.assumed)))
        if names and names not in self.warnings:
            shown = ", ".join("$" + n for n in names)
            self.warnings[names] = finding("MIG202", loc, names=shown, what=what)

    def build(self, build: ImageBuild) -> None:
        self.builds.append(build)

    def container(self, container: Container) -> None:
        self.containers[container.key] = container

    def extraction(self, extraction: Extraction) -> None:
        self.extractions.append(extraction)

    def consumed(self, artifact: HostArtifact) -> bool:
        """Has a docker build run since this artifact was extracted?"""
        return any(artifact in build.artifacts for build in self.builds)

    def container_removal(self, removal: ContainerRemoval) -> None:
        self.container_removals.append(removal)

    def image_removal(self, removal: ImageRemoval) -> None:
        self.image_removals.append(removal)

    def image_use(self, command: Command, images: tuple[str, ...]) -> None:
        self.image_uses.append(ImageUse(command.text, images, command.loc, command.span))

    def host_edit(self, command: Command, paths: tuple[str, ...]) -> None:
        rel = tuple(to_repo_relative(p) or p for p in paths)
        self.host_edits.append(HostEdit(command.text, command.loc, command.span, rel))

    def mkdir(self, command: Command, paths: tuple[str, ...]) -> None:
        self.mkdirs.append((command, paths))

    def flow(self, host: HostState) -> Flow:
        return Flow(
            script=self.script,
            run_from=self.run_from,
            builds=tuple(self.builds),
            containers=tuple(self.containers.values()),
            extractions=tuple(self.extractions),
            container_removals=tuple(self.container_removals),
            image_removals=tuple(self.image_removals),
            host_edits=tuple(self.host_edits) + self._staging_mkdirs(host),
            image_uses=tuple(self.image_uses),
            warnings=tuple(self.warnings.values()),
        )

    def _staging_mkdirs(self, host: HostState) -> tuple[HostEdit, ...]:
        """mkdir statements that only made room for extracted artifacts, so they go with them."""
        destinations = [e.artifact.host_path for e in self.extractions]
        edits = []
        for command, paths in self.mkdirs:
            rel = [to_repo_relative(p) for p in paths]
            if rel and all(
                r is not None and r not in host.tree.dirs and r != "."
                and any(d == r or d.startswith(r + "/") or posixpath.dirname(d) == r for d in destinations)
                for r in rel
            ):
                edits.append(HostEdit(command.text, command.loc, command.span, tuple(rel)))
        return tuple(edits)

