"""What `migrate verify` found, as plain data, and how it reads: text, JSON and the exit code."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from migrator.verify.image_compare import Difference


class Status(Enum):
    EQUIVALENT = "equivalent"
    DIFFERENT = "different"
    CANNOT_VERIFY = "cannot-verify"
    REFUSED = "refused"
    NOTHING_TO_MIGRATE = "nothing-to-migrate"


_EXIT_CODES = {Status.EQUIVALENT: 0, Status.NOTHING_TO_MIGRATE: 0, Status.DIFFERENT: 1, Status.CANNOT_VERIFY: 3,
               Status.REFUSED: 3}


@dataclass(frozen=True)
class FlowRun:
    """One run of a build script on the engine, in a copy of the repo."""

    label: str  # "legacy" or "migrated"
    script: str
    exit_code: int
    seconds: float
    image: str | None  # the final image's id; None when the flow built none
    image_size: int | None
    output_tail: str  # the last lines the script printed, for when it failed

    @property
    def succeeded(self) -> bool:
        return self.exit_code == 0 and self.image is not None


@dataclass(frozen=True)
class WarnedDifference:
    """A difference the migration announced with a warning of its own."""

    code: str  # MIG206: a build file the runtime copies in; MIG631: a set-id bit a replayed command set
    difference: Difference


_WARNED_WHAT = {
    "MIG206": "build file{s} the runtime copies in, rewritten or deleted by the migration",
    "MIG631": "set-id bit{s} a replayed command set, which the legacy COPY from the build context dropped",
}


@dataclass(frozen=True)
class Verdict:
    repo: str
    engine: str
    status: Status
    reason: str  # one sentence: why this status
    legacy: FlowRun | None = None
    migrated: FlowRun | None = None
    differences: tuple[Difference, ...] = ()
    # differences that two builds of the legacy flow also disagree on: the build's own noise
    nondeterministic: tuple[Difference, ...] = ()
    # what the migration said would differ (MIG206, MIG631)
    warned: tuple[WarnedDifference, ...] = ()
    compared_paths: int = 0
    kept: tuple[str, ...] = ()  # with --keep: what was left for the user to look at

    @property
    def exit_code(self) -> int:
        return _EXIT_CODES[self.status]


def _size(size: int | None) -> str:
    if size is None:
        return "no image"
    amount = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if amount < 1000 or unit == "GB":
            return f"image {amount:.0f} {unit}" if unit == "B" else f"image {amount:.1f} {unit}"
        amount /= 1000
    raise AssertionError("unreachable")


def _flow_line(run: FlowRun) -> str:
    title = f"{run.label} flow:"
    outcome = _size(run.image_size) if run.succeeded else f"failed (exit {run.exit_code})"
    return f"  {title:<15}{run.script:<24} {run.seconds:6.1f} s   {outcome}"


def verdict_text(verdict: Verdict) -> str:
    lines = [f"verify {verdict.repo} on {verdict.engine}"]
    lines += [_flow_line(run) for run in (verdict.legacy, verdict.migrated) if run is not None]
    if verdict.status is Status.EQUIVALENT:
        lines.append(f"equivalent: the {verdict.compared_paths} paths and the runtime config of the two images are "
                     "the same")
        if verdict.nondeterministic or verdict.warned:
            lines[-1] = (f"equivalent: the {verdict.compared_paths} paths and the runtime config of the two images are "
                         "the same, but for what is listed below")
    elif verdict.status is Status.DIFFERENT:
        if verdict.differences:
            count = len(verdict.differences)
            lines.append(f"different: {count} difference{'s' if count != 1 else ''} (legacy -> migrated)")
            lines += [f"  {difference}" for difference in verdict.differences]
        else:
            lines.append(f"different: {verdict.reason}")
    else:
        lines.append(f"{verdict.status.value}: {verdict.reason}")
    for code, what in _WARNED_WHAT.items():
        warned = [w.difference for w in verdict.warned if w.code == code]
        if warned:
            lines.append(f"as warned ({code}): {len(warned)} " + what.format(s="s" if len(warned) != 1 else ""))
            lines += [f"  {difference}" for difference in warned]
    if verdict.nondeterministic:
        count = len(verdict.nondeterministic)
        lines.append(f"non-deterministic: {count} difference{'s' if count != 1 else ''} that a second legacy build "
                     "also shows (not caused by the migration)")
        lines += [f"  {difference}" for difference in verdict.nondeterministic]
    failed = next((run for run in (verdict.legacy, verdict.migrated) if run is not None and not run.succeeded), None)
    if failed is not None and failed.output_tail:
        lines.append(f"last lines of the {failed.label} flow's output:")
        lines += [f"  | {line}" for line in failed.output_tail.splitlines()]
    lines += [f"kept: {item}" for item in verdict.kept]
    return "\n".join(lines) + "\n"


def _flow_json(run: FlowRun | None) -> dict | None:
    if run is None:
        return None
    return {"script": run.script, "exit_code": run.exit_code, "seconds": round(run.seconds, 3),
            "image": run.image, "image_size": run.image_size}


def verdict_json(verdict: Verdict) -> dict:
    return {
        "repo": verdict.repo,
        "engine": verdict.engine,
        "result": verdict.status.value,
        "reason": verdict.reason,
        "legacy": _flow_json(verdict.legacy),
        "migrated": _flow_json(verdict.migrated),
        "compared_paths": verdict.compared_paths,
        "differences": [_difference_json(d) for d in verdict.differences],
        "nondeterministic": [_difference_json(d) for d in verdict.nondeterministic],
        "as_warned": [{"code": w.code, **_difference_json(w.difference)} for w in verdict.warned],
        "kept": list(verdict.kept),
    }


def _difference_json(difference: Difference) -> dict:
    return {"change": difference.change, "subject": difference.subject, "detail": difference.detail}
