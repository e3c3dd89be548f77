"""One generated legacy repository through `migrate verify`, as a user runs it, and what came out.

Shared by the fixed-seed sample in the test suite and `benchmarks/differential.py`."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from generator import REPO_FILES, GeneratedRepo, generate

# What verify says -> how a differential run counts it. `legacy-broken` is the generator's fault
# (it wrote a flow that does not work), never the migrator's; `different` is the migrator's.
OUTCOMES = ("equivalent", "refused", "different", "legacy-broken", "nothing-to-migrate", "error")


@dataclass(frozen=True)
class DifferentialResult:
    seed: int
    outcome: str
    reason: str
    report: dict
    repo: GeneratedRepo

    def bug_report(self) -> str:
        """Everything needed to turn this case into a corpus case."""
        lines = [f"seed {self.seed}: {self.outcome}: {self.reason}", "choices: " + ", ".join(self.repo.choices)]
        for difference in self.report.get("differences", []):
            lines.append(f"  {difference['change']} {difference['subject']}: {difference['detail']}")
        for name, text in sorted(self.repo.files.items()):
            if name not in REPO_FILES:
                lines += [f"--- {name}", text.rstrip("\n")]
        return "\n".join(lines) + "\n"


def verify_generated(seed: int, workdir: Path, attempts: int = 2) -> DifferentialResult:
    """Runs verify again when the engine itself failed (podman's storage can race when two verify
    runs share it); a verdict is never retried."""
    repo = generate(seed)
    path = repo.write(workdir / f"gen-{seed}")
    for _ in range(attempts):
        done = subprocess.run([sys.executable, "-m", "migrator", "verify", str(path), "--format", "json"],
                              capture_output=True, text=True, timeout=900)
        try:
            report = json.loads(done.stdout)
            break
        except json.JSONDecodeError:
            continue
    else:
        return DifferentialResult(seed, "error", (done.stderr or done.stdout).strip()[-500:], {}, repo)
    result = report["result"]
    outcome = {"cannot-verify": "legacy-broken"}.get(result, result)
    return DifferentialResult(seed, outcome, report["reason"], report, repo)
