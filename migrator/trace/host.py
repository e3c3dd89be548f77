"""Host commands: read each one's arguments the way the tool does, apply it to the host's files
(hostfs.py), and record one HostStep for it, so that the plan can tell which commands only served
the extraction (and go with it) and which use an artifact (and refuse the migration).

Modelled exactly: mkdir, rm, mv, cp (-r, -a, -p, `dir/.`), chmod, touch, output redirects.
Commands that only read (ls, test, stat, sha256sum …) are inspections. Anything else is recorded
with every path it names; the plan refuses it if one of them is an artifact (default-deny).
"""

from __future__ import annotations

import fnmatch
import posixpath
import re
from collections.abc import Callable

from migrator.findings import refuse
from migrator.hostfs import EmptyDir, Extracted, HostFiles, HostWritten, Kind, RepoContent, Unrepresentable
from migrator.model import HostStep, StepKind
from migrator.trace.command import Command, Word
from migrator.trace.state import TraceState
from migrator.trace.values import Value, show_path

# Options that take a value, per tool (so that the value is not read as a path).
_VALUE_OPTIONS = {
    "mkdir": {"-m", "--mode", "--context"},
    "mv": {"-t", "--target-directory", "-S", "--suffix"},
    "cp": {"-t", "--target-directory", "-S", "--suffix"},
    "touch": {"-d", "--date", "-t", "-r", "--reference"},
    "chmod": {"--reference"},
}
_RECURSIVE = {"-r", "-R", "--recursive", "-a", "--archive"}
_KEEP_MODE = {"-p", "-a", "--archive", "--preserve"}
_CHMOD_MODE = re.compile(r"^(?:[0-7]{1,4}|[ugoa]*[-+=][rwxXstugo]*(?:,[ugoa]*[-+=][rwxXstugo]*)*)$")
INSPECTIONS = {"ls", "stat", "file", "du", "test", "[", "[[", "md5sum", "sha1sum", "sha256sum", "sha512sum",
               "cksum", "wc", "tree", "head", "tail", "cmp", "diff", "grep", "egrep", "fgrep"}


def _split(command: Command) -> tuple[set[str], dict[str, str], list[Word]]:
    """Flags (short ones split: -rf -> -r -f), options with values, and operands."""
    values = _VALUE_OPTIONS.get(command.name or "", set())
    flags: set[str] = set()
    options: dict[str, str] = {}
    operands: list[Word] = []
    words = list(command.args())
    done = False
    while words:
        word = words.pop(0)
        text = word.value.literal
        if done or text is None or not text.startswith("-") or text == "-":
            operands.append(word)
            continue
        if text == "--":
            done = True
            continue
        name, eq, inline = text.partition("=")
        if name in values:
            options[name] = inline if eq else (words.pop(0).value.text if words else "")
        elif text.startswith("--"):
            flags.add(name)
            if eq:
                options[name] = inline
        elif command.name == "chmod" and _CHMOD_MODE.match(text):
            operands.append(word)  # `chmod -x f`: a mode, not an option
        else:
            flags.update("-" + c for c in text[1:])
    return flags, options, operands


def _paths(state: TraceState, command: Command, word: Word) -> list[str]:
    """The repository paths one operand names: a glob is expanded against what is known, and
    refused when it could reach into extracted files, whose names nobody knows."""
    path = state.repo_path(word.value)
    if path is None:
        return []
    if not word.value.glob:
        return [path]
    reach = _glob_reaches_extracted(state.host, path)
    if reach is not None:
        raise refuse("MIG128", command.loc, command=command.text, path=show_path(reach))
    known = state.tree.files | state.tree.dirs | {layer.at for layer in state.host.layers}
    return sorted(p for p in known if _glob_match(p, path) and state.host.kind(p) is not None)


def _glob_match(path: str, pattern: str) -> bool:
    parts, patterns = path.split("/"), pattern.split("/")
    return len(parts) == len(patterns) and all(fnmatch.fnmatchcase(a, b) for a, b in zip(parts, patterns, strict=True))


def _glob_reaches_extracted(host: HostFiles, pattern: str) -> str | None:
    """An extracted (or relocated) path the pattern may name, or may name something inside of."""
    patterns = pattern.split("/")
    for layer in host.layers:
        if not isinstance(layer.content, (Extracted, RepoContent, Unrepresentable)):
            continue
        parts = layer.at.split("/")
        if all(fnmatch.fnmatchcase(a, b) for a, b in zip(parts, patterns, strict=False)):
            return layer.at
    return None


def _step(state: TraceState, command: Command, kind: StepKind, reads=(), writes=(), globs=(),
          tolerates_missing: bool = False) -> None:
    state.record.host_step(HostStep(kind, command.text, command.loc, command.span, tuple(reads),
                                    tuple(writes) + tuple(redirect_targets(state, command, writing=True)),
                                    tuple(globs), command.in_test, tolerates_missing))


def redirect_targets(state: TraceState, command: Command, writing: bool) -> list[str]:
    out = []
    for redirect in command.redirects:
        if redirect.target is not None and redirect.writes == writing:
            path = state.repo_path(redirect.target)
            if path is not None:
                out.append(path)
    return out


