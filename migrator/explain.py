"""A traced flow -> the text `migrate explain` prints: images, containers, and each artifact's
path from the container to the host to the runtime instruction."""

from __future__ import annotations

from migrator.model import Flow
from migrator.outcome import Migrated, Outcome, Refused


def explain_text(flow: Flow | None, outcome: Outcome) -> str:
    lines = []
    if flow is None:
        lines.append("No flow could be traced.")
    else:
        roles = outcome.roles if isinstance(outcome, Migrated) else {}
        entry = f" (`{flow.entry}`, picked with --script {flow.script}:{flow.entry})" if flow.entry else ""
        lines.append(f"Flow traced through {', then '.join((flow.script + entry, *flow.called))}")
        lines.append(f"verify runs: `{' '.join(flow.runner)}` from {flow.run_from}")
        lines.append("")
        lines.append("Images built:")
        for build in flow.builds:
            role = roles.get(str(build.loc), "other")
            details = [f"-f {build.dockerfile}", f"context {build.context}"]
            if build.tags:
                details.append("tags " + ", ".join(build.tags))
            if build.build_args:
                details.append("build args " + ", ".join(
                    a.name if a.value is None else f"{a.name}={a.value}" for a in build.build_args))
            if build.target:
                details.append(f"target {build.target}")
            if build.platform:
                details.append(f"platform {build.platform}")
            lines.append(f"  {build.loc}  [{role}] " + "; ".join(details))
        lines.append("")
        lines.append("Containers:")
        for container in flow.containers:
            lines.append(f"  {container.loc}  {container.key} from {container.image}")
        lines.append("")
        lines.append("Artifacts (container path -> host path -> runtime instruction):")
        if isinstance(outcome, Migrated):
            for move in outcome.artifacts:
                lines.append(f"  {move.container_path} -> {move.host_path} ({move.extracted_at})"
                             f" -> {move.instruction} ({move.instruction_at})")
        else:
            for extraction in flow.extractions:
                lines.append(f"  {extraction.container}:{extraction.container_path} -> "
                             f"{extraction.target} ({extraction.loc}) -> ?")
    if isinstance(outcome, Refused):
        lines.append("")
        lines.append("Refused:")
        lines.extend(f"  {f}" for f in outcome.findings)
    warnings = () if isinstance(outcome, Refused) else outcome.warnings
    if warnings:
        lines.append("")
        lines.append("Warnings:")
        lines.extend(f"  {w}" for w in warnings)
    return "\n".join(lines) + "\n"
