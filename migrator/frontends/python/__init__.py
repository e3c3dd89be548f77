"""The Python front end: build scripts (`build.py`) that run docker through subprocess or os.system,
read with libcst.

find: `*.py` files at the root or one level down that run `docker build` (as a command string or an
argument list), or use the Docker SDK for Python (refused: MIG181); walk: the module as Python runs
it, functions inlined (walk.py), each command handed to the trace engine (commands.py, files.py,
and the shell front end for shell strings, embedded.py); a file another one runs (`python3
build.py v1`, `./build.py`) gets those arguments as sys.argv; rewrite: libcst edits that keep every
other byte (rewrite.py), and the result must compile."""

from __future__ import annotations

import contextlib
import copy as std_copy
import dataclasses
import posixpath
import re
import shlex

from migrator.findings import Refusal
from migrator.frontends.base import Call, Reader, Source
from migrator.frontends.python.parse import parse_python
from migrator.frontends.python.rewrite import rewrite_python
from migrator.frontends.python.walk import PythonWalker
from migrator.frontends.shell import EXTRACTION_HINT
from migrator.hostfs import RepoTree
from migrator.plan.edits import ScriptEdits
from migrator.trace.command import Command
from migrator.trace.engine import TraceEngine
from migrator.trace.record import Recorder
from migrator.trace.values import Value

_PYTHON_SHEBANG = re.compile(rb"^#!\s*(?:/usr)?(?:/local)?/bin/(?:env\s+(?:-S\s+)?)?python[0-9.]*\b")
_INTERPRETER = re.compile(r"^python(?:[23](?:\.\d+)?)?$")
# Quotes, commas and brackets between the words of an argument list, so that
# `["docker", "build", …]` and `docker("build", …)` read as `docker build`.
_LIST_NOISE = re.compile(r"[\"',\[\]()]+|\s+")
_DOCKER_BUILD = re.compile(r"\b(?:docker|podman|buildah)\s+(?:-\S+\s+)*(?:(?:image|buildx|builder)\s+)?(?:build|bud)\b")
_DOCKER_SDK = re.compile(r"^\s*(?:import\s+docker\b|from\s+docker\b)", re.M)


class PythonFrontEnd:
    name = "python"

    def claims(self, path: str, head: bytes) -> bool:
        name = posixpath.basename(path)
        return name.endswith(".py") or ("." not in name and bool(_PYTHON_SHEBANG.match(head)))

    def find(self, tree: RepoTree, read: Reader) -> list[Source]:
        found = []
        for path in sorted(tree.files):
            if path.count("/") > 1 or not path.endswith(".py"):
                continue
            raw = read(path)
            if raw is None:
                continue
            text = raw.decode("utf-8", errors="surrogateescape")
            flat = _LIST_NOISE.sub(" ", text)
            if _DOCKER_BUILD.search(flat) or _DOCKER_SDK.search(text):
                hint = bool(EXTRACTION_HINT.search(flat)) or "get_archive" in text or "containers.create" in text
                found.append(Source(path, text, self.name, hint))
        return found

    def walk(self, source: Source, engine: TraceEngine, call: Call | None) -> None:
        """Two walks: the first, on a copy of the engine, counts how often each statement runs
        (which statement a command belongs to depends on it, see statements.py)."""
        script = parse_python(source.path, source.text)
        argv = call.args if call is not None else None
        first = PythonWalker(script, _copy_of(engine), argv)
        with contextlib.suppress(Refusal):  # the second walk refuses there too, or goes on with the caller's state
            first.run()
        PythonWalker(script, engine, argv, first.executions).run()

    def called_by(self, command: Command, engine: TraceEngine) -> Call | None:
        """`python3 build.py v1`, `python -u tools/build.py`, `./build.py` (a file with a python #!)."""
        words = [w.value.literal for w in command.words]
        if not words or words[0] is None:
            return None
        if _INTERPRETER.match(posixpath.basename(words[0])):
            first = next((i for i, w in enumerate(words[1:], start=1) if w is None or not w.startswith("-")), None)
            if first is None or words[first] is None or words[first - 1] in ("-c", "-m"):
                return None
            target, args = words[first], command.words[first + 1:]
        elif "/" in words[0] and words[0].endswith(".py"):
            target, args = words[0], command.words[1:]
        else:
            return None
        assert target is not None
        path = engine.state.repo_path(Value.of(target))
        return Call(path, None, tuple(w.value for w in args)) if path is not None else None

    def rewrite(self, source: Source, edits: ScriptEdits) -> str:
        return rewrite_python(parse_python(source.path, source.text), edits)

    def runner(self, source: Source) -> list[str]:
        """The interpreter its #! line names, else python3; then the script."""
        first = source.text.split("\n", 1)[0].strip()
        interpreter = shlex.split(first[2:]) if first.startswith("#!") else ["python3"]
        return [*interpreter, source.path]

    def start_dirs(self, source: Source) -> list[str]:
        """Its own directory, and the root for a script one level down."""
        own = posixpath.dirname(source.path) or "."
        return [own] if own == "." else [own, "."]


def _copy_of(engine: TraceEngine) -> TraceEngine:
    """An engine in the same state whose records and files are its own (nothing it runs calls
    other files)."""
    copy = TraceEngine(engine.state.tree, engine.state.record.script, engine.state.record.run_from)
    record = dataclasses.replace(engine.state, record=_copy_recorder(engine.state.record),
                                 cidfiles=dict(engine.state.cidfiles))
    copy.state = record
    return copy


def _copy_recorder(record: Recorder) -> Recorder:
    copied = std_copy.copy(record)
    for name, value in vars(record).items():
        if isinstance(value, list | dict):
            setattr(copied, name, std_copy.copy(value))
    return copied


PYTHON = PythonFrontEnd()
