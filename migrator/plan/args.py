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
    runtime_decl = Declarations.of(runtime_file)
    runtime_args = {a.name: a for a in runtime.build_args}
    taken = set(runtime_decl.globals) | set(runtime_decl.in_stage)
    builder_renames: dict[str, dict[str, str]] = {}
    runtime_renames: dict[str, str] = {}
    carried: list[str] = []
    for plan in builders:
        decl = Declarations.of(plan.dockerfile)
        taken |= set(decl.globals) | set(decl.in_stage)
        renames = builder_renames.setdefault(plan.dockerfile.path, {})
        builder_args = {a.name: a for a in plan.build.build_args}
        for name, default in decl.globals.items():
            leaks = (name in runtime_decl.globals and runtime_decl.globals[name] != default) \
                or (name not in runtime_decl.globals and runtime_decl.bare_in_stage(name)) \
                or name in runtime_args or (name in builder_args and runtime_decl.declares(name))
            if leaks:
                if decl.in_stage.get(name):
                    raise _conflict(name, plan.build, default, runtime, runtime_decl, runtime_args)
                renames[name] = _unused(f"BUILDER_{name}", taken)
                taken.add(renames[name])
        for name, arg in builder_args.items():
            if name in renames:
                if arg.value is None:  # `--build-arg NAME` reads the environment under that name
                    raise _conflict(name, plan.build, arg.value, runtime, runtime_decl, runtime_args)
                carried.append(re.sub(r"(?<![\w])" + re.escape(name) + "=", renames[name] + "=", arg.source, count=1))
            elif name in runtime_args:
                if runtime_args[name].value != arg.value:
                    raise _conflict(name, plan.build, arg.value, runtime, runtime_decl, runtime_args)
            elif runtime_decl.declares(name):
                raise _conflict(name, plan.build, arg.value, runtime, runtime_decl, runtime_args)
            elif arg.source not in carried:
                carried.append(arg.source)
        for name in runtime_args:
            if decl.declares(name) and name not in renames and name not in builder_args:
                raise _conflict(name, plan.build, decl.globals.get(name), runtime, runtime_decl, runtime_args)
        for name in runtime_decl.globals:
            reaches = decl.bare_in_stage(name) and name not in decl.globals
            if reaches:
                if runtime_decl.in_stage.get(name) or name in runtime_args:
                    raise _conflict(name, plan.build, None, runtime, runtime_decl, runtime_args)
                runtime_renames[name] = _unused(f"RUNTIME_{name}", taken)
                taken.add(runtime_renames[name])
    return ArgPlan(builder_renames, runtime_renames, tuple(carried))


def rename_args(text: str, renames: dict[str, str]) -> str:
    """`$NAME`, `${NAME}`, `${NAME:-x}` and `ARG NAME[=x]` with each name replaced."""
    for old, new in renames.items():
        text = re.sub(r"\$(\{?)" + re.escape(old) + r"\b", lambda m, n=new: "$" + m.group(1) + n, text)
        text = re.sub(r"(?i)^(\s*ARG\s+(?:.*\s)?)" + re.escape(old) + r"\b", lambda m, n=new: m.group(1) + n, text)
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
