"""What a container of an image runs, where and as whom: ENTRYPOINT, CMD, WORKDIR, USER and
VOLUME as the image's Dockerfile stages set them over their base image (docker-semantics §RT).

A container run is replayed as a RUN, which ignores ENTRYPOINT and CMD, so the plan must know
them to write the command the container really ran. A Dockerfile shows what its own stages set;
what a base image pulled from a registry sets is only known for a few official images (BASES):
their Dockerfiles declare no ENTRYPOINT and no VOLUME. Anything else stays unknown, and the plan
refuses what depends on it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from migrator.dockercli.images import normalize_image
from migrator.parse.dockerfile import Dockerfile, Instruction
from migrator.plan.args import Declarations
from migrator.plan.stages import Stage, stage_chain, stages_of

_UNKNOWN = frozenset({"entrypoint", "cmd", "workdir", "user", "volumes"})


@dataclass(frozen=True)
class ImageConfig:
    entrypoint: tuple[str, ...] = ()
    cmd: tuple[str, ...] = ()
    workdir: str = "/"
    user: str = ""  # "" is root, as docker reads an empty User
    volumes: tuple[str, ...] = ()
    shell: tuple[str, ...] = ("/bin/sh", "-c")
    unknown: frozenset[str] = frozenset()  # the fields above that a base image we do not know decides
    base: str = ""  # the registry image at the bottom of the chain

    def knows(self, *fields: str) -> bool:
        return not (set(fields) & self.unknown)


# Official images whose Dockerfiles set no ENTRYPOINT and no VOLUME and run as root, by repository;
# the CMD and WORKDIR where every variant of the repository agrees, else None (left unknown).
BASES: dict[str, tuple[tuple[str, ...] | None, str | None]] = {
    "busybox": (("sh",), "/"),
    "alpine": (("/bin/sh",), "/"),
    "debian": (("bash",), "/"),
    "ubuntu": (("/bin/bash",), "/"),
    "buildpack-deps": (("bash",), "/"),
    "gcc": (("bash",), "/"),
    "golang": (None, "/go"),
    "rust": (None, "/"),
    "python": (("python3",), "/"),
}


def base_config(image: str) -> ImageConfig:
    """The configuration of a registry image, as far as BASES knows it."""
    if image.lower() == "scratch":
        return ImageConfig(base="scratch")  # nothing at all
    reference = normalize_image(image)
    repository = reference.split("@", 1)[0].rsplit(":", 1)[0]
    known = BASES.get(repository)
    if known is None:
        return ImageConfig(unknown=_UNKNOWN, base=reference)
    cmd, workdir = known
    unknown = frozenset(name for name, value in (("cmd", cmd), ("workdir", workdir)) if value is None)
    return ImageConfig(cmd=cmd or (), workdir=workdir or "/", unknown=unknown, base=reference)


def stage_config(dockerfile: Dockerfile, final: Stage, build_args: Mapping[str, str | None]) -> ImageConfig:
    """The configuration of FINAL's image: its chain of stages applied over the base at its bottom
    (whose name may come from a global ARG, given or defaulted)."""
    chain = list(reversed(stage_chain(stages_of(dockerfile), final)))
    config = base_config(_resolved_base(chain[0].base, dockerfile, build_args))
    for stage in chain:
        for index in stage.instructions[1:]:
            config = _apply(config, dockerfile.instructions[index])
    return config


def _resolved_base(base: str, dockerfile: Dockerfile, build_args: Mapping[str, str | None]) -> str:
    if "$" not in base:
        return base
    values = {**Declarations.of(dockerfile).globals, **build_args}

    def value(match: re.Match[str]) -> str:
        found = values.get(match.group(1) or match.group(2))
        return match.group(0) if found is None else found

    return re.sub(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)", value, base)


def _apply(config: ImageConfig, ins: Instruction) -> ImageConfig:
    unknown = config.unknown
    if ins.cmd == "ENTRYPOINT":
        # a stage's ENTRYPOINT resets the CMD it inherited
        return replace(config, entrypoint=_command(ins, config.shell), cmd=(), unknown=unknown - {"entrypoint", "cmd"})
    if ins.cmd == "CMD":
        return replace(config, cmd=_command(ins, config.shell), unknown=unknown - {"cmd"})
    if ins.cmd == "SHELL" and ins.json_form:
        return replace(config, shell=ins.args)
    if ins.cmd in ("WORKDIR", "USER") and "$" in ins.value:
        return replace(config, unknown=unknown | {ins.cmd.lower()})  # an ARG or ENV decides it
    if ins.cmd == "WORKDIR" and ins.args:
        path = ins.args[0] if ins.args[0].startswith("/") else config.workdir.rstrip("/") + "/" + ins.args[0]
        return replace(config, workdir=path, unknown=unknown - {"workdir"} if path.startswith("/") else unknown)
    if ins.cmd == "USER" and ins.args:
        return replace(config, user=ins.args[0], unknown=unknown - {"user"})
    if ins.cmd == "VOLUME":
        return replace(config, volumes=config.volumes + _volume_paths(ins))
    return config


def _command(ins: Instruction, shell: tuple[str, ...]) -> tuple[str, ...]:
    """Exec form as written; shell form run by the SHELL (`/bin/sh -c "…"`)."""
    if ins.json_form:
        return ins.args
    text = ins.value.strip()
    return (*shell, text) if text else ()


def _volume_paths(ins: Instruction) -> tuple[str, ...]:
    if ins.json_form:
        return ins.args
    try:
        parsed = json.loads(ins.value)
    except ValueError:
        return tuple(ins.value.split())
    return tuple(parsed) if isinstance(parsed, list) else (str(parsed),)