def apply_redirects(state: TraceState, command: Command) -> None:
    """`> f` makes f anew, `>> f` adds to it: both are content only the host has."""
    for redirect in command.redirects:
        if redirect.target is None or not redirect.writes:
            continue
        path = state.repo_path(redirect.target)
        if path is None:
            continue
        printed = _printed(command) if redirect.operator in (">", ">>") else None
        # a literal written into extracted files: written alike in a stage derived from the container's image
        replayed = state.host.process(path, _writer(redirect.operator, printed), command.text, command.loc) \
            if printed is not None else None
        if replayed is not None:
            state.host = replayed
        elif redirect.appends and state.host.kind(path) is not None:
            why = f"`{command.text}` appends to it on the host"
            appended = Unrepresentable(why, command.loc, state.host.extracted(path))
            state.host = state.host.place(path, appended, merged=True)
        else:
            state.host = state.host.place(path, HostWritten(command.text, command.loc))


def _writer(operator: str, text: str) -> Callable[[str], tuple[str, ...]]:
    """The argv that writes TEXT to a container path as the redirect OPERATOR did."""
    return lambda target: ("sh", "-c", f'printf %s "$0" {operator} "$1"', text, target)


def _printed(command: Command) -> str | None:
    """What `echo WORDS` prints, when every word is literal and every shell's echo prints it alike
    (no option, no backslash, no glob)."""
    if command.name != "echo" or any(w.value.glob for w in command.args()):
        return None
    words = [w.value.literal for w in command.args()]
    if any(w is None or w.startswith("-") or "\\" in w for w in words):
        return None
    return " ".join(w for w in words if w is not None) + "\n"


# --- the handlers ----------------------------------------------------------------------------

def handle_mkdir(state: TraceState, command: Command) -> None:
    flags, _, operands = _split(command)
    made = []
    for word in operands:
        for path in _paths(state, command, word):
            made.append(path)
            kind = state.host.kind(path)
            if kind is None:
                # `mkdir -p a/b` makes a too: it stays when b goes (mv b elsewhere)
                for parent in _missing_parents(state, path) if flags & {"-p", "--parents"} else ():
                    state.host = state.host.place(parent, EmptyDir(command.loc))
                    made.insert(-1, parent)
                state.host = state.host.place(path, EmptyDir(command.loc))
            elif kind is Kind.UNKNOWN:  # inside an extraction: made now unless the container had it
                why = f"`{command.text}` makes it unless the container had it, so COPY --from may find nothing"
                state.host = state.host.place(path, Unrepresentable(why, command.loc, True), merged=True)
    _step(state, command, StepKind.MKDIR, writes=made)


def _missing_parents(state: TraceState, path: str) -> list[str]:
    """The directories above PATH, inside the repository, that nothing has made yet (outermost first)."""
    parts = path.split("/")
    prefixes = ["/".join(parts[:k]) for k in range(1, len(parts))]
    return [p for p in prefixes if p not in ("", ".", "..") and not p.startswith("../") and state.host.kind(p) is None]


def handle_rm(state: TraceState, command: Command) -> None:
    flags, _, operands = _split(command)
    gone = []
    for word in operands:
        for path in _paths(state, command, word):
            gone.append(path)
            if state.host.kind(path) is not None:
                state.host = state.host.remove(path, command.text, command.loc)
    _step(state, command, StepKind.REMOVE, writes=gone, tolerates_missing=bool(flags & {"-f", "--force"}))


def _sources_and_target(state: TraceState, command: Command) -> tuple[list[Word], Word | None, bool]:
    """(source operands, the destination operand, whether it must be a directory)."""
    _, options, operands = _split(command)
    target_dir = options.get("-t") or options.get("--target-directory")
    if target_dir is not None:
        word = Word(Value.of(target_dir), command.span.start, command.span.end, target_dir)
        return operands, word, True
    if len(operands) < 2:
        return [], None, False
    return operands[:-1], operands[-1], len(operands) > 2


