"""The cmd front end: Windows batch files (`*.cmd`, `*.bat`), as cmd.exe runs them.

find: batch files at the root or one level down that run `docker build`; walk: parse.py reads the
file as cmd does (carets, blocks, `if`, labels), walk.py + builtins.py follow it (percent
expansion per statement, `call`, `goto`, `exit /b`), from the file's own directory (or the root
for a file one level down whose Dockerfiles are only found from there); a file another runs
(`call extract.cmd`, `cmd /c x.cmd`) is walked in its caller's process; rewrite.py removes what
goes and keeps every other byte."""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache

from migrator.frontends.base import Call, Reader, Source
from migrator.frontends.cmd.builtins import BUILTINS
from migrator.frontends.cmd.parse import parse_batch
from migrator.frontends.cmd.rewrite import rewrite_batch
from migrator.frontends.cmd.syntax import BatchScript
from migrator.frontends.cmd.walk import BatchWalker, program
from migrator.frontends.windows import CallContext, host_path, take_call_context
from migrator.hostfs import RepoTree
from migrator.plan.edits import ScriptEdits
from migrator.trace.command import Command
from migrator.trace.engine import TraceEngine

_SUFFIXES = (".cmd", ".bat")
DOCKER_BUILD = re.compile(r"\b(?:docker|podman|buildah)(?:\.exe)?\b[^\n]*\b(?:build|bud)\b", re.I)
EXTRACTION_HINT = re.compile(r"\b(?:docker|podman)(?:\.exe)?\b[^\n]*\b(?:cp|export|create)\b", re.I)


class CmdFrontEnd:
    name = "cmd"

    def claims(self, path: str, head: bytes) -> bool:
        return path.lower().endswith(_SUFFIXES)

    def find(self, tree: RepoTree, read: Reader) -> list[Source]:
        return find_scripts(tree, read, _SUFFIXES, self.name)

    def walk(self, source: Source, engine: TraceEngine, call: Call | None) -> None:
        engine.state.record.windows_host = True
        context = take_call_context(engine) or CallContext({})
        walker = BatchWalker(_parsed(source.path, source.text), engine, context,
                             call.args if call is not None else None, BUILTINS)
        walker.run()
        context.final_directory = engine.state.cwd

    def called_by(self, command: Command, engine: TraceEngine) -> Call | None:
        """`extract.cmd`, `call scripts\\x.cmd` (the walk drops `call`), `cmd /c build.cmd` …"""
        words = command.words
        first = program(words[0].value.literal) if words else ""
        if first == "cmd":
            at = next((k for k, w in enumerate(words) if (w.value.literal or "").lower() in ("/c", "/k")), None)
            if at is None or at + 1 >= len(words):
                return None
            words = words[at + 1:]
        target = words[0].value if words else None
        if target is None or target.literal is None or not target.literal.lower().endswith(_SUFFIXES):
            return None
        path = engine.state.repo_path(host_path(target))
        return Call(path, None, tuple(w.value for w in words[1:])) if path is not None else None

    def rewrite(self, source: Source, edits: ScriptEdits) -> str:
        return rewrite_batch(_parsed(source.path, source.text), edits)

    def runner(self, source: Source) -> list[str]:
        """`cmd /c build.cmd`: cmd reads a `/` in a command name as a switch, so the path takes `\\`."""
        return ["cmd", "/c", source.path.replace("/", "\\")]

    def start_dirs(self, source: Source) -> list[str]:
        own = posixpath.dirname(source.path) or "."
        return [own] if own == "." else [own, "."]


def find_scripts(tree: RepoTree, read: Reader, suffixes: tuple[str, ...], front_end: str) -> list[Source]:
    """Files with one of SUFFIXES at the root or one level down that run `docker build`."""
    found = []
    for path in sorted(tree.files):
        if path.count("/") > 1 or not path.lower().endswith(suffixes):
            continue
        raw = read(path)
        if raw is None:
            continue
        text = raw.decode("utf-8", errors="surrogateescape")
        if DOCKER_BUILD.search(text):
            found.append(Source(path, text, front_end, bool(EXTRACTION_HINT.search(text))))
    return found


@lru_cache(maxsize=16)
def _parsed(path: str, text: str) -> BatchScript:
    return parse_batch(path, text)


CMD = CmdFrontEnd()
