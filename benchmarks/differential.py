"""Differential testing on the engine: generated legacy repositories through `migrate verify`.

Each repository comes from tests/e2e/generator.py (seed = --seed + its index). The migrator either
refuses it or migrates it, and then verify builds both flows and compares the images: a
`different` verdict is a wrong migration, a bug. Each different (and each legacy-broken, which is
the generator's fault) case is saved under --save as a bug report with its files.

    python benchmarks/differential.py --count 500 --seed 1 [--jobs 2] [--save DIR]

Prints the counts per outcome, the refusal codes, and the seeds of what went wrong; exits 1 when
any case came out different.
"""

from __future__ import annotations

import argparse
import collections
import re
import shutil
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "e2e"))

from differential import OUTCOMES, DifferentialResult, verify_generated


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--save", type=Path, default=Path("differential-failures"))
    args = parser.parse_args()
    seeds = [args.seed + i for i in range(args.count)]
    counts: collections.Counter[str] = collections.Counter()
    codes: collections.Counter[str] = collections.Counter()
    bad: list[DifferentialResult] = []
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="differential-") as scratch, ThreadPoolExecutor(args.jobs) as pool:
        futures = [pool.submit(verify_generated, seed, Path(scratch)) for seed in seeds]
        for done, future in enumerate(as_completed(futures), start=1):
            result = future.result()
            counts[result.outcome] += 1
            if result.outcome == "refused":
                codes.update(re.findall(r"\bMIG\d{3}\b", result.reason)[:1])
            if result.outcome in ("different", "legacy-broken", "error"):
                bad.append(result)
                _save(args.save, result)
            print(f"[{done}/{len(seeds)}] seed {result.seed}: {result.outcome}", file=sys.stderr, flush=True)
            shutil.rmtree(Path(scratch) / f"gen-{result.seed}", ignore_errors=True)
    minutes = (time.monotonic() - started) / 60
    print(f"{args.count} generated repositories (seeds {seeds[0]}..{seeds[-1]}), {minutes:.1f} min, "
          f"{args.jobs} jobs")
    for outcome in OUTCOMES:
        print(f"  {outcome:<20}{counts[outcome]}")
    if codes:
        print("refusals by code: " + ", ".join(f"{code} {n}" for code, n in codes.most_common()))
    for result in sorted(bad, key=lambda r: r.seed):
        print(f"  seed {result.seed}: {result.outcome}: {result.reason[:160]}  (saved in {args.save})")
    return 1 if counts["different"] else 0


def _save(directory: Path, result: DifferentialResult) -> None:
    case = directory / f"seed-{result.seed}-{result.outcome}"
    result.repo.write(case / "legacy")
    (case / "report.txt").write_text(result.bug_report())


if __name__ == "__main__":
    sys.exit(main())
