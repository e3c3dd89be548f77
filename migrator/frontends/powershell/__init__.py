"""The PowerShell front end: `*.ps1` build scripts, as PowerShell runs them on Windows.

find: scripts at the root or one level down that run `docker build`; walk: parse.py reads the
script (argument and expression modes, strings, blocks), walk.py + cmdlets.py follow it, from the
script's own directory (or the root for one a level down whose Dockerfiles are only found from
there); a script another runs (`& .\\x.ps1`, `. .\\x.ps1`, `pwsh -File x.ps1`) is walked in its
caller's process and scope; rewrite.py removes what goes and keeps every other byte."""

from __future__ import annotations

import posixpath
from functools import lru_cache

from migrator.findings import refuse
from migrator.frontends.base import Call, Reader, Source
from migrator.frontends.cmd import find_scripts
from migrator.frontends.powershell.cmdlets import cmdlet
from migrator.frontends.powershell.parse import parse_powershell
from migrator.frontends.powershell.reader import PsSyntaxError
from migrator.frontends.powershell.rewrite import rewrite_powershell
from migrator.frontends.powershell.syntax import PsScript
from migrator.frontends.powershell.walk import PsWalker
from migrator.frontends.windows import CallContext, host_path, take_call_context
from migrator.hostfs import RepoTree
from migrator.plan.edits import ScriptEdits
from migrator.source import Loc
from migrator.trace.command import Command
from migrator.trace.engine import TraceEngine

_SHELLS = {"pwsh", "pwsh.exe", "powershell", "powershell.exe"}
_VALUE_OPTIONS = {"-executionpolicy", "-ep", "-ex", "-workingdirectory", "-wd", "-configurationname", "-inputformat",
                  "-outputformat", "-windowstyle", "-settingsfile"}


class PowerShellFrontEnd:
    name = "powershell"

    def claims(self, path: str, head: bytes) -> bool:
        return path.lower().endswith(".ps1")

    def find(self, tree: RepoTree, read: Reader) -> list[Source]:
        return find_scripts(tree, read, (".ps1",), self.name)

    def walk(self, source: Source, engine: TraceEngine, call: Call | None) -> None:
        engine.state.record.windows_host = True
        context = take_call_context(engine) or CallContext({})
        walker = PsWalker(_parsed(source.path, source.text), engine, context,
                          call.args if call is not None else None, cmdlet)
        walker.run()
        context.final_directory = engine.state.cwd

    def called_by(self, command: Command, engine: TraceEngine) -> Call | None:
        """`.\\x.ps1`, `& "$PSScriptRoot\\x.ps1"`, `. .\\x.ps1` (the walk drops `&` and `.`),
        `pwsh -File x.ps1`, `powershell -ExecutionPolicy Bypass -File x.ps1` …"""
        words = command.words
        literals = [(w.value.literal or "") for w in words]
        if literals and posixpath.basename(literals[0].replace("\\", "/")).lower() in _SHELLS:
            k = 1
            while k < len(literals) and literals[k].startswith("-") and literals[k].lower() not in ("-file", "-f"):
                k += 2 if literals[k].lower() in _VALUE_OPTIONS else 1
            if k < len(literals) and literals[k].lower() in ("-file", "-f"):
                k += 1
            words = words[k:]
        target = words[0].value if words else None
        literal = host_path(target).literal if target is not None else None
        if literal is None or not literal.lower().endswith(".ps1") or "/" not in literal:
            return None  # PowerShell runs a script of the current directory only as .\x.ps1
        path = engine.state.repo_path(host_path(target))  # type: ignore[arg-type]
        return Call(path, None, tuple(w.value for w in words[1:])) if path is not None else None

    def rewrite(self, source: Source, edits: ScriptEdits) -> str:
        return rewrite_powershell(_parsed(source.path, source.text), edits)

    def runner(self, source: Source) -> list[str]:
        return ["pwsh", "-File", source.path]

    def start_dirs(self, source: Source) -> list[str]:
        own = posixpath.dirname(source.path) or "."
        return [own] if own == "." else [own, "."]


@lru_cache(maxsize=16)
def _parsed(path: str, text: str) -> PsScript:
    if len(text) > (1 << 20):
        raise refuse("MIG151", Loc(path, 1), path=path, size=len(text), limit=1 << 20)
    try:
        return parse_powershell(path, text)
    except PsSyntaxError as error:
        line = text.count("\n", 0, error.offset) + 1
        start = text.rfind("\n", 0, error.offset) + 1
        end = text.find("\n", error.offset)
        shown = text[start:end if end >= 0 else None].strip()
        raise refuse("MIG193", Loc(path, line), text=shown, why=f"PowerShell the reader does not know: {error.why}") \
            from None


POWERSHELL = PowerShellFrontEnd()
