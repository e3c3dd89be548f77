"""Collects what the symbolic run saw, in order, and freezes it into a Flow."""

from __future__ import annotations

from dataclasses import replace

from migrator.findings import Finding, finding
from migrator.model import (
    Container,
    ContainerCommand,
    ContainerRun,
    Extraction,
    Flow,
    Guard,
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
        self.container_commands: list[ContainerCommand] = []
        self.image_removals: list[ImageRemoval] = []
        self.host_steps: list[HostStep] = []
        self.image_uses: list[ImageUse] = []
        self.runs: list[ContainerRun] = []
        self.warnings: dict[tuple[str, ...], Finding] = {}
        self.guards: list[Guard] = []
        self.absent_dirs: list[str] = []
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

    def container_command(self, command: ContainerCommand) -> None:
        self.container_commands.append(command)

    def image_removal(self, removal: ImageRemoval) -> None:
        self.image_removals.append(removal)

    def image_use(self, text: str, images: tuple[str, ...], loc: Loc, span: Span, verb: str = "") -> None:
        self.image_uses.append(ImageUse(text, images, loc, span, verb))

    def run(self, run: ContainerRun) -> None:
        self.runs.append(run)

    def waited(self, container: str) -> None:
        """`docker wait`: the container's detached command has finished."""
        self.runs = [replace(r, background=False) if r.container == container else r for r in self.runs]

    def absent_dir(self, path: str, warning: Finding) -> None:
        if path not in self.absent_dirs:
            self.absent_dirs.append(path)
            self.warnings[("absent", path)] = warning

    def guard(self, guard: Guard) -> None:
        self.guards.append(guard)

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
            container_commands=tuple(self.container_commands),
            image_removals=tuple(self.image_removals),
            host_steps=tuple(self.host_steps),
            image_uses=tuple(self.image_uses),
            warnings=tuple(self.warnings.values()),
            runs=tuple(self.runs),
            guards=tuple(self.guards),
            absent_dirs=tuple(self.absent_dirs),
            windows_host=self.windows_host,
        )
