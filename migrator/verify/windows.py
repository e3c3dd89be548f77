"""Flows verify cannot run: a cmd or PowerShell script runs on Windows, and a Windows image builds
only on a Windows Docker host. verify drives podman (or Docker) on Linux, where neither exists, so
it says so instead of running anything."""

from __future__ import annotations

from pathlib import Path

from migrator.model import Flow
from migrator.parse.dockerfile import DockerfileError, parse_dockerfile
from migrator.plan.windows import WINDOWS, image_os


def windows_reason(flow: Flow, repo: Path, runtime_dockerfile: str) -> str | None:
    """Why the flow cannot run here, or None when it can."""
    if flow.windows_host:
        shell = "PowerShell" if flow.script.lower().endswith(".ps1") else "cmd.exe"
        return (f"{flow.script} runs on Windows ({shell}), and verify runs flows only on a Linux container engine; "
                "no engine for Windows hosts or Windows images runs here, so neither flow was run: check the "
                "migration on a Windows Docker host")
    try:
        dockerfile = parse_dockerfile(runtime_dockerfile, (repo / runtime_dockerfile).read_text(errors="replace"))
    except (OSError, DockerfileError):
        return None
    if image_os(dockerfile) == WINDOWS:
        return (f"{runtime_dockerfile} builds a Windows image, and no engine for Windows images runs here (podman "
                "and Docker on Linux run Linux images only), so neither flow was run: check the migration on a "
                "Windows Docker host")
    return None
