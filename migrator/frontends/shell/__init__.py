"""The shell front end: POSIX sh and bash build scripts, read with bashlex.

find: scripts at the root or one level down (`*.sh`, `*.bash`, or a shell #! line) that run
`docker build` or make; walk: the walk (walk.py) with the shell's builtins (builtins.py), from the
script's own directory, or from the root for a script one level down whose Dockerfiles are only
found from there; a script another file runs (`./build.sh`, `sh x.sh`) is walked with its own $1 …;
rewrite: edits on the bashlex tree, every other byte kept (rewrite.py)."""

from __future__ import annotations

import posixpath
import re
import shlex

from migrator.frontends.base import Call, Reader, Source
from migrator.frontends.shell.builtins import BUILTINS
from migrator.frontends.shell.parse import parse_script
from migrator.frontends.shell.rewrite import rewrite_script
from migrator.frontends.shell.walk import ShellWalker
from migrator.hostfs import RepoTree
from migrator.plan.edits import ScriptEdits
from migrator.trace.command import Command
from migrator.trace.engine import TraceEngine
from migrator.trace.values import Value

_SHELLS = {"sh", "bash", "dash", "ksh", "zsh"}
_SHELL_SHEBANG = re.compile(rb"^#!\s*(?:/usr)?/bin/(?:env\s+)?(?:ba|da|k|z)?sh\b")
_ERREXIT_SHEBANG = re.compile(r"#!\S*sh\s+-[a-z]*e")  # `#!/bin/bash -e`, `#!/bin/sh -ex`
_DOCKER_BUILD = re.compile(r"\b(?:docker|podman|buildah)\b[^\n]*\b(?:build|bud)\b")
# `make image` as a command: the Makefile may hold the build, and this script is the flow's start.
_RUNS_MAKE = re.compile(r"(?:^|[;&|]|\bthen|\bdo)[ \t]*(?:exec[ \t]+)?g?make(?:[ \t]|$)", re.M)
# Hints that a script moves files out of a container (so a refusal there is about a real flow).
EXTRACTION_HINT = re.compile(r"\b(?:docker|podman)\b[^\n]*\b(?:cp|export|create)\b"
                             r"|\b(?:docker|podman)\b[^\n]*\brun\b[^\n]*(?:\s-v\s|--volume|--mount|\s>)")


class ShellFrontEnd:
    name = "shell"

    def claims(self, path: str, head: bytes) -> bool:
        name = posixpath.basename(path)
        return name.endswith((".sh", ".bash")) or ("." not in name and bool(_SHELL_SHEBANG.match(head)))

    def find(self, tree: RepoTree, read: Reader) -> list[Source]:
        found = []
        for path in sorted(tree.files):
            if path.count("/") > 1:
                continue
            name = posixpath.basename(path)
            if not (name.endswith((".sh", ".bash")) or "." not in name):
                continue
            raw = read(path)
            if raw is None or not self.claims(path, raw[:128]):
                continue
            text = raw.decode("utf-8", errors="surrogateescape")  # round-trips any bytes
            if _DOCKER_BUILD.search(text) or _RUNS_MAKE.search(text):
                found.append(Source(path, text, self.name, bool(EXTRACTION_HINT.search(text))))
        return found

    def walk(self, source: Source, engine: TraceEngine, call: Call | None) -> None:
        walker = ShellWalker(parse_script(source.path, source.text), engine, BUILTINS)
        engine.state.errexit = bool(_ERREXIT_SHEBANG.match(source.text))  # a new shell process
        if call is not None:
            walker.positional = [call.args]  # a script called by another: its own $1 …
        walker.run()

    def called_by(self, command: Command, engine: TraceEngine) -> Call | None:
        """`./build.sh`, `scripts/build.sh`, `sh build.sh`, `bash -e scripts/x.sh` …"""
        words = [w.value.literal for w in command.words]
        program = words[0] if words else None
        if program is None:
            return None
        target: str | None = None
        if posixpath.basename(program) in _SHELLS:
            first = next((i for i, w in enumerate(words[1:], start=1) if w is None or not w.startswith("-")), None)
            if first is not None:
                target, args = words[first], command.words[first + 1:]
        elif "/" in program:  # a bare name is looked up on PATH, not in the repository
            target, args = program, command.words[1:]
        if target is None:
            return None
        path = engine.state.repo_path(Value.of(target))
        return Call(path, None, tuple(w.value for w in args)) if path is not None else None

    def rewrite(self, source: Source, edits: ScriptEdits) -> str:
        return rewrite_script(parse_script(source.path, source.text), edits)

    def runner(self, source: Source) -> list[str]:
        """The interpreter its #! line names (`sh` without one), then the script."""
        first = source.text.split("\n", 1)[0].strip()
        interpreter = shlex.split(first[2:]) if first.startswith("#!") else ["sh"]
        return [*interpreter, source.path]

    def start_dirs(self, source: Source) -> list[str]:
        """Where the script may be run from: its own directory, and the root for one a level down."""
        own = posixpath.dirname(source.path) or "."
        return [own] if own == "." else [own, "."]




SHELL = ShellFrontEnd()
