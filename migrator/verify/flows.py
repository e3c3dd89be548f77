"""`migrate verify`: run the legacy flow and the migrated flow for real, each in its own copy of the
repo, and compare the two final images.

The legacy script runs as it is, with `docker` on its PATH resolved to the engine through the
docker front (docker_front.py), which also keeps a journal of what each flow built. The final image
of a flow is the last one built from the runtime Dockerfile's path. The legacy flow's image names
are dropped before the migrated flow runs, so the migrated build cannot lean on them.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import migrator
from migrator.checkout import tracked_files
from migrator.outcome import Migrated, NothingToMigrate
from migrator.pipeline import migrate_repo
from migrator.verify import engine as engines
from migrator.verify.engine import Engine
from migrator.verify.image_compare import BUILD_LABEL, Difference, ImageSnapshot, compare
from migrator.verify.journal import Journal, read_journal
from migrator.verify.verdict import FlowRun, Status, Verdict, WarnedDifference
from migrator.verify.windows import windows_reason
from migrator.write import apply_changes

_OUTPUT_TAIL_LINES = 15

# `sudo docker …` in a legacy script only asked for the docker socket; verify runs the engine as the
# user who started it, so sudo's options are dropped and the command runs as is.
_SUDO = """#!/bin/sh
while [ $# -gt 0 ]; do
  case "$1" in
    -u|-g|-C|-h|-p|-U|-r|-t|-T) shift 2 ;;
    --) shift; break ;;
    -*) shift ;;
    *) break ;;
  esac
