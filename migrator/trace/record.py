"""Collects what the symbolic run saw, in order, and freezes it into a Flow."""

from __future__ import annotations

from migrator.findings import Finding, finding
from migrator.model import (
    Container,
    ContainerRemoval,
    Extraction,
    Flow,
    HostStep,
    ImageBuild,
    ImageRemoval,
    ImageUse,
    StepKind,
)
from migrator.source import Loc, Span
from migrator.trace.values import Value


class Recorder:
    def __init__(self, script: str, run_from: str):
        self.script = script
        self.run_from = run_from
        self.builds: list[ImageBuild] = []
        self.containers: dict[str, Container] = {}
        self.extractions: list[Extraction] = []
        self.container_removals: list[ContainerRemoval] = []
        self.image_removals: list[ImageRemoval] = []
        self.host_steps: list[HostStep] = []
        self.image_uses: list[ImageUse] = []
        self.ran: dict[str, str] = {}  # container key -> the command it ran before any docker cp
        self.warnings: dict[tuple[str, ...], Finding] = {}
        self.windows_host = False  # a cmd or PowerShell file of the flow runs on Windows

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
        self.host_steps.append(HostStep(StepKind.EXTRACT, f"docker cp … {extraction.target}", extraction.loc,
                                        extraction.span, (), (extraction.target,)))

    def container_removal(self, removal: ContainerRemoval) -> None:
        self.container_removals.append(removal)

    def image_removal(self, removal: ImageRemoval) -> None:
        self.image_removals.append(removal)

    def image_use(self, text: str, images: tuple[str, ...], loc: Loc, span: Span) -> None:
        self.image_uses.append(ImageUse(text, images, loc, span))

    def host_step(self, step: HostStep) -> None:
        self.host_steps.append(step)

    def flow(self, runner: tuple[str, ...]) -> Flow:
        return Flow(
            script=self.script,
            run_from=self.run_from,
            runner=runner,
            builds=tuple(self.builds),
            containers=tuple(self.containers.values()),
            extractions=tuple(self.extractions),
            container_removals=tuple(self.container_removals),
            image_removals=tuple(self.image_removals),
            host_steps=tuple(self.host_steps),
            image_uses=tuple(self.image_uses),
            warnings=tuple(self.warnings.values()),
            windows_host=self.windows_host,
        )
