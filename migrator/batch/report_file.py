"""The JSON Lines report of a batch: one record a line, appended and flushed as each repository
finishes, so a report cut short by `kill -9` holds every finished repository once.

A report belongs to one mode. Resuming a dry run's report with --write would skip every
repository it lists and write nothing, so that is refused; and an existing report is only ever
continued (--resume), never silently overwritten or mixed with a new run."""

from __future__ import annotations

import json
from pathlib import Path


class ReportMismatch(Exception):
    """The report cannot be used for this run; the message says why and what to do."""


class Report:
    def __init__(self, path: Path, resume: bool, mode: str):
        self.path = path
        self.done: set[str] = set()
        exists = path.exists() and path.stat().st_size > 0
        if exists and not resume:
            raise ReportMismatch(f"{path} already holds a report: give --resume to go on with it, or another "
                                 "--report file")
        if exists:
            self.done = self._recover(mode)
        self.handle = open(path, "a", encoding="utf-8")

    def _recover(self, mode: str) -> set[str]:
        """Paths already recorded; a last line cut short by a kill is dropped, so appends stay whole lines."""
        data = self.path.read_bytes()
        whole = data[: data.rfind(b"\n") + 1]
        records = [json.loads(line) for line in whole.decode("utf-8").splitlines() if line.strip()]
        modes = sorted({r.get("mode", "?") for r in records} - {mode})
        if modes:
            again = "--write" if modes[0] == "write" else "--dry-run"
            raise ReportMismatch(f"{self.path} was written by a {modes[0]} run; a {mode} run cannot resume it "
                                 f"(its repositories would be skipped): resume it with {again}, or give another "
                                 "--report file")
        if len(whole) != len(data):
            with open(self.path, "r+b") as handle:
                handle.truncate(len(whole))
        return {r["path"] for r in records}

    def records(self) -> list[dict]:
        self.handle.flush()
        return [json.loads(line) for line in self.path.read_text(encoding="utf-8").splitlines() if line.strip()]

    def add(self, line: dict) -> None:
        self.handle.write(json.dumps(line) + "\n")
        self.handle.flush()

    def close(self) -> None:
        self.handle.close()
