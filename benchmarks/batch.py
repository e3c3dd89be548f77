"""Benchmark of `migrate batch --dry-run` over 1,000 generated repositories.

Generates 1,000 repositories from the corpus cases (each under a varied org/name path, with the
case's image names varied too), then runs the real CLI with --jobs 1 and --jobs 2 and reports
repos/s, per-repo p50/p95 (from the report's elapsed_ms), peak memory of the largest process, and
two floors: the time to only read the same files and parse them with bashlex and dockerfile-parse
(the floor the batch targets were first set against, when shell scripts were all the tool read),
and the same plus libcst for Python scripts and PyYAML for CI files, the parsers the front ends
added since then run on every repository that has such files.

    python benchmarks/batch.py [--repos 1000]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bashlex
import libcst
import yaml
from dockerfile_parse import DockerfileParser

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def generate(target: Path, count: int) -> list[Path]:
    cases = sorted(p / "legacy" for p in CORPUS.iterdir() if (p / "legacy").is_dir())
    repos = []
    for i in range(count):
        case = cases[i % len(cases)]
        repo = target / f"org{i % 17}" / ("services/" if i % 3 == 0 else "") / f"app-{i:04d}-{case.parent.name[3:]}"
        shutil.copytree(case, repo, symlinks=True)
        for script in repo.rglob("*.sh"):  # vary the image names the script tags and copies from
            script.write_text(script.read_text().replace(":build", f"-{i}:build"))
        repos.append(repo)
    return repos


def parse_floor(repos: list[Path], every_parser: bool) -> float:
    """Seconds to read every file of every repo and parse its scripts and Dockerfiles (with
    EVERY_PARSER, also its Python scripts and YAML files)."""
    started = time.perf_counter()
    for repo in repos:
        for path in repo.rglob("*"):
            if not path.is_file():
                continue
            text = path.read_bytes().decode("utf-8", "replace")
            with contextlib.suppress(Exception):  # the parsers fail on some files, as in the tool
                if path.suffix == ".sh":
                    bashlex.parse(text)
                elif path.name.startswith("Dockerfile"):
                    _ = DockerfileParser(fileobj=io.BytesIO(text.encode())).structure  # parsed on access
                elif every_parser and path.suffix == ".py":
                    libcst.parse_module(text)
                elif every_parser and path.suffix in (".yml", ".yaml"):
                    list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    return time.perf_counter() - started


def run(listing: Path, jobs: int, report: Path) -> dict:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "migrator", "batch", "--from", str(listing),
                           "--dry-run", "--jobs", str(jobs), "--report", str(report)],
                          capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(done.stderr)
    records = [json.loads(line) for line in report.read_text().splitlines()]
    elapsed = sorted(r["elapsed_ms"] for r in records)
    return {"jobs": jobs, "repos": len(records), "wall_s": wall, "repos_per_s": len(records) / wall,
            "p50_ms": statistics.median(elapsed), "p95_ms": elapsed[int(len(elapsed) * 0.95) - 1],
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repos", type=int, default=1000)
    count = parser.parse_args().repos
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "fleet"
        repos = generate(root, count)
        listing = Path(scratch) / "repos.txt"
        listing.write_text("".join(f"{repo}\n" for repo in repos))
        floors = {"bashlex + dockerfile-parse": parse_floor(repos, every_parser=False),
                  "every parser (+ libcst, PyYAML)": parse_floor(repos, every_parser=True)}
        results = [run(listing, jobs, Path(scratch) / f"report-{jobs}.jsonl") for jobs in (1, 2)]
    print(f"{count} repositories, {os.cpu_count()} CPUs")
    for name, floor in floors.items():
        print(f"floor, {name} (read + parse only, one process): {floor:.2f} s = {count / floor:.0f} repos/s, "
              f"{floor / count * 1000:.2f} ms per repo")
    for r in results:
        print(f"--jobs {r['jobs']}: {r['repos']} repos in {r['wall_s']:.2f} s = {r['repos_per_s']:.0f} repos/s; "
              f"per repo p50 {r['p50_ms']:.2f} ms, p95 {r['p95_ms']:.2f} ms; peak RSS {r['peak_rss_mb']:.0f} MB")
    one, two = results
    print(f"scaling 1 -> 2 jobs: {two['repos_per_s'] / one['repos_per_s']:.2f}x")
    for name, floor in floors.items():
        print(f"--jobs 1 wall vs the floor, {name}: {one['wall_s'] / floor:.2f}x")


if __name__ == "__main__":
    main()
