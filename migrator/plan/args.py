"""Build args keep their scope (docker-semantics §5).

After the merge there is one global ARG section and one `docker build` for every stage. A global
ARG of one file would reach a bare `ARG NAME` of the other file's stages, and a `--build-arg` given
to one build would reach the other's declarations. Each stage must see exactly the values it saw
before: a global that only FROM lines use is renamed (`ARG BASE` -> `ARG BUILDER_BASE`, and the
builder's `--build-arg BASE=…` follows); anything else that would change a value is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from migrator.findings import Refusal, refuse
from migrator.model import BuildArg, ImageBuild
from migrator.parse.dockerfile import Dockerfile
from migrator.plan.naming import BuilderPlan
from migrator.plan.stages import global_args


@dataclass(frozen=True)
class Declarations:
    """The ARGs one Dockerfile declares: globals (before the first FROM) and inside stages."""

    globals: dict[str, str | None]  # name -> default (None: no default)
    in_stage: dict[str, list[str | None]]  # name -> the defaults of each in-stage declaration

    @staticmethod
    def of(dockerfile: Dockerfile) -> Declarations:
        global_indices = set(global_args(dockerfile))
        globals_: dict[str, str | None] = {}
        in_stage: dict[str, list[str | None]] = {}
        for i, ins in enumerate(dockerfile.instructions):
            if ins.cmd != "ARG":
                continue
            for arg in ins.args:
                name, eq, default = arg.partition("=")
                if i in global_indices:
                    globals_[name] = default if eq else None
                else:
                    in_stage.setdefault(name, []).append(default if eq else None)
        return Declarations(globals_, in_stage)

    def declares(self, name: str) -> bool:
        return name in self.globals or name in self.in_stage

    def bare_in_stage(self, name: str) -> bool:
        """Does a stage declare NAME without a default, so that a global value reaches it?"""
        return any(default is None for default in self.in_stage.get(name, []))


@dataclass(frozen=True)
class ArgPlan:
    builder_renames: dict[str, dict[str, str]]  # builder Dockerfile -> {global ARG: new name}
    runtime_renames: dict[str, str]
    carried: tuple[str, ...]  # builder --build-arg flags the merged build passes, as they are to be written


def plan_args(runtime: ImageBuild, runtime_file: Dockerfile, builders: list[BuilderPlan]) -> ArgPlan:
    scopes = _Scopes(runtime, Declarations.of(runtime_file))
    builder_renames: dict[str, dict[str, str]] = {}
    runtime_renames: dict[str, str] = {}
    carried: list[str] = []
    for plan in builders:
        decl = Declarations.of(plan.dockerfile)
        scopes.taken |= set(decl.globals) | set(decl.in_stage)
        renames = scopes.rename_leaking_globals(plan, decl)
        builder_renames[plan.dockerfile.path] = renames
        carried += [flag for flag in scopes.carried_flags(plan, decl, renames) if flag not in carried]
        scopes.check_runtime_args(plan, decl, renames)
        runtime_renames.update(scopes.rename_runtime_globals(plan, decl))
    return ArgPlan(builder_renames, runtime_renames, tuple(carried))


class _Scopes:
    """The runtime's ARGs and build args, checked against each builder's in turn."""

    def __init__(self, runtime: ImageBuild, decl: Declarations):
        self.runtime = runtime
        self.decl = decl
        self.args = {a.name: a for a in runtime.build_args}
        self.taken = set(decl.globals) | set(decl.in_stage)

    def rename_leaking_globals(self, plan: BuilderPlan, decl: Declarations) -> dict[str, str]:
        """The builder's globals that would reach the runtime's stages (or be reached by its build
        args), renamed; refused when a builder stage reads one (a RUN sees it under its name)."""
        builder_args = {a.name for a in plan.build.build_args}
        renames: dict[str, str] = {}
        for name, default in decl.globals.items():
            theirs = self.decl.globals
            leaks = (name in theirs and theirs[name] != default) \
                or (name not in theirs and self.decl.bare_in_stage(name)) \
                or name in self.args or (name in builder_args and self.decl.declares(name))
            if leaks:
                if decl.in_stage.get(name):
                    raise self.conflict(name, plan.build, default)
                renames[name] = _unused(f"BUILDER_{name}", self.taken)
                self.taken.add(renames[name])
        return renames

    def carried_flags(self, plan: BuilderPlan, decl: Declarations, renames: dict[str, str]) -> list[str]:
        """The builder's --build-arg flags as the merged build must pass them."""
        carried = []
        for name, arg in {a.name: a for a in plan.build.build_args}.items():
            if name in renames:
                if arg.value is None:  # `--build-arg NAME` reads the environment under that name
                    raise self.conflict(name, plan.build, arg.value)
                carried.append(re.sub(r"(?<![\w])" + re.escape(name) + "=", renames[name] + "=", arg.source, count=1))
            elif name in self.args:
                if self.args[name].value != arg.value:
                    raise self.conflict(name, plan.build, arg.value)
            elif self.decl.declares(name):
                raise self.conflict(name, plan.build, arg.value)
            else:
                carried.append(arg.source)
        return carried

    def check_runtime_args(self, plan: BuilderPlan, decl: Declarations, renames: dict[str, str]) -> None:
        """A runtime build arg must not reach a builder declaration that did not get it before."""
        builder_args = {a.name for a in plan.build.build_args}
        for name in self.args:
            if decl.declares(name) and name not in renames and name not in builder_args:
                raise self.conflict(name, plan.build, decl.globals.get(name))

    def rename_runtime_globals(self, plan: BuilderPlan, decl: Declarations) -> dict[str, str]:
        """The runtime's globals that would reach a bare ARG of a builder stage, renamed."""
        renames = {}
        for name in self.decl.globals:
            if decl.bare_in_stage(name) and name not in decl.globals:
                if self.decl.in_stage.get(name) or name in self.args:
                    raise self.conflict(name, plan.build, None)
                renames[name] = _unused(f"RUNTIME_{name}", self.taken)
                self.taken.add(renames[name])
        return renames

    def conflict(self, name: str, builder: ImageBuild, builder_value: str | None) -> Refusal:
        return _conflict(name, builder, builder_value, self.runtime, self.decl, self.args)


