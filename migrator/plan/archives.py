"""Which container paths the builder wrote as tar archives, and how (capability-classes §AX).

The runtime's `ADD x.tgz dest` unpacked the extracted archive; COPY --from never unpacks, so the
merge unpacks it in a stage derived from the builder. ADD decides by content, not by name, so the
only evidence trusted is the tar command that made the file: `tar -czf /out/x.tgz -C /src pkg` in a
RUN of the builder's final stage chain, whose flags also give the compression to unpack it with.
"""

from __future__ import annotations

import posixpath
import shlex
from dataclasses import dataclass

from migrator.model import ImageBuild
from migrator.parse.dockerfile import Dockerfile
from migrator.plan.stages import stage_chain, stages_of, target_stage

_SEPARATORS = {"&&", "||", ";", "|", "&", "(", ")", ";;"}
_LONG = {"--create", "--file", "--directory", "--gzip", "--gunzip", "--bzip2", "--xz"}
_COMPRESSION = {"z": "z", "j": "j", "J": "J", "--gzip": "z", "--gunzip": "z", "--bzip2": "j", "--xz": "J"}


@dataclass(frozen=True)
class Archive:
    path: str
    compression: str  # "" (plain), "z", "j" or "J": the flag tar -x needs to read it
    root_entry: bool  # it holds an entry for `.`: ADD gives its mode and owner to the destination


def archives_made(build: ImageBuild, dockerfile: Dockerfile) -> dict[str, Archive]:
    """Container path -> the archive a RUN of the builder's final stage chain made there last."""
    stages = stages_of(dockerfile)
    if not stages:
        return {}
    made: dict[str, Archive | None] = {}
    for stage in reversed(stage_chain(stages, target_stage(build, stages))):
        workdir = "/"
        for index in stage.instructions:
            ins = dockerfile.instructions[index]
            if ins.cmd == "WORKDIR" and ins.args:
                workdir = posixpath.normpath(posixpath.join(workdir, ins.args[0]))
            elif ins.cmd == "RUN":
                found = _tar_creates(ins.value, workdir)
                for path in list(made):
                    if path in ins.value and path not in found:
                        made[path] = None  # something else touches it later: no evidence left
                made.update(found)
            elif ins.cmd in ("COPY", "ADD"):
                made = {path: None for path in made}  # it may overwrite any of them
    return {path: archive for path, archive in made.items() if archive is not None}


def _tar_creates(script: str, workdir: str) -> dict[str, Archive | None]:
    try:
        lexer = shlex.shlex(script, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        words = list(lexer)
    except ValueError:
        return {}
    found: dict[str, Archive | None] = {}
    command: list[str] = []
    moved = False  # a `cd` ran earlier in this RUN: relative paths mean something else
    for word in [*words, ";"]:
        if word not in _SEPARATORS:
            command.append(word)
            continue
        if command and command[0] == "cd":
            moved = True
        elif command and posixpath.basename(command[0]) == "tar":
            made = _created(command[1:])
            if made is not None and (made.path.startswith("/") or not moved):
                path = posixpath.normpath(posixpath.join(workdir, made.path))
                found[path] = Archive(path, made.compression, made.root_entry) if "$" not in path else None
        command = []
    return found


def _created(args: list[str]) -> Archive | None:
    """The archive `tar ARGS` creates, when its options are all understood."""
    create, compression, target, operands = False, "", None, []
    words = list(args)
    if words and not words[0].startswith("-"):
        words[0] = "-" + words[0]  # the old form: `tar czf x.tgz …`
    while words:
        word = words.pop(0)
        if word.startswith("--"):
            name, _, value = word.partition("=")
            if name not in _LONG:
                return None
            create = create or name == "--create"
            compression = _COMPRESSION.get(name, compression)
            target = value if name == "--file" and value else target
        elif word.startswith("-") and len(word) > 1:
            for letter in word[1:]:
                if letter == "c":
                    create = True
                elif letter in _COMPRESSION:
                    compression = _COMPRESSION[letter]
                elif letter == "f" and words:
                    target = words.pop(0)
                elif letter == "C" and words:
                    words.pop(0)
                elif letter != "v":
                    return None
        else:
            operands.append(word)
    if not create or target is None or target == "-" or not operands:
        return None
    root = any(posixpath.normpath(o) == "." for o in operands)
    return Archive(target, compression, root)