done
exec "$@"
"""

Progress = Callable[[str], None]


@dataclass(frozen=True)
class FlowSpec:
    """How to run one flow: the script (relative to the repo) and where it starts."""

    script: str
    run_from: str
    runtime_dockerfile: str  # relative to the repo: the final image is the last one built from it
    # what the migration did to repository files the image may hold (a runtime `COPY .`, MIG206):
    # sha256 of the old content -> sha256 of the new one, None when the file is deleted
    rewritten: dict[str, str | None] = field(default_factory=dict)
    runner: tuple[str, ...] = ()  # how its users run it, from run_from (default: the script with its #! line)
    set_id_kept: bool = False  # the migration warned that replayed commands keep set-id bits (MIG631)


def verify_repo(repo: Path, engine: Engine, keep: bool, progress: Progress) -> Verdict:
    """Migrate a copy of REPO, then run both flows and compare their images."""
    workspace = Path(tempfile.mkdtemp(prefix="migrate-verify-"))
    legacy_dir, migrated_dir = workspace / "legacy", workspace / "migrated"
    tracked = tracked_files(repo)
    for copy in (legacy_dir, migrated_dir):
        _copy_checkout(repo, copy, tracked)
    outcome = migrate_repo(migrated_dir)
    if not isinstance(outcome, Migrated):
        shutil.rmtree(workspace)
        if isinstance(outcome, NothingToMigrate):
            return Verdict(str(repo), engine.version, Status.NOTHING_TO_MIGRATE, f"nothing to verify: {outcome.reason}")
        findings = "; ".join(str(f).replace(str(migrated_dir) + "/", "") for f in outcome.findings)
        return Verdict(str(repo), engine.version, Status.REFUSED,
                       f"the migration is refused, so there is nothing to verify: {findings}")
    runtime = outcome.runtime_dockerfile
    windows = windows_reason(outcome.flow, legacy_dir, runtime)
    if windows is not None:
        shutil.rmtree(workspace)
        return Verdict(str(repo), engine.version, Status.CANNOT_VERIFY, windows)
    apply_changes(migrated_dir, outcome.changes)
    for path in outcome.flow.absent_dirs:  # the one host state the legacy flow works in (MIG521)
        progress(f"legacy flow: making {path}/, which the checkout lacks and the legacy flow needs")
        (legacy_dir / path).mkdir(parents=True, exist_ok=True)
    rewritten = {_sha(c.old): _sha(c.new) if c.new is not None else None for c in outcome.changes if c.old is not None}
    spec = FlowSpec(outcome.flow.script, outcome.flow.run_from, runtime, rewritten, outcome.flow.runner,
                    any(w.code == "MIG631" for w in outcome.warnings))
    verdict = compare_flows(str(repo), legacy_dir, migrated_dir, spec, engine, keep, progress, workspace)
    if not keep:
        shutil.rmtree(workspace, ignore_errors=True)
    return verdict


def _copy_checkout(repo: Path, target: Path, tracked: list[str] | None) -> None:
    """A clean checkout of REPO at TARGET: its tracked files when git tracks it (a leftover build
    output must not change the legacy flow), else everything."""
    if tracked is None:
        shutil.copytree(repo, target, symlinks=True)
        return
    target.mkdir(parents=True)
    for rel in tracked:
        source, copy = repo / rel, target / rel
        copy.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            copy.symlink_to(os.readlink(source))
        else:
            shutil.copy2(source, copy)


def compare_flows(label: str, legacy_dir: Path, migrated_dir: Path, spec: FlowSpec, engine: Engine, keep: bool,
                  progress: Progress, workspace: Path) -> Verdict:
    """Run the flow in LEGACY_DIR, then in MIGRATED_DIR (migrated by verify_repo, or by hand), and
    compare the final images. Everything the flows create is removed unless KEEP."""
    preexisting = engines.image_ids(engine)
    token = uuid.uuid4().hex[:8]
    kept = [f"the copies of the repo: {workspace}"] if keep else []
    pristine = workspace / "legacy-again"  # the legacy flow changes its copy; a second run needs a clean one
    shutil.copytree(legacy_dir, pristine, symlinks=True)

    progress(f"legacy flow: running {spec.script} in a copy of the repo")
    legacy, legacy_journal = _run_flow("legacy", legacy_dir, spec, engine, workspace)
    if not legacy.succeeded:
        _clean(engine, legacy_journal, preexisting, keep)
        return Verdict(label, engine.version, Status.CANNOT_VERIFY,
                       f"the legacy flow itself fails ({_failure(legacy, spec)}); a build that does not work "
                       "cannot be verified",
                       legacy=legacy, kept=tuple(kept))
    progress(f"legacy flow: built in {legacy.seconds:.1f} s; reading its image")
    assert legacy.image is not None  # it succeeded
    legacy_image = engines.snapshot(engine, legacy.image)
    if keep:
        engines.tag(engine, legacy.image, f"migrate-verify-legacy:{token}")
        kept.append(f"the legacy image: migrate-verify-legacy:{token}")
    for entry in legacy_journal.images:
        for name in entry.tags:
            engines.untag(engine, name)
    _clean(engine, legacy_journal, preexisting, keep)

    progress(f"migrated flow: running the rewritten {spec.script}")
    migrated, migrated_journal = _run_flow("migrated", migrated_dir, spec, engine, workspace)
    if not migrated.succeeded:
        _clean(engine, migrated_journal, preexisting, keep)
        return Verdict(label, engine.version, Status.DIFFERENT, f"the migrated flow fails ({_failure(migrated, spec)})",
                       legacy=legacy, migrated=migrated, kept=tuple(kept))
    progress(f"migrated flow: built in {migrated.seconds:.1f} s; comparing the images")
    assert migrated.image is not None  # it succeeded
    migrated_image = engines.snapshot(engine, migrated.image)
    if keep:
        engines.tag(engine, migrated.image, f"migrate-verify-migrated:{token}")
        kept.append(f"the migrated image: migrate-verify-migrated:{token}")
    _clean(engine, migrated_journal, preexisting, keep)

    differences = compare(legacy_image, migrated_image)
    warned = tuple(w for d in differences if (w := _as_warned(d, legacy_image, migrated_image, spec)) is not None)
    unexplained = tuple(d for d in differences if d not in {w.difference for w in warned})
    noise: set[tuple[str, str]] = set()
    if unexplained:
        progress("the images differ: building the legacy flow once more, to tell its own noise apart")
        noise = _legacy_noise(pristine, spec, engine, workspace, preexisting, legacy_image)
    nondeterministic = tuple(d for d in unexplained if (d.change, d.subject) in noise)
    real = tuple(d for d in unexplained if (d.change, d.subject) not in noise)
    status = Status.DIFFERENT if real else Status.EQUIVALENT
    reason = "the images differ" if real else "same files, same config"
    return Verdict(label, engine.version, status, reason, legacy, migrated, real, nondeterministic, warned,
                   len(legacy_image.paths.keys() | migrated_image.paths.keys()), tuple(kept))


def _as_warned(difference: Difference, legacy: ImageSnapshot, migrated: ImageSnapshot,
               spec: FlowSpec) -> WarnedDifference | None:
    """A difference the migration announced: a repository file it rewrote or deleted, copied in by
    the runtime (MIG206: the old content in the legacy image, the new one, or nothing, in the
    migrated one), or a set-id bit a replayed command set, which only the legacy COPY dropped
    (MIG631: the modes differ by exactly those bits)."""
    old, new = legacy.paths.get(difference.subject), migrated.paths.get(difference.subject)
    if old is not None and old.sha256 in spec.rewritten:
        expected = spec.rewritten[old.sha256]
        if (new is None) if expected is None else (new is not None and new.sha256 == expected):
            return WarnedDifference("MIG206", difference)
    if spec.set_id_kept and old is not None and new is not None and new.mode & 0o6000 and \
            old.mode == new.mode & ~0o6000 and dataclasses.replace(old, mode=new.mode) == new:
        return WarnedDifference("MIG631", difference)
    return None


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _legacy_noise(directory: Path, spec: FlowSpec, engine: Engine, workspace: Path, spare: set[str],
                  first: ImageSnapshot) -> set[tuple[str, str]]:
    """What two builds of the legacy flow disagree on (timestamps baked into files, random names):
    a difference there says nothing about the migration. Empty when the second build fails."""
    again, journal = _run_flow("legacy-again", directory, spec, engine, workspace)
    try:
        if not again.succeeded or again.image is None:
            return set()
        return {(d.change, d.subject) for d in compare(first, engines.snapshot(engine, again.image))}
    finally:
        for entry in journal.images:
            for name in entry.tags:
                engines.untag(engine, name)
        _clean(engine, journal, spare, keep=False)


def _failure(run: FlowRun, spec: FlowSpec) -> str:
    if run.exit_code:
        return f"{spec.script} exited with {run.exit_code}"
    return f"{spec.script} built no image from {spec.runtime_dockerfile}"


def _run_flow(label: str, directory: Path, spec: FlowSpec, engine: Engine, workspace: Path) -> tuple[FlowRun, Journal]:
    journal_path = workspace / f"{label}.journal"
    output_path = workspace / f"{label}.log"
    journal_path.write_text("")
    env = {
        **engine.environment(),
        "PATH": f"{_front_bin(workspace)}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(Path(migrator.__file__).parent.parent),
                                                    os.environ.get("PYTHONPATH")])),
        "MIGRATE_VERIFY_JOURNAL": str(journal_path),
        "MIGRATE_VERIFY_ENGINE": engine.name,
        "MIGRATE_VERIFY_ENGINE_PROGRAM": engine.program,
        "MIGRATE_VERIFY_PODMAN": shutil.which("podman") or "",
    }
    command = list(spec.runner) or [*_interpreter(directory / spec.script), str(directory / spec.script)]
    started = time.monotonic()
    with open(output_path, "wb") as output:
        code = subprocess.run(command, cwd=directory / spec.run_from, env=env,
                              stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT).returncode
    seconds = time.monotonic() - started
    journal = read_journal(journal_path)
    runtime = os.path.realpath(directory / spec.runtime_dockerfile)
    finals = [e.id for e in journal.images if e.dockerfile and os.path.realpath(e.dockerfile) == runtime]
    image = finals[-1] if finals and code == 0 else None
    size = engines.image_size(engine, image) if image else None
    tail = "\n".join(output_path.read_bytes().decode("utf-8", "replace").splitlines()[-_OUTPUT_TAIL_LINES:])
    return FlowRun(label, spec.script, code, seconds, image, size, tail), journal


def _interpreter(script: Path) -> list[str]:
    """How the script's own first line asks to be run; `sh` when it has no #! line."""
    with open(script, "rb") as handle:
        first = handle.readline().decode("utf-8", "replace").strip()
    return shlex.split(first[2:]) if first.startswith("#!") else ["sh"]


def _front_bin(workspace: Path) -> Path:
    """A directory with `docker` and `podman` (the front, with each CLI's own rules) and `sudo`,
    put first on the flow's PATH."""
    bin_dir = workspace / "bin"
    if not bin_dir.exists():
        bin_dir.mkdir()
        front = f"exec {shlex.quote(sys.executable)} -m migrator.verify.docker_front"
        (bin_dir / "docker").write_text(f"#!/bin/sh\n{front} \"$@\"\n")
        (bin_dir / "podman").write_text(f"#!/bin/sh\n{front} --podman \"$@\"\n")
        (bin_dir / "sudo").write_text(_SUDO)
        for shim in ("docker", "podman", "sudo"):
            (bin_dir / shim).chmod(0o755)
    return bin_dir


def _clean(engine: Engine, journal: Journal, spare: set[str], keep: bool) -> None:
    """Remove what a flow created, never an image that was there before it (a base image, say)."""
    if keep:
        return
    images = [e.id for e in journal.images if engines.short_id(e.id) not in spare]
    engines.remove(engine, journal.containers, images)
    engines.remove_marked(engine, f"{BUILD_LABEL}={journal.build_mark}")
