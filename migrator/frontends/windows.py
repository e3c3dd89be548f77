"""What the cmd and PowerShell front ends share: a Windows host.

Paths: `\\` is a separator, a drive path (`C:\\x`) lies outside the repository, names are
case-insensitive (two spellings of one path are refused), a container path may carry a drive
(`app:C:\\out` is `/out` in the container). File commands: each front end reads its own spelling
(`rd /s /q out`, `Remove-Item -Recurse -Force out`) and hands the trace engine the POSIX command
that does the same to the host's files (`rm -r -f out`), so the engine's handlers model it. Calls:
a called script shares its caller's process (cmd's `call`, PowerShell's `&` and `.`): the
environment, and the working directory it leaves behind (`CallContext`).
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
import weakref
from dataclasses import dataclass, field

from migrator.dockercli.verbs import invocation
from migrator.findings import refuse
from migrator.hostfs import RepoTree
from migrator.plan.edits import ScriptEdits
from migrator.source import Loc
from migrator.trace.command import Command, Word
from migrator.trace.engine import TraceEngine
from migrator.trace.values import Value, from_repo_relative

_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")
_CONTAINER_DRIVE = re.compile(r"^([^\\/:]{2,}):[A-Za-z]:(?=[\\/])")
_DRIVE_AFTER_ID = re.compile(r"^:[A-Za-z]:(?=[\\/])")
_ONE_LETTER_CONTAINER = re.compile(r"^([A-Za-z]):")
# docker options whose values are not paths: their backslashes stay as written
_VERBATIM_OPTIONS = {"--build-arg", "-e", "--env", "--label", "-l", "--secret", "--ssh", "--annotation"}
SCRIPT_SUFFIXES = (".cmd", ".bat", ".ps1")
_SPACE_AFTER = re.compile(r"[ \t]*")


def host_path(value: Value) -> Value:
    """A host path as the tracer reads it: `\\` is `/`, and `C:\\x` becomes `/C:/x` (absolute,
    never inside the repository)."""
    parts = []
    for i, part in enumerate(value.parts):
        if isinstance(part, str):
            part = part.replace("\\", "/")
            if i == 0 and _DRIVE.match(part):
                part = "/" + part
        parts.append(part)
    return Value(tuple(parts), value.assumed, value.glob)


def script_dir(path: str) -> Value:
    """The directory of the script at PATH, as the tracer's absolute path (`%~dp0`, `$PSScriptRoot`)."""
    return Value.of(from_repo_relative(posixpath.dirname(path) or "."))


def docker_words(words: tuple[Word, ...], loc: Loc) -> tuple[Word, ...]:
    """A docker command line's words with Windows paths read: host paths get `/`, a container path's
    drive goes (`app:C:\\out` -> `app:/out`); build args, labels and env values stay as written."""
    found = invocation([w.value.literal for w in words])
    out: list[Word] = []
    verbatim_next = False
    for index, word in enumerate(words):
        literal = word.value.literal or ""
        keep = verbatim_next or (literal.split("=", 1)[0] in _VERBATIM_OPTIONS and "=" in literal)
        verbatim_next = literal in _VERBATIM_OPTIONS
        if keep or index <= found.verb_at:
            out.append(word)
            continue
        if found.verb == "cp" and not literal.startswith("-"):
            one_letter = _ONE_LETTER_CONTAINER.match(literal)
            if one_letter and _DRIVE.match(literal):
                raise refuse("MIG192", loc, arg=word.source, drive=one_letter.group(1).upper())
            word = dataclasses.replace(word, value=_container_drive_dropped(word.value))
        out.append(dataclasses.replace(word, value=host_path(word.value)))
    return tuple(out)


def _container_drive_dropped(value: Value) -> Value:
    """`app:C:\\out` -> `app:\\out`; also after a captured id: `$id` `:C:\\out` -> `$id` `:\\out`."""
    parts = list(value.parts)
    if parts and isinstance(parts[0], str):
        parts[0] = _CONTAINER_DRIVE.sub(r"\1:", parts[0])
    elif len(parts) > 1 and isinstance(parts[1], str):
        parts[1] = _DRIVE_AFTER_ID.sub(":", parts[1])
    return Value(tuple(parts), value.assumed, value.glob)


class CaseCheck:
    """Windows finds `Out\\App.exe` at `out\\app.exe`; the tracer would not. Every host path a flow
    names is compared with the checkout's and with the others named: two spellings that differ
    only by case are refused."""

    def __init__(self, tree: RepoTree):
        self.known: dict[str, str] = {}
        for path in sorted(tree.files | tree.dirs):
            for prefix in _prefixes(path):
                self.known.setdefault(prefix.lower(), prefix)

    def check(self, path: str, loc: Loc) -> None:
        for prefix in _prefixes(path):
            seen = self.known.setdefault(prefix.lower(), prefix)
            if seen != prefix:
                raise refuse("MIG191", loc, first=seen, second=prefix)


def _prefixes(path: str) -> list[str]:
    parts = [p for p in path.split("/") if p not in ("", ".")]
    return ["/".join(parts[:k]) for k in range(1, len(parts) + 1)]


def check_paths(checker: CaseCheck, engine: TraceEngine, command: Command, words: tuple[Word, ...]) -> None:
    """Compare the repository paths WORDS name (literal ones) with what the flow saw so far."""
    for word in words:
        literal = word.value.literal
        if literal is None or literal.startswith("-") or word.value.glob:
            continue
        path = engine.state.repo_path(word.value)
        if path is not None and path != ".":
            checker.check(path, command.loc)


