"""How one repository's migration ended. Returned, never raised."""

from __future__ import annotations

from dataclasses import dataclass

from migrator.findings import Finding
from migrator.model import ArtifactMove, FileChange, Flow


@dataclass(frozen=True)
class Migrated:
    repo: str
    flow: Flow
    changes: tuple[FileChange, ...]
    artifacts: tuple[ArtifactMove, ...]
    roles: dict[str, str]  # build location -> "builder" / "runtime"
    warnings: tuple[Finding, ...]
    runtime_dockerfile: str  # the runtime build's (roles cannot tell builds written on one line apart)


@dataclass(frozen=True)
class NothingToMigrate:
    repo: str
    reason: str
    warnings: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class Refused:
    repo: str
    findings: tuple[Finding, ...]
    flow: Flow | None = None


Outcome = Migrated | NothingToMigrate | Refused
