"""The make front end: GNU Makefiles (`Makefile`, `makefile`, `GNUmakefile`, `*.mk`).

find: Makefiles at the root or one level down that run `docker build` or name a shell script of
the repository, one candidate per target a flow starts from (find.py); walk: one make process,
traced (walk.py), from the Makefile's own directory or, for a file another one runs (`make -C
app image`, `$(MAKE) -f x.mk t`), from where that command puts it; rewrite: the recipe lines of
the extraction go, and prerequisites and targets that only served it (rewrite.py); runner:
`make -f FILE [TARGET]`."""

from __future__ import annotations

import posixpath
import re

from migrator.frontends.base import Call, Reader, Source
from migrator.frontends.make.find import find_flows
from migrator.frontends.make.invocation import Invocation, parse_invocation
from migrator.frontends.make.rewrite import rewrite_makefile
from migrator.frontends.make.walk import MakeRun, parsed
from migrator.hostfs import RepoTree
from migrator.plan.edits import ScriptEdits
from migrator.trace.command import Command
from migrator.trace.engine import TraceEngine

MAKEFILE_NAMES = ("GNUmakefile", "makefile", "Makefile")
MAKE_PROGRAMS = ("make", "gmake")


class MakeFrontEnd:
    name = "make"

    def claims(self, path: str, head: bytes) -> bool:
        name = posixpath.basename(path)
        return name in MAKEFILE_NAMES or name.endswith(".mk")

    def find(self, tree: RepoTree, read: Reader) -> list[Source]:
        found = []
        scripts = {posixpath.basename(p) for p in tree.files if p.endswith((".sh", ".bash"))}
        for path in sorted(tree.files):
            if path.count("/") > 1 or not self.claims(path, b""):
                continue
            raw = read(path)
            if raw is not None:
                text = raw.decode("utf-8", errors="surrogateescape")
                runs_script = any(re.search(r"(?<![\w.-])" + re.escape(name) + r"\b", text) for name in scripts)
                found += find_flows(path, text, self.name, runs_script)
        return found

    def walk(self, source: Source, engine: TraceEngine, call: Call | None) -> None:
        makefile = parsed(source.path, source.text)
        if call is None:
            goals = (source.entry,) if source.entry else ()
            invocation = Invocation(engine.state.cwd, source.path, (), goals, False)
        else:
            invocation = parse_invocation(call.args, engine.state)
        MakeRun(makefile, engine, invocation, {}).run()

    def called_by(self, command: Command, engine: TraceEngine) -> Call | None:
        """`make t`, `make -C dir t`, `make -f file.mk t`, `$(MAKE) t` (from another file)."""
        program = command.name
        if program is None or posixpath.basename(program) not in MAKE_PROGRAMS:
            return None
        args = tuple(w.value for w in command.args())
        invocation = parse_invocation(args, engine.state)
        if invocation.makefile is None or invocation.makefile not in engine.state.tree.files:
            return None
        invocation.check(command.loc, command.text)
        return Call(invocation.makefile, invocation.goals[0] if invocation.goals else None, args)

    def rewrite(self, source: Source, edits: ScriptEdits) -> str:
        return rewrite_makefile(parsed(source.path, source.text), edits)

    def runner(self, source: Source) -> list[str]:
        return ["make", "-f", source.path, *([source.entry] if source.entry else [])]

    def start_dirs(self, source: Source) -> list[str]:
        """make runs from the Makefile's own directory (`make -C app`)."""
        return [posixpath.dirname(source.path) or "."]


MAKE = MakeFrontEnd()
