"""How the shell front end scales with a script's length (issue 9, item 7).

Builds a legacy repository whose build.sh is a builder flow followed by LINES lines of other bash,
in two twins: one with `[[ ]]`, `case`, arrays and `$(( ))` scattered through it (one line in ten),
one with each replaced by a construct bashlex parses (`[ ]`, `if`/`elif`, a plain string,
`$(expr …)`). Measures, best of RUNS:

- migrate_repo on each twin, in process;
- bashlex.parse of the plain twin's script: the floor no shell front end built on bashlex beats.

Targets: the odd twin migrates in at most 3x the plain twin's time, and the plain twin in at most
2x bashlex's own parse time.

    python benchmarks/shell_scaling.py [--lines 5000] [--runs 3]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import bashlex

from migrator.outcome import Migrated
from migrator.pipeline import migrate_repo

FLOW = """#!/bin/bash
set -e
docker build -t big:build -f Dockerfile.build .
docker create --name big-x big:build
docker cp big-x:/out/app ./app
docker rm big-x
"""
TAIL = "docker build -t big .\nrm app\n"
ODD = [
    'if [[ -n "$X" && -f "$F" ]]; then echo "$X"; fi\n',
    'case "$MODE" in\n  a|b) echo ab ;;\n  *) echo other ;;\nesac\n',
    "NAMES=(one two three)\n",
    "N=$(( N + 1 ))\n",
]
PLAIN = [
    'if [ -n "$X" -a -f "$F" ]; then echo "$X"; fi\n',
    'if [ "$MODE" = a ]; then\n  echo ab\nelse\n  echo other\nfi\n',
    'NAMES="one two three"\n',
    "N=$(expr $N + 1)\n",
]
FILLER = ['echo "step $N"\n', 'if [ -d "$DIR" ]; then ls "$DIR" > /dev/null; fi\n', "VALUE=${VALUE:-default}\n"]


def script(lines: int, odd: bool) -> str:
    body, k = [], 0
    while sum(part.count("\n") for part in body) < lines:
        if k % 10 == 9:
            body.append((ODD if odd else PLAIN)[(k // 10) % len(ODD)])
        else:
            body.append(FILLER[k % len(FILLER)])
        k += 1
    return FLOW + "".join(body) + TAIL


def repo(root: Path, text: str) -> Path:
    root.mkdir()
    (root / "build.sh").write_text(text)
    (root / "Dockerfile.build").write_text("FROM busybox:1.36\nRUN mkdir /out && echo app > /out/app\n")
    (root / "Dockerfile").write_text("FROM busybox:1.36\nCOPY app /app\n")
    return root


def best(runs: int, action) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        plain_text, odd_text = script(args.lines, odd=False), script(args.lines, odd=True)
        plain, odd = repo(Path(scratch) / "plain", plain_text), repo(Path(scratch) / "odd", odd_text)
        for path in (plain, odd):
            assert isinstance(migrate_repo(path), Migrated), path
        floor = best(args.runs, lambda: bashlex.parse(plain_text))
        plain_time = best(args.runs, lambda: migrate_repo(plain))
        odd_time = best(args.runs, lambda: migrate_repo(odd))
    print(f"script of {plain_text.count(chr(10))} lines; best of {args.runs}")
    print(f"  bashlex.parse, plain twin (floor):  {floor:6.2f} s")
    print(f"  migrate, plain twin:                {plain_time:6.2f} s   {plain_time / floor:4.2f}x the floor "
          "(target <= 2x)")
    print(f"  migrate, [[ ]]/case/arrays/$(( )):  {odd_time:6.2f} s   {odd_time / plain_time:4.2f}x the plain twin "
          "(target <= 3x)")


if __name__ == "__main__":
    main()