def docker_paths(words: tuple[Word, ...]) -> tuple[Word, ...]:
    """The words of a docker command line that name host paths: a build's context and -f, cp's host side."""
    found = invocation([w.value.literal for w in words])
    args = words[found.args_from:]
    if found.verb == "build":
        named = [args[i + 1] for i, w in enumerate(args[:-1]) if w.value.literal in ("-f", "--file")]
        return (*named, *args[-1:])
    if found.verb == "cp":
        return tuple(w for w in args if ":" not in (w.value.literal or ":") and not w.source.startswith("-"))
    return ()


# --- file commands, in the engine's vocabulary ---------------------------------------------------

def posix_command(command: Command, program: str, flags: tuple[str, ...], operands: tuple[Word, ...]) -> Command:
    """COMMAND as the POSIX PROGRAM with FLAGS over OPERANDS: what the engine's host handlers read.
    Its span, line and text stay the script's own."""
    name = command.words[0]
    head = Word(Value.of(program), name.start, name.end, name.source)
    flag_words = tuple(Word(Value.of(f), name.start, name.end, f) for f in flags)
    operands = tuple(dataclasses.replace(w, value=host_path(w.value)) for w in operands)
    return dataclasses.replace(command, words=(head, *flag_words, *operands))


# --- one process shared by a caller and the script it runs ----------------------------------------

@dataclass
class CallContext:
    """What a Windows script running another hands it: the environment (names upper-cased: Windows
    reads them case-insensitively), the caller's variables (a PowerShell child scope reads them),
    and whether the working directory the callee leaves is the caller's afterwards."""

    environment: dict[str, Value]
    variables: dict[str, Value] = field(default_factory=dict)
    shares_directory: bool = True
    dot_sourced: bool = False  # PowerShell's `. x.ps1`: the callee's variables are the caller's
    final_directory: Value | None = None
    terminated: bool = False  # cmd's `exit` without /b ends the caller too


_PENDING: weakref.WeakKeyDictionary[TraceEngine, CallContext] = weakref.WeakKeyDictionary()


def run_call(engine: TraceEngine, command: Command, context: CallContext) -> tuple[Value, bool]:
    """Run COMMAND, which may run another Windows script that shares CONTEXT; (its value, whether a
    script took the context). The working directory it leaves is kept when the process is shared."""
    _PENDING[engine] = context
    try:
        value = engine.run(command)
    finally:
        taken = _PENDING.pop(engine, None) is None
    if taken and context.shares_directory and context.final_directory is not None:
        engine.state.cwd = context.final_directory
    return value, taken


def take_call_context(engine: TraceEngine) -> CallContext | None:
    """For a script being walked: the context its caller left, if a Windows script called it."""
    return _PENDING.pop(engine, None)


def is_script_call(name: str | None) -> bool:
    """Could a command named NAME run another Windows script?"""
    lower = (name or "").lower()
    return lower.endswith(SCRIPT_SUFFIXES) or lower in ("call", "cmd", "cmd.exe", "pwsh", "pwsh.exe", "powershell",
                                                        "powershell.exe")


_CASE_CHECKS: weakref.WeakKeyDictionary[TraceEngine, CaseCheck] = weakref.WeakKeyDictionary()


def case_check(engine: TraceEngine) -> CaseCheck:
    """The one case check of ENGINE's flow, across every file it goes through."""
    checker = _CASE_CHECKS.get(engine)
    if checker is None:
        checker = _CASE_CHECKS[engine] = CaseCheck(engine.state.tree)
    return checker


# --- what the two rewriters share ---------------------------------------------------------------

def program_name(word: str) -> str:
    """`C:\\Program Files\\Docker\\docker.EXE` -> `docker`: Windows finds a program whatever
    the case, the folder or the `.exe`."""
    return re.sub(r"(?i)\.exe$", "", re.split(r"[\\/]", word)[-1]).lower()


def runtime_build_text(text: str, start: int, words: list[tuple[str, int, int]], edits: ScriptEdits) -> str:
    """TEXT, the runtime `docker build` command written at START, with the builder's build args
    after the verb and without `--no-cache` when EDITS say so. WORDS: each word's text (the
    program's already reduced by program_name), start and end in the file."""
    found = invocation([word for word, _, _ in words])
    cut = words[found.verb_at][2] - start
    if edits.drop_no_cache:
        _, flag_start, flag_end = next(w for w in words[found.args_from:] if w[0] == "--no-cache")
        after = _SPACE_AFTER.match(text, flag_end - start)
        assert after is not None  # it matches the empty string
        text = text[:flag_start - start] + text[after.end():]
    return text[:cut] + "".join(" " + flag for flag in edits.add_build_args) + text[cut:]


def chain_text(text: str, parts: list[tuple[int, int]], operators: list[str], rendered: list[str | None]) -> str | None:
    """A `a && b || c` chain whose PARTS (start, end) became RENDERED (None: gone); None when
    nothing is left. `removed || handler`: the removed command succeeded in a working legacy flow,
    so the handler never ran; it goes too."""
    rendered = list(rendered)
    for k in range(1, len(rendered)):
        if rendered[k - 1] is None and operators[k - 1] == "||":
            rendered[k] = None
    alive = [k for k, r in enumerate(rendered) if r is not None]
    if not alive:
        return None
    out = rendered[alive[0]] or ""
    for k in alive[1:]:
        out += text[parts[k - 1][1]:parts[k][0]] + (rendered[k] or "")
    return out


def spliced(text: str, start: int, end: int, replacements: list[tuple[int, int, str]]) -> str:
    """TEXT[START:END] with each (start, end, new) of REPLACEMENTS, in order, put in."""
    out, cursor = [], start
    for cut_start, cut_end, new in replacements:
        out += [text[cursor:cut_start], new]
        cursor = cut_end
    out.append(text[cursor:end])
    return "".join(out)
