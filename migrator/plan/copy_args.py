"""The values `$NAME` and `${NAME}` have in a runtime COPY/ADD source (capability-classes §SV):
`COPY bin/app-${ARCH} /app` reads bin/app-amd64 when the build gives `--build-arg ARCH=amd64`, or
when `ARG ARCH=amd64` is its default and the build gives none.

Scope follows the Dockerfile's rules (docker-semantics §5): a stage sees an ARG only after it
declares it; a global ARG (before the first FROM) reaches a stage only through a bare `ARG NAME`
there; `--build-arg` overrides a declared default; ENV (also from an earlier stage the stage is
built FROM) overrides an ARG of the same name. A name the stage does not set this way may come from
the base image's environment, or be empty: unknown. A build arg whose value the host computes
(`--build-arg ARCH="$(uname -m)"`, `--build-arg ARCH` from the environment) is unknown too."""

from __future__ import annotations

import re

from migrator.model import ImageBuild
from migrator.parse.dockerfile import Dockerfile, Instruction

VARIABLE = re.compile(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))")
_UNKNOWN = object()


def values_at(build: ImageBuild, dockerfile: Dockerfile) -> dict[int, dict[str, str | None]]:
    """Instruction index -> the value of each name a COPY/ADD source there could use (None: unknown)."""
    given = {a.name: (a.value if a.value is not None and "$" not in a.value else None) for a in build.build_args}
    globals_: dict[str, str | None] = {}
    stage_env: dict[str, dict[str, str | None]] = {}  # stage name -> its ENV at its end
    env: dict[str, str | None] = {}
    args: dict[str, str | None] = {}
    out: dict[int, dict[str, str | None]] = {}
    in_stage = False
    for index, ins in enumerate(dockerfile.instructions):
        if ins.cmd == "FROM":
            in_stage = True
            base = ins.args[0].lower() if ins.args else ""
            env, args = dict(stage_env.get(base, {})), {}
            name = ins.args[2].lower() if len(ins.args) > 2 and ins.args[1].upper() == "AS" else None
            if name:
                stage_env[name] = env
        elif ins.cmd == "ARG":
            for name, default in _pairs(ins):
                value = given.get(name) if name in given else default if default is not _UNKNOWN else (
                    globals_.get(name, "") if in_stage else None)
                (args if in_stage else globals_)[name] = value if isinstance(value, str) or value is None else None
        elif ins.cmd == "ENV" and in_stage:
            for name, value in _env_pairs(ins):
                env[name] = value
        elif ins.cmd in ("COPY", "ADD"):
            out[index] = {**args, **env}
    return out


def _pairs(ins: Instruction) -> list[tuple[str, object]]:
    """ARG's names with their defaults (_UNKNOWN: none given); a default that names a variable is unknown."""
    pairs: list[tuple[str, object]] = []
    for arg in ins.args:
        name, eq, default = arg.partition("=")
        pairs.append((name, _literal(default) if eq else _UNKNOWN))
    return pairs


def _env_pairs(ins: Instruction) -> list[tuple[str, str | None]]:
    if ins.args and "=" not in ins.args[0]:  # the old `ENV NAME value with spaces` form
        return [(ins.args[0], _literal(" ".join(ins.args[1:])))]
    return [(name, _literal(value)) for name, _, value in (arg.partition("=") for arg in ins.args)]


def _literal(text: str) -> str | None:
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        text = text[1:-1]
    return None if "$" in text or "\\" in text else text


def with_known_values(source: str, values: dict[str, str | None]) -> str:
    """SOURCE with every variable of known value replaced; the others stay as written."""
    def value(match: re.Match) -> str:
        known = values.get(match.group(1) or match.group(2))
        return known if known is not None else match.group(0)
    return VARIABLE.sub(value, source)
