"""Windows images in the merged Dockerfile (capability-classes §WN).

A Windows base (`mcr.microsoft.com/windows/…`, `microsoft/nanoserver`, a `servercore` or
`nanoserver` name or tag, `mcr.microsoft.com/dotnet/…:…-nanoserver-…`) has no Unix owners or
modes: COPY takes no --chown or --chmod there, and `FROM scratch` does not exist. A `# escape=`
directive is a hint of a Windows Dockerfile, not a proof. The merged file has one escape
character, so every merged file must agree on it; then it is kept at the top. Container paths
`C:\\app` and `/app` are one path; under the backtick escape a COPY source's `\\` is a separator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from migrator.findings import Finding, finding, refuse
from migrator.parse.dockerfile import Dockerfile
from migrator.plan.stages import global_args, stages_of
from migrator.source import Loc

_WINDOWS_REPOSITORY = re.compile(r"^(?:mcr\.microsoft\.com/windows(?:/|$)|(?:docker\.io/)?microsoft/(?:nanoserver|"
                                 r"windowsservercore|windows)(?:$)|.*(?:servercore|nanoserver))")
_WINDOWS_TAG = re.compile(r"nanoserver|servercore|windows|ltsc20\d\d")
_VAR = re.compile(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))")
WINDOWS, LINUX = "Windows", "Linux"


@dataclass(frozen=True)
class Platform:
    windows: bool  # the runtime builds a Windows image
    warnings: tuple[Finding, ...]


def is_windows_image(reference: str) -> bool:
    lower = reference.lower().split("@", 1)[0]
    repository, _, tag = lower.rpartition(":") if ":" in lower.rsplit("/", 1)[-1] else (lower, "", "")
    return bool(_WINDOWS_REPOSITORY.match(repository) or _WINDOWS_TAG.search(tag))


def image_os(dockerfile: Dockerfile) -> str | None:
    """WINDOWS or LINUX for the file's base images; None when a base cannot be told (an ARG
    without a default) or the file only builds FROM scratch."""
    defaults = {}
    for index in global_args(dockerfile):
        for arg in dockerfile.instructions[index].args:
            name, eq, default = arg.partition("=")
            defaults[name] = default.strip("\"'") if eq else None
    names = {s.name.lower() for s in stages_of(dockerfile) if s.name}
    found = set()
    for stage in stages_of(dockerfile):
        resolved = _substituted(stage.base, defaults)
        if resolved is None:
            return None
        if resolved.lower() in names or resolved.lower() == "scratch" or resolved.isdigit():
            continue
        found.add(WINDOWS if is_windows_image(resolved) else LINUX)
    return found.pop() if len(found) == 1 else (WINDOWS if WINDOWS in found else None)


def _substituted(text: str, defaults: dict[str, str | None]) -> str | None:
    unresolved = False

    def value(match: re.Match) -> str:
        nonlocal unresolved
        name = match.group(1) or match.group(3)
        found = defaults.get(name) or match.group(2)
        if found is None:
            unresolved = True
            return ""
        return found
    out = _VAR.sub(value, text)
    return None if unresolved else out


def escape_of(dockerfile: Dockerfile) -> str:
    return dockerfile.directive("escape") or "\\"


def check_escapes(runtime: Dockerfile, builders: list[Dockerfile]) -> None:
    """One escape character for the merged file: every file's must be the same."""
    for dockerfile in (runtime, *builders):
        if escape_of(dockerfile) not in ("\\", "`"):
            raise refuse("MIG120", Loc(dockerfile.path, 1), file=dockerfile.path, escape=escape_of(dockerfile))
    for builder in builders:
        if escape_of(builder) != escape_of(runtime):
            raise refuse("MIG197", Loc(builder.path, 1), file=builder.path, escape=escape_of(builder),
                         other=runtime.path, other_escape=escape_of(runtime))


def plan_platform(runtime: Dockerfile, builders: list[Dockerfile], windows_host: bool) -> Platform:
    """Whether the runtime builds a Windows image; refused when the builder and the runtime disagree
    or when a Windows mark comes without a base that can be told."""
    check_escapes(runtime, builders)
    runtime_os = image_os(runtime)
    if runtime_os is None and escape_of(runtime) == "`":
        raise refuse("MIG196", Loc(runtime.path, 1), file=runtime.path)
    for builder in builders:
        builder_os = image_os(builder)
        if builder_os is None and escape_of(builder) == "`":
            raise refuse("MIG196", Loc(builder.path, 1), file=builder.path)
        if builder_os is not None and runtime_os is not None and builder_os != runtime_os:
            raise refuse("MIG195", Loc(builder.path, 1), builder=builder.path, first=builder_os,
                         runtime=runtime.path, second=runtime_os)
    windows = runtime_os == WINDOWS
    warnings = (finding("MIG290", Loc(runtime.path, 1)),) if windows_host and not windows else ()
    return Platform(windows, warnings)


def windows_paths(dockerfile: Dockerfile) -> bool:
    """Does the file spell COPY sources with `\\` (a Windows image, or the backtick escape)?"""
    return escape_of(dockerfile) == "`" or image_os(dockerfile) == WINDOWS


def copy_source(source: str, windows: bool) -> str:
    """A COPY source as a context path: under a Windows image `\\` separates (C:\\ drops)."""
    if not windows:
        return source
    return re.sub(r"^[A-Za-z]:", "", source.replace("\\", "/"))