def declared_args(dockerfile: Dockerfile) -> set[str]:
    decl = Declarations.of(dockerfile)
    return set(decl.globals) | set(decl.in_stage)


def rename_args(text: str, renames: dict[str, str]) -> str:
    """`$NAME`, `${NAME}`, `${NAME:-x}` and `ARG NAME[=x]` with each name replaced."""
    for old, new in renames.items():
        text = re.sub(r"\$(\{?)" + re.escape(old) + r"\b", r"$\g<1>" + new, text)
        text = re.sub(r"(?i)^(\s*ARG\s+(?:.*\s)?)" + re.escape(old) + r"\b", r"\g<1>" + new, text)
    return text


def _unused(wanted: str, taken: set[str]) -> str:
    name, n = wanted, 1
    while name in taken:
        n += 1
        name = f"{wanted}_{n}"
    return name


def _conflict(name: str, builder: ImageBuild, builder_value: str | None, runtime: ImageBuild,
              runtime_decl: Declarations, runtime_args: dict[str, BuildArg]) -> Refusal:
    def shown(value: str | None) -> str:
        return repr(value) if value is not None else "unset"
    if name in runtime_args:
        runtime_value = runtime_args[name].value
    else:
        defaults = [d for d in runtime_decl.in_stage.get(name, []) if d is not None]
        runtime_value = defaults[0] if defaults else runtime_decl.globals.get(name)
    return refuse("MIG112", builder.loc, name=name, first=shown(builder_value), first_file=builder.dockerfile,
                  second=shown(runtime_value), second_file=runtime.dockerfile)
