"""Host commands that change extracted files in place, beyond modes: `strip`, `find … -delete`,
and `echo WORDS > f` into an extracted directory (capability-classes §HP).

Each one is replayed on the container paths the host files came from (hostfs.HostFiles.process):
a stage derived from the container's image runs it before `COPY --from` reads the files. When any
file it names came from elsewhere (the checkout, another host command), or the command is not one
modelled exactly, it is recorded as an unknown command: the plan refuses it if it touches an
artifact (default-deny).
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable

from migrator.hostfs import HostFiles
from migrator.model import StepKind
from migrator.trace.command import Command
from migrator.trace.host import _paths, _step, check_other, handle_inspection
from migrator.trace.state import TraceState

# strip's options that change what it writes to the file and take no value
_STRIP_FLAGS = {"-s", "--strip-all", "-g", "-S", "-d", "--strip-debug", "--strip-unneeded", "-x", "--discard-all",
                "-X", "--discard-locals", "-p", "--preserve-dates", "-D", "--enable-deterministic-archives"}
# find's tests that read a file's name or type alike on the host and in a stage; the depth
# options only while the start point itself is one piece
_FIND_TESTS = {"-name", "-iname", "-type"}
_FIND_DEPTHS = {"-mindepth", "-maxdepth"}
_FIND_ACTIONS = {"-delete", "-print"}


def handle_strip(state: TraceState, command: Command) -> None:
    words = [w.value.literal for w in command.args()]
    flags = tuple(w for w in words if w is not None and w.startswith("-"))
    if None in words or any(f not in _STRIP_FLAGS for f in flags):
        return check_other(state, command)
    operands = [w for w in command.args() if not (w.value.literal or "").startswith("-")]
    paths = [p for word in operands for p in _paths(state, command, word)]
    _replay(state, command, paths, lambda target: ("strip", *flags, target))


def handle_find(state: TraceState, command: Command) -> None:
    literals = [w.value.literal for w in command.args()]
    words = [w for w in literals if w is not None]
    if len(words) < len(literals) or any(w.value.glob for w in command.args()):
        return check_other(state, command)
    starts = next((i for i, w in enumerate(words) if w.startswith(("-", "(", "!"))), len(words))
    expression = words[starts:]
    if "-delete" not in expression:
        return handle_inspection(state, command)  # it only lists what it finds
    parsed = _find_expression(expression)
    if parsed is None:
        return check_other(state, command)
    names, deep = parsed
    paths = [p for word in command.args()[:starts] for p in _paths(state, command, word)]

    def fits(rel: str, host_name: str, container_name: str) -> bool:
        # find tests the start point's own name too, and counts depth from it
        same = all(_matches(p, host_name, i) == _matches(p, container_name, i) for p, i in names)
        return same and not (deep and rel)

    _replay(state, command, paths, lambda target: ("find", target, *expression), fits)


def _find_expression(words: list[str]) -> tuple[list[tuple[str, bool]], bool] | None:
    """The -name/-iname patterns (pattern, ignoring case) and whether depth options appear; None
    for anything else (-path, -exec, operators …), whose effect on the container paths differs."""
    names: list[tuple[str, bool]] = []
    deep = False
    k = 0
    while k < len(words):
        word = words[k]
        if word in _FIND_ACTIONS:
            k += 1
            continue
        if (word not in _FIND_TESTS and word not in _FIND_DEPTHS) or k + 1 >= len(words):
            return None
        if word in ("-name", "-iname"):
            names.append((words[k + 1], word == "-iname"))
        deep = deep or word in _FIND_DEPTHS
        k += 2
    return names, deep


def _matches(pattern: str, name: str, ignore_case: bool) -> bool:
    if ignore_case:
        return fnmatch.fnmatchcase(name.lower(), pattern.lower())
    return fnmatch.fnmatchcase(name, pattern)


def _replay(state: TraceState, command: Command, paths: list[str], argv: Callable[[str], tuple[str, ...]],
            fits: Callable[[str, str, str], bool] | None = None) -> None:
    """Every path replayed on its container paths, or none (the command stays unknown)."""
    host: HostFiles | None = state.host
    for path in paths:
        host = host.process(path, argv, command.text, command.loc, fits) if host is not None else None
    if host is None or not paths:
        return check_other(state, command)
    state.host = host
    _step(state, command, StepKind.WRITE, writes=paths)


HANDLERS = {"strip": handle_strip, "find": handle_find}
