"""A flow traced through one or more orchestration files: the start file's front end walks it into
a trace engine, and whenever a command runs another orchestration file (a Makefile target running
`./build.sh`, a script running `make image`), the front end that reads that file walks it into the
same engine. Each file's commands keep their own file in their spans, so the plan's edits reach
every file the flow went through."""

from __future__ import annotations

import dataclasses
import posixpath

from migrator.findings import Refusal, refuse
from migrator.frontends.base import Call, Reader, Source
from migrator.frontends.registry import FRONT_ENDS
from migrator.hostfs import RepoTree
from migrator.model import Flow
from migrator.plan.kinds import kind_reader
from migrator.trace.command import Command
from migrator.trace.engine import TraceEngine

MAX_FILE_DEPTH = 8  # files calling files; past this, or in a circle, the flow is not followed


def trace_source(source: Source, tree: RepoTree, start_dir: str, read: Reader) -> Flow:
    front_end = FRONT_ENDS[source.front_end]
    calls = _FileCalls(tree, read, [source.path])
    engine = TraceEngine(tree, source.path, start_dir, calls, kind_reader(read))
    calls.engine = engine
    relative = Source(posixpath.relpath(source.path, start_dir), source.text, source.front_end,
                      source.extraction_hint, source.entry)
    try:
        front_end.walk(source, engine, None)
    except Refusal as refusal:
        # what explain shows of it
        refusal.traced = dataclasses.replace(engine.flow(tuple(front_end.runner(relative))), entry=source.entry)
        raise
    flow = engine.flow(tuple(front_end.runner(relative)))
    return dataclasses.replace(flow, called=tuple(calls.called), entry=source.entry)


class _FileCalls:
    """The engine's hook for a command that runs another orchestration file."""

    def __init__(self, tree: RepoTree, read: Reader, running: list[str]):
        self.tree = tree
        self.read = read
        self.running = running  # the files being walked, outermost first
        self.engine: TraceEngine | None = None
        self.called: list[str] = []  # every file walked on the start file's behalf, in call order

    def __call__(self, command: Command) -> bool:
        engine = self.engine
        assert engine is not None  # set right after the engine is made
        for front_end in FRONT_ENDS.values():
            call = front_end.called_by(command, engine)
            if call is None or call.path not in self.tree.files:
                continue
            raw = self.read(call.path)
            if raw is None or not front_end.claims(call.path, raw[:128]):
                continue
            if call.path in self.running or len(self.running) >= MAX_FILE_DEPTH:
                raise refuse("MIG152", command.loc, command=command.text, path=call.path)
            self._walk(front_end.name, Source(call.path, raw.decode("utf-8", "surrogateescape"), front_end.name,
                                              True, call.entry), call)
            return True
        return False

    def _walk(self, name: str, source: Source, call: Call) -> None:
        """The called file runs as a process of its own: its working directory and `set -e` stay its own."""
        assert self.engine is not None
        saved = self.engine.state.cwd, self.engine.state.errexit
        self.running.append(source.path)
        if source.path not in self.called:
            self.called.append(source.path)
        try:
            FRONT_ENDS[name].walk(source, self.engine, call)
        finally:
            self.running.pop()
            self.engine.state.cwd, self.engine.state.errexit = saved
