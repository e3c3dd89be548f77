"""Stages derived from a builder in which host commands run again (capability-classes §HP, §AX).

A host command that changed extracted files (`chmod +x app`, `strip app`, `rm dist/x`,
`find lib -name '*.a' -delete`, `echo v1 > dist/VERSION`) runs in `FROM <builder> AS <name>-post`
on the container paths the files came from, in exec form and as root (the host user owned every
file it touched), before `COPY --from` reads them. The umask of a RUN is 022, the one the host is
assumed to have (it decides `chmod +x` and the mode of a new file). An archive the runtime ADDed
is unpacked in `FROM <builder> AS <name>-unpacked`, as ADD unpacked it.

The derived stage runs the builder image's own programs: an image known to hold none (scratch,
distroless) refuses; one not known to hold them gets a warning.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass, field

from migrator.findings import Finding, finding, refuse
from migrator.hostfs import Extracted, within
from migrator.plan.archives import Archive
from migrator.plan.image_config import ImageConfig
from migrator.plan.run_stages import DerivedStage
from migrator.plan.stages import unique_name
from migrator.source import Loc

UNPACKED = "/.unpacked"
EMPTY_DIR = "/.empty"
_SHELL_TOOLS = frozenset({"sh", "chmod", "rm", "find", "mkdir", "tar", "printf"})
# what the official images hold, by repository (the bottom of the builder's chain)
_PROGRAMS: dict[str, frozenset[str]] = {
    # busybox's find may be built without -delete (this engine's is)
    **{name: _SHELL_TOOLS for name in ("busybox", "alpine")},
    **{name: _SHELL_TOOLS | {"find -delete"} for name in ("debian", "ubuntu", "fedora", "centos", "python", "node",
                                                           "openjdk", "eclipse-temurin", "maven", "gradle")},
    **{name: _SHELL_TOOLS | {"find -delete", "strip"} for name in ("gcc", "buildpack-deps", "golang", "rust")},
}
# images whose tar is busybox's, which does not give a symlink it unpacks the archive's owner
_BUSYBOX_TAR = frozenset({"busybox", "alpine"})
# a RUN that installs these gives the image strip
_GIVES_STRIP = re.compile(r"\b(binutils|build-essential|build-base|gcc|g\+\+|clang)\b")


@dataclass(frozen=True)
class BuilderImage:
    """What the plan knows of the image a container ran: its configuration and its RUN text."""

    config: ImageConfig
    runs: str = ""


@dataclass
class PostStages:
    images: dict[str, BuilderImage]  # container key -> its image
    taken: set[str]  # stage names in use; new ones are added
    stages: list[DerivedStage] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    made: dict[tuple[str, tuple[str, ...]], str] = field(default_factory=dict)

    def rerun(self, base: str, content: Extracted, read: str, loc: Loc, after_runs: bool = False) -> str:
        """The stage that holds READ as the host left it: BASE, or a stage derived from it in which
        the host commands that reach READ run again. AFTER_RUNS: BASE replayed a container's
        commands, whose `-u` may have left another USER."""
        reruns = tuple(r for r in content.post if within(r.target, read) or within(read, r.target))
        if not reruns:
            return base
        image = self.images[content.container]
        for program in dict.fromkeys(_program(r.argv) for r in reruns):
            self._check_program(image, program, loc)
        root = ("USER 0",) if after_runs else _as_root(image.config)
        lines = root + tuple("RUN " + json.dumps(list(r.argv)) for r in reruns)
        name = self._stage(base, "post", lines)
        commands = ", ".join(dict.fromkeys(f"`{r.command}`" for r in reruns))
        warning = finding("MIG635", content.post_loc or loc, commands=commands, stage=name, base=base)
        if warning not in self.warnings:
            self.warnings.append(warning)
        return name

    def unpack(self, base: str, container: str, archive: Archive, loc: Loc) -> str:
        """The stage that holds ARCHIVE unpacked under UNPACKED, as ADD unpacked it."""
        image = self.images[container]
        self._check_program(image, "tar", loc)
        if _repository(image.config.base) in _BUSYBOX_TAR:
            raise refuse("MIG614", loc, image=image.config.base)
        unpack = ["tar", f"-x{archive.compression}f", archive.path, "-C", UNPACKED]
        lines = (*_as_root(self.images[container].config), f"WORKDIR {UNPACKED}", "RUN " + json.dumps(unpack))
        return self._stage(base, "unpacked", lines)

    def empty_dir(self, container: str, base: str, loc: Loc) -> str:
        """A stage holding an empty directory at EMPTY_DIR (buildah makes no WORKDIR in scratch)."""
        image = self.images[container]
        self._check_program(image, "mkdir", loc)
        return self._stage(base, "empty", (*_as_root(image.config), "RUN " + json.dumps(["mkdir", EMPTY_DIR])))

    def _stage(self, base: str, suffix: str, lines: tuple[str, ...]) -> str:
        key = (base, lines)
        if key not in self.made:
            name = unique_name(f"{base.rsplit('/', 1)[-1].split(':', 1)[0]}-{suffix}", self.taken)
            self.taken.add(name)
            self.made[key] = name
            self.stages.append(DerivedStage(name, base, lines))
        return self.made[key]

    def _check_program(self, image: BuilderImage, program: str, loc: Loc) -> None:
        base = image.config.base
        repository = _repository(base)
        if base == "scratch" or "distroless" in base or "static" in base:
            raise refuse("MIG610", loc, program=program, image=base or "scratch")
        known = _PROGRAMS.get(repository)
        if (known and program in known) or (program == "strip" and _GIVES_STRIP.search(image.runs)):
            return
        if known is not None:  # an official image we know, which lacks it
            raise refuse("MIG610", loc, program=program, image=base)
        warning = finding("MIG636", loc, image=base or "the builder image", program=program)
        if warning not in self.warnings:
            self.warnings.append(warning)


def _program(argv: tuple[str, ...]) -> str:
    """What a rerun needs of the image: its program, or the program with the option few builds have."""
    program = posixpath.basename(argv[0])
    return "find -delete" if program == "find" and "-delete" in argv else program


def _repository(image: str) -> str:
    return image.split("@", 1)[0].rsplit(":", 1)[0].rsplit("/", 1)[-1] if image else ""


def _as_root(config: ImageConfig) -> tuple[str, ...]:
    """USER 0 when the image runs as another user, or one not known: the host user owned the files."""
    return () if config.knows("user") and config.user in ("", "0", "root", "0:0", "root:root") else ("USER 0",)