def _move_or_copy(state: TraceState, command: Command, copy: bool) -> None:
    flags, options, _ = _split(command)
    sources, target_word, into_dir = _sources_and_target(state, command)
    if target_word is None:
        return check_other(state, command)
    dest = state.repo_path(target_word.value)
    spelled_sources = [(w, p) for w in sources for p in _paths(state, command, w)]
    reads = [p for _, p in spelled_sources]
    if dest is None:  # outside the repository, or a name the script does not fix
        moved_out = next((p for p in reads if state.host.extracted(p)), None)
        if moved_out is not None:
            raise refuse("MIG104", command.loc, dest=target_word.value.text,
                         why=f"`{command.text}` takes the extracted {moved_out} there")
        if not copy:
            for path in reads:
                state.host = state.host.remove(path, command.text, command.loc)
        _step(state, command, StepKind.COPY if copy else StepKind.MOVE, reads=reads)
        return
    dest_kind = state.host.kind(dest)
    if dest_kind is Kind.UNKNOWN and (any(state.host.extracted(p) for p in reads) or state.host.extracted(dest)):
        raise refuse("MIG104", command.loc, dest=dest, why="the extraction decides whether it is a file or a directory")
    recursive = bool(flags & _RECURSIVE)
    keep_mode = bool(flags & _KEEP_MODE) or "mode" in options.get("--preserve", "") or \
        options.get("--preserve") == "all"
    writes = []
    for word, source in spelled_sources:
        contents = (word.value.literal or "").endswith("/.")
        no_target_directory = "-T" in flags or "--no-target-directory" in flags
        if no_target_directory or contents or (dest_kind is not Kind.DIR and not into_dir):
            target = dest
        else:
            target = posixpath.join(dest, posixpath.basename(source)) if dest != "." else posixpath.basename(source)
        merged = state.host.kind(target) is Kind.DIR and (contents or state.host.kind(source) is not Kind.FILE)
        if copy:
            if not recursive and state.host.kind(source) is Kind.DIR:
                continue  # `cp dir x` fails; the legacy flow itself is broken there
            overwrites = state.host.kind(target) is not None and not merged
            state.host = state.host.copy(source, target, keep_mode, command.text, command.loc, merged, overwrites)
        else:
            state.host = state.host.move(source, target, command.text, command.loc)
        writes.append(target)
    _step(state, command, StepKind.COPY if copy else StepKind.MOVE, reads=reads, writes=writes)


def handle_mv(state: TraceState, command: Command) -> None:
    _move_or_copy(state, command, copy=False)


def handle_cp(state: TraceState, command: Command) -> None:
    _move_or_copy(state, command, copy=True)


def handle_chmod(state: TraceState, command: Command) -> None:
    flags, options, operands = _split(command)
    if "--reference" in options or not operands:
        return check_other(state, command)
    mode = operands[0].value.literal
    changed = [p for word in operands[1:] for p in _paths(state, command, word)]
    if mode is None:
        why = f"`{command.text}` sets a mode the script computes"
        for path in changed:
            state.host = state.host.place(path, Unrepresentable(why, command.loc), merged=True)
    else:
        recursive = bool(flags & {"-R", "--recursive"})
        for path in changed:
            if state.host.kind(path) is not None:
                state.host = state.host.chmod(path, mode, recursive, command.text, command.loc)
    _step(state, command, StepKind.CHMOD, writes=changed)


def handle_touch(state: TraceState, command: Command) -> None:
    flags, _, operands = _split(command)
    touched = []
    for word in operands:
        for path in _paths(state, command, word):
            touched.append(path)
            kind = state.host.kind(path)
            if flags & {"-c", "--no-create"}:
                continue
            if kind is None:
                state.host = state.host.place(path, HostWritten(command.text, command.loc))
            elif kind is Kind.UNKNOWN:  # inside an extraction: an empty file unless the container had it
                why = f"`{command.text}` makes it unless the container had it"
                state.host = state.host.place(path, Unrepresentable(why, command.loc, True), merged=True)
    _step(state, command, StepKind.WRITE, writes=touched)


def handle_inspection(state: TraceState, command: Command) -> None:
    """A command that only reads the paths it names (its output may go to a redirect)."""
    _, _, operands = _split(command)
    reads = [p for word in operands if not word.value.glob for p in [state.repo_path(word.value)] if p]
    globs = [p for word in operands if word.value.glob for p in [state.repo_path(word.value)] if p]
    reads += redirect_targets(state, command, writing=False)
    _step(state, command, StepKind.INSPECT, reads=reads, globs=globs)


def record_redirects(state: TraceState, command: Command) -> None:
    """A shell builtin's files are its redirects: `echo v1 > out/VERSION` writes, `read v < f` reads."""
    reads = redirect_targets(state, command, writing=False)
    if redirect_targets(state, command, writing=True):
        _step(state, command, StepKind.WRITE, reads=reads)
    elif reads:
        _step(state, command, StepKind.INSPECT, reads=reads)


def check_other(state: TraceState, command: Command) -> None:
    """A command the tracer does not model: record every path it names, so that the plan refuses
    it when one is an artifact; `./out/app --version` names its own program too."""
    cwd = state.cwd.literal
    words = command.words if "/" in (command.name or "") else command.args()
    reads: list[str] = []
    globs: list[str] = []
    for word in words:
        literal = word.value.literal
        if literal is None or (literal.startswith("-") and "=" not in literal):
            continue
        value = word.value
        if literal.startswith("-") and "=" in literal:  # --output=out/app
            value = Value.of(literal.split("=", 1)[1])
        resolved = state.resolve(value).literal
        path = state.repo_path(value)
        if path is None or resolved == cwd or path == ".":
            continue
        (globs if value.glob else reads).append(path)
    reads += redirect_targets(state, command, writing=False)
    _step(state, command, StepKind.OTHER, reads=reads, globs=globs)


HANDLERS = {
    "mkdir": handle_mkdir,
    "rm": handle_rm,
    "mv": handle_mv,
    "cp": handle_cp,
    "chmod": handle_chmod,
    "touch": handle_touch,
    **{name: handle_inspection for name in INSPECTIONS},
}

