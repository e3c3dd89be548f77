"""`migrate batch`: many repositories through the very code path of `migrate PATH`, in a pool of
worker processes that a crash, a hang or an unreadable file cannot stop.

Each worker is a process of its own that takes one repository at a time. A worker that dies or
runs past the timeout is killed and replaced, and its repository is recorded as `error`. Records
are written by this (the parent) process only, one whole line at a time, flushed as each
repository finishes, so a report cut short by `kill -9` holds every finished repository once and
`--resume` can skip them.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path

from migrator.batch.records import DEFAULT_AUTHOR, error_record, patch_name, patch_text, pull_request_body, record
from migrator.config import ConfigError, apply_settings, load_settings
from migrator.outcome import Migrated
from migrator.pipeline import Options, migrate_repo
from migrator.write import write_migration


@dataclass(frozen=True)
class BatchOptions:
    write: bool  # False: dry run, nothing in the repositories changes
    jobs: int
    timeout: float | None  # seconds per repository
    patches: bool  # make a patch and a pull-request body for each migrated repository
    author: str = DEFAULT_AUTHOR  # the patches' From: line
    relative_to: str | None = None  # patches name their files from this folder (a monorepo's root)


@dataclass(frozen=True)
class Result:
    record: dict
    patch: str | None = None
    pull_request: str | None = None


def migrate_one(path: str, options: BatchOptions) -> Result:
    """One repository, as `migrate PATH` (or `--dry-run`) handles it, with its own configuration."""
    started = time.perf_counter()
    try:
        wanted = load_settings(Path(path))
    except ConfigError as error:
        return Result(error_record(path, f"configuration: {error}", _elapsed(started), _mode(options)))
    outcome = migrate_repo(Path(path), Options(script=wanted.script, builder=wanted.builder, runtime=wanted.runtime))
    outcome = apply_settings(outcome, wanted)
    if isinstance(outcome, Migrated) and options.write:
        outcome = write_migration(Path(path), outcome)
    line = record(path, outcome, _elapsed(started), _mode(options))
    if options.patches and isinstance(outcome, Migrated):
        return Result(line, patch_text(outcome, options.author, _prefix(path, options.relative_to)),
                      pull_request_body(outcome))
    return Result(line)


def _elapsed(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def _prefix(path: str, root: str | None) -> str:
    """The repository's folder as seen from ROOT (`services/api/`), for patches applied at ROOT."""
    if root is None:
        return ""
    relative = os.path.relpath(os.path.abspath(path), os.path.abspath(root)).replace(os.sep, "/")
    return "" if relative == "." else relative + "/"


def _worker(connection: Connection, options: BatchOptions) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    while (path := connection.recv()) is not None:
        started = time.perf_counter()
        try:
            result = migrate_one(path, options)
        except Exception as error:  # a bug or an unreadable repository: recorded, the batch goes on
            result = Result(error_record(path, f"{type(error).__name__}: {error}",
                                         (time.perf_counter() - started) * 1000, _mode(options)))
        connection.send(result)


def _mode(options: BatchOptions) -> str:
    return "write" if options.write else "dry-run"


class _Slot:
    """One worker process and the repository it is working on."""

    def __init__(self, context, options: BatchOptions):
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_worker, args=(child, options), daemon=True)
        self.process.start()
        child.close()
        self.path: str | None = None
        self.started = 0.0

    def give(self, path: str) -> None:
        self.path, self.started = path, time.monotonic()
        self.connection.send(path)

    def kill(self) -> None:
        self.process.kill()
        self.process.join()
        self.connection.close()


def run_batch(paths: list[str], options: BatchOptions, on_result: Callable[[Result], None]) -> None:
    """Migrate PATHS with OPTIONS.jobs workers, calling ON_RESULT in this process as each finishes.
    KeyboardInterrupt stops the workers at once and propagates."""
    # fork: workers start with bashlex and the pipeline already imported
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    pending = deque(paths)
    slots = [_Slot(context, options) for _ in range(max(1, min(options.jobs, len(paths))))]
    try:
        for slot in slots:
            if pending:
                slot.give(pending.popleft())
        while any(slot.path is not None for slot in slots):
            busy = [slot for slot in slots if slot.path is not None]
            ready = wait([slot.connection for slot in busy], timeout=_next_deadline(busy, options.timeout))
            for index, slot in enumerate(slots):
                if slot.path is None:
                    continue
                failure = _collect(slot, ready, options, on_result)
                if failure is not None and slot.path is not None:
                    path, elapsed = slot.path, (time.monotonic() - slot.started) * 1000
                    slot.kill()
                    slots[index] = slot = _Slot(context, options)
                    on_result(Result(error_record(path, failure, elapsed, _mode(options))))
                if slot.path is None and pending:
                    slot.give(pending.popleft())
    finally:
        for slot in slots:
            if slot.process.is_alive():
                if slot.path is None:
                    slot.connection.send(None)
                    slot.process.join(1)
                if slot.process.is_alive():
                    slot.kill()


def _collect(slot: _Slot, ready: list, options: BatchOptions, on_result: Callable[[Result], None]) -> str | None:
    """Hand on the busy SLOT's result if it has one; the reason it failed when its worker died or
    ran past the timeout; None when it is still working."""
    if slot.connection in ready:
        try:
            result = slot.connection.recv()
        except (EOFError, OSError):
            slot.process.join(5)
            return f"the worker process died (exit code {slot.process.exitcode}) on this repository"
        slot.path = None
        on_result(result)
        return None
    if options.timeout is not None and time.monotonic() - slot.started > options.timeout:
        return f"timed out after {options.timeout:g} s"
    return None


def _next_deadline(busy: list[_Slot], timeout: float | None) -> float | None:
    if timeout is None:
        return None
    return max(0.0, min(slot.started + timeout for slot in busy) - time.monotonic())


def write_patch(patch_dir: Path, result: Result) -> dict:
    """The repository's patch and pull-request body in PATCH_DIR; its record, naming both files."""
    name = patch_name(result.record["path"])
    patch_dir.mkdir(parents=True, exist_ok=True)
    named = dict(result.record)
    for key, suffix, text in (("patch", ".patch", result.patch), ("pull_request", ".md", result.pull_request)):
        if text is None:
            continue
        temporary = patch_dir / f".{name}{suffix}.tmp"
        temporary.write_text(text, encoding="utf-8", errors="surrogateescape")
        os.replace(temporary, patch_dir / f"{name}{suffix}")
        named[key] = str(patch_dir / f"{name}{suffix}")
    return named
