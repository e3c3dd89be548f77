"""`docker cp CONTAINER:PATH - | tar -x [-C DIR] [--strip-components=1]` (capability-classes §ST).

`docker cp` to `-` writes a tar holding one top entry, basename(PATH), or PATH's contents for
`PATH/.`. tar run as root unpacks it with the archive's modes, as `docker cp` writes them; the
runtime COPY from the context then gives root ownership either way. So the pipeline is the
docker cp that puts the same entries at the same place: `docker cp c:PATH DIR/`, or `c:PATH/.
DIR` when the top entry is stripped. Any other reader of the stream, or tar option, refuses.
"""

from __future__ import annotations

from migrator.findings import refuse
from migrator.model import ContainerCommand
from migrator.trace.command import Command
from migrator.trace.docker import extract
from migrator.trace.state import TarStream, TraceState
from migrator.trace.values import Value

# options that change nothing about which files land where with which mode, run as root
_HARMLESS = {"x", "v", "p", "o", "m", "-extract", "-get", "-verbose", "-preserve-permissions", "-same-permissions",
             "-same-owner", "-no-same-owner", "-touch"}


def read_stream(state: TraceState, command: Command, stream: TarStream) -> Value:
    """COMMAND reads the tar stream STREAM from the pipeline."""
    source = stream.command
    if command.name != "tar":
        raise refuse("MIG139", source.loc, text=f"{source.text} | {command.text}")
    directory, strip = _options(command)
    spelled = stream.path
    if strip == 1:
        if not spelled.endswith("/"):  # the top entry is a file or a directory: only a directory leaves entries
            raise refuse("MIG622", command.loc, text=command.text,
                         why=f"--strip-components=1 leaves nothing of a file, and {spelled} may be one")
        spelled += "."
    elif strip:
        raise refuse("MIG622", command.loc, text=command.text, why=f"--strip-components={strip}")
    into = Value.of((directory or ".").rstrip("/") + "/")
    if state.host.kind(state.repo_path(state.resolve(into)) or "") is None:
        raise refuse("MIG622", command.loc, text=command.text, why=f"tar -C needs {into.text} to exist")
    extract(state, source, stream.container, Value.of(spelled), into, False, source.span)
    # the reader goes with the stream it reads
    state.record.container_command(ContainerCommand("read", (stream.container,), command.loc, command.span))
    return Value()


def _options(command: Command) -> tuple[str | None, int]:
    """(the -C directory, the --strip-components count) of an extracting tar that reads standard input."""
    given = dict(_pairs(command))
    for name in given:
        if name not in ("C", "f", "-strip-components") and name not in _HARMLESS:
            raise refuse("MIG622", command.loc, text=command.text, why=f"the option -{name}")
    if any(given.get(name, "") is None for name in ("C", "f", "-strip-components")):
        raise refuse("MIG622", command.loc, text=command.text, why="an option without its value")
    strip = given.get("-strip-components", "0")
    if strip is None or not strip.isdigit():
        raise refuse("MIG622", command.loc, text=command.text, why=f"--strip-components={strip}")
    if not ({"x", "-extract", "-get"} & set(given)) or given.get("f", "-") != "-":
        raise refuse("MIG622", command.loc, text=command.text, why="it does not unpack standard input")
    return given.get("C"), int(strip)


def _pairs(command: Command) -> list[tuple[str, str | None]]:
    """tar's options as (name without its first dash, value): `-xf -` -> (x, None), (f, -);
    `--directory=out` -> (-strip-components…); a first word without a dash is a cluster too."""
    words = [w.value.literal for w in command.words[1:]]
    if any(word is None for word in words):
        raise refuse("MIG622", command.loc, text=command.text, why="a word only known when the script runs")
    rest = [w for w in words if w is not None]
    pairs: list[tuple[str, str | None]] = []
    first = True
    while rest:
        word = rest.pop(0)
        if word.startswith("--"):
            name, eq, inline = word[1:].partition("=")
            name = {"-directory": "C", "-file": "f"}.get(name, name)
            takes = name in ("C", "f", "-strip-components")
            pairs.append((name, inline if eq else rest.pop(0) if takes and rest else None))
        elif first or word.startswith("-"):
            for letter in word.lstrip("-"):
                pairs.append((letter, rest.pop(0) if letter in ("C", "f") and rest else None))
        else:
            raise refuse("MIG622", command.loc, text=command.text, why=f"it names members ({word})")
        first = False
    return pairs
