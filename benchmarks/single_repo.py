"""Speed targets for one repository (issue 2), measured here rather than in timed unit tests.

    python benchmarks/single_repo.py

Targets: a typical repo migrates in under 50 ms in-process; `migrate --help` returns in under 300 ms.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from migrator.pipeline import migrate_repo

ROOT = Path(__file__).resolve().parent.parent
TYPICAL = ["01-docs-href-counter", "02-c-hello-gcc", "06-several-artifacts", "10-functions-and-defaults"]


def per_repo_ms(runs: int = 200) -> list[float]:
    times = []
    with tempfile.TemporaryDirectory() as scratch:
        repos = []
        for case in TYPICAL:
            repo = Path(scratch) / case
            shutil.copytree(ROOT / "corpus" / case / "legacy", repo)
            repos.append(repo)
        for repo in repos:
            migrate_repo(repo)  # warm imports
        for i in range(runs):
            repo = repos[i % len(repos)]
            start = time.perf_counter()
            migrate_repo(repo)
            times.append((time.perf_counter() - start) * 1000)
    return times


def help_ms(runs: int = 10) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "migrator", "--help"], check=True, capture_output=True)
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> int:
    migrate = per_repo_ms()
    helps = help_ms()
    p50, p95 = statistics.median(migrate), statistics.quantiles(migrate, n=20)[-1]
    print(f"migrate in-process: p50 {p50:.1f} ms, p95 {p95:.1f} ms (target < 50 ms)")
    print(f"migrate --help:     p50 {statistics.median(helps):.0f} ms (target < 300 ms)")
    return 0 if p50 < 50 and statistics.median(helps) < 300 else 1


if __name__ == "__main__":
    sys.exit(main())
