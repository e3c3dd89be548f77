"""Other files of the repository that use what the migration removes: a builder Dockerfile (kept
when something still names it, MIG201), a path the extraction wrote on the host, or the builder
image's tag, or a script the flow called and the migration empties (each use a warning at its own
line, MIG207: a CI step or another script that runs `out/app` after the build script, or runs
`scripts/extract.sh` itself, would now find nothing). Reads each file once; decides nothing."""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from migrator.findings import Finding, finding
from migrator.hostfs import RepoTree, within
from migrator.model import Flow, StepKind
from migrator.safe_read import TooLarge, read_regular
from migrator.source import Loc

SCAN_LIMIT = 512 * 1024  # bytes; bigger files are data, not build configuration
# Files that run commands: where a use of an extracted path or a tag means something.
_CONSUMER = re.compile(r"(?:^|/)(?:[^/]*\.(?:sh|bash|mk|ya?ml|py|ps1|cmd|bat|just)|[Mm]akefile|GNUmakefile|"
                       r"Jenkinsfile|justfile|[^/.]+|(?:Dockerfile|Containerfile)[^/]*|[^/]*\.(?:Docker|Container)file)$")


@dataclass(frozen=True)
class References:
    dockerfile_mentions: dict[str, tuple[str, ...]]  # builder Dockerfile -> files that name it
    uses: tuple[Finding, ...]  # MIG207 warnings


def find_references(repo: Path, tree: RepoTree, flow: Flow, dockerfiles: tuple[str, ...]) -> References:
    by_file = {path: _pattern([path, posixpath.basename(path)]) for path in dockerfiles}
    outputs = extraction_outputs(flow)
    extracted = {path: path_pattern(path) for path in outputs}
    tags = {tag: _pattern([tag, tag.removesuffix(":latest")]) for tag in _builder_tags(flow)}
    called = {path: _pattern([path]) for path in flow.called}
    mentions: dict[str, list[str]] = {path: [] for path in by_file}
    uses: list[Finding] = []
    skip = set(dockerfiles) | {flow.script, *flow.called}  # the migration rewrites these itself
    skip_real = {os.path.realpath(repo / path) for path in skip}  # and a symbolic link to one is the same file
    for own in (flow.script, *flow.called):
        for path in _named_beyond_builds(repo / own, own, flow, by_file):
            mentions[path].append(own)
    for other in sorted(tree.files):
        if other in skip or os.path.realpath(repo / other) in skip_real:
            continue
        text = _read(repo / other)
        if text is None:
            continue
        for path, pattern in by_file.items():
            if pattern.search(text):
                mentions[path].append(other)
        if not _CONSUMER.search(other):
            continue
        for what, pattern in [*((f"the extracted {p}", r) for p, r in extracted.items()),
                              *((f"the builder image {t}", r) for t, r in tags.items()),
                              *((f"the extraction in {c}", r) for c, r in called.items())]:
            match = pattern.search(text)
            if match:
                line = text.count("\n", 0, match.start()) + 1
                uses.append(finding("MIG207", Loc(other, line), what=what))
    return References({p: tuple(f) for p, f in mentions.items() if f}, tuple(uses))


def _named_beyond_builds(file: Path, name: str, flow: Flow, by_file: dict[str, re.Pattern]) -> list[str]:
    """Builder Dockerfiles a file of the flow names outside the builds the flow traced there: a
    CI job or a make target the flow did not go through that builds from it too."""
    text = _read(file)
    if text is None:
        return []
    traced = [(b.span.start, b.span.end) for b in flow.builds if b.span.file == name]

    def elsewhere(match: re.Match) -> bool:
        before = text[text.rfind("\n", 0, match.start()) + 1:match.start()]
        in_comment = re.search(r"(?:^|\s)#", before) is not None  # shell, make, YAML and Python alike
        return not in_comment and not any(start <= match.start() < end for start, end in traced)

    return [path for path, pattern in by_file.items() if any(elsewhere(m) for m in pattern.finditer(text))]


def extraction_outputs(flow: Flow) -> list[str]:
    """Host paths the extraction wrote, and where the script's mv/cp put them."""
    outputs: list[str] = []
    for step in flow.host_steps:
        if step.kind is StepKind.EXTRACT or (step.kind in (StepKind.MOVE, StepKind.COPY) and any(
                within(read, o) for read in step.reads for o in outputs)):
            outputs += [w for w in step.writes if w not in outputs]
    return outputs


def _builder_tags(flow: Flow) -> list[str]:
    images = {c.image for c in flow.containers}
    return [t for b in flow.builds for t in b.tags if t in images]


def _pattern(names: list[str]) -> re.Pattern:
    alternatives = "|".join(re.escape(n) for n in dict.fromkeys(names))
    return re.compile(r"(?<![\w.\-/])(?:\./)?(?:" + alternatives + r")(?![\w.\-])")


def path_pattern(path: str) -> re.Pattern:
    """A bare name such as `app` only counts where it reads as a path (`./app`, `app/x`)."""
    if "/" in path or "." in posixpath.basename(path):
        return _pattern([path])
    name = re.escape(path)
    return re.compile(r"(?<![\w.\-/])(?:\./" + name + r"(?![\w.\-])|" + name + r"/)")


def _read(path: Path) -> str | None:
    """The text of a regular file up to SCAN_LIMIT; None for anything else (a FIFO is never opened
    for a blocking read)."""
    try:
        return read_regular(path, SCAN_LIMIT).decode("utf-8", errors="ignore")
    except (OSError, TooLarge):
        return None
