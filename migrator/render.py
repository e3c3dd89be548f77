"""The merged Dockerfile as data (merge.py) -> its text: printing, nothing decided here."""

from __future__ import annotations

from migrator.merge import Kept, MergedDockerfile


def render_dockerfile(merged: MergedDockerfile) -> str:
    return "".join(line.text + ("" if isinstance(line, Kept) and not line.ends else merged.newline)
                   for line in merged.lines)
