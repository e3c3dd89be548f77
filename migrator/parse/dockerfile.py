"""Dockerfile text -> instructions with line spans, flags and arguments.

dockerfile-parse supplies the line structure only (docker-semantics §13): it is always given a
file object (given a path it opens PATH/Dockerfile, and its setters write to disk), and heredoc
bodies are masked before it sees them because it reads their lines as instructions (its #145).
Directives, flags and the JSON form are read here.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass

from dockerfile_parse import DockerfileParser

_HEREDOC = re.compile(r"<<(-?)([\"']?)([A-Za-z_][A-Za-z0-9_]*)\2")
_DIRECTIVE = re.compile(r"^#\s*([a-zA-Z]+)\s*=\s*(.*?)\s*$")
_KNOWN_DIRECTIVES = {"syntax", "escape", "check"}


@dataclass(frozen=True)
class Instruction:
    keyword: str  # as written, so casing survives a rewrite
    start: int  # 0-based first line
    end: int  # 0-based last line, heredoc bodies included
    value: str  # everything after the keyword, continuations joined
    flags: tuple[str, ...]  # leading --flags, e.g. ("--from=build", "--chown=1:1")
    args: tuple[str, ...]
    json_form: bool

    @property
    def cmd(self) -> str:
        return self.keyword.upper()

    def flag(self, name: str) -> str | None:
        prefix = f"--{name}="
        for f in self.flags:
            if f.lower().startswith(prefix):
                return f[len(prefix):]
        return None


@dataclass(frozen=True)
class Directive:
    key: str
    value: str
    line: int


@dataclass(frozen=True)
class Dockerfile:
    path: str
    lines: tuple[str, ...]  # with their line endings
    instructions: tuple[Instruction, ...]
    directives: tuple[Directive, ...]

    def directive(self, key: str) -> str | None:
        return next((d.value for d in self.directives if d.key == key), None)

    @property
    def newline(self) -> str:
        return "\r\n" if self.lines and self.lines[0].endswith("\r\n") else "\n"


class DockerfileError(ValueError):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line


def parse_dockerfile(path: str, text: str) -> Dockerfile:
    if text.startswith("\ufeff"):  # BuildKit strips a BOM on the first line
        text = text[1:]
    lines = tuple(text.splitlines(keepends=True))
    directives = _read_directives(lines)
    masked = list(lines)
    structure = _structure(masked)
    heredoc_ends: dict[int, int] = {}
    # Each pass masks the body of the first heredoc not yet masked, then parses again, so a
    # body line that looks like an instruction never opens a bogus one.
    while True:
        pending = next((s for s in structure if s["startline"] not in heredoc_ends and _HEREDOC.search(s["value"])
                        and s["instruction"] in ("RUN", "COPY", "ADD")), None)
        if pending is None:
            break
        last = pending["endline"]
        for match in _HEREDOC.finditer(pending["value"]):
            strip_tabs, word = match.group(1) == "-", match.group(3)
            last = _heredoc_end(lines, last + 1, word, strip_tabs, pending["startline"])
            for k in range(pending["endline"] + 1, last + 1):
                masked[k] = "#\n"
        heredoc_ends[pending["startline"]] = last
        structure = _structure(masked)
    instructions = []
    for s in structure:
        if s["instruction"] == "COMMENT":
            continue
        keyword = s["content"].lstrip().split(None, 1)[0]
        flags, args, json_form = _split_value(s["value"])
        if keyword.upper() == "FROM" and len(args) not in (1, 3):
            raise DockerfileError(s["startline"] + 1, "FROM must name one image, optionally `AS name`")
        end = heredoc_ends.get(s["startline"], s["endline"])
        instructions.append(Instruction(keyword, s["startline"], end, s["value"], flags, args, json_form))
    return Dockerfile(path, lines, tuple(instructions), directives)


# dockerfile-parse reads UTF-8 only: a byte that is not UTF-8 (a surrogate, after decoding with
# surrogateescape) goes through it as a private-use character of plane 16 and comes back.
_TO_PRIVATE = {0xDC80 + b: 0x100000 + 0xDC80 + b for b in range(128)}
_FROM_PRIVATE = {v: k for k, v in _TO_PRIVATE.items()}


def _structure(lines: list[str]) -> list[dict]:
    parser = DockerfileParser(fileobj=io.BytesIO("".join(lines).translate(_TO_PRIVATE).encode("utf-8")))
    return [{key: value.translate(_FROM_PRIVATE) if isinstance(value, str) else value for key, value in s.items()}
            for s in parser.structure]


def _heredoc_end(lines: tuple[str, ...], first: int, word: str, strip_tabs: bool, opened: int) -> int:
    for k in range(first, len(lines)):
        body = lines[k].rstrip("\r\n")
        if (body.lstrip("\t") if strip_tabs else body) == word:
            return k
    raise DockerfileError(opened + 1, f"heredoc <<{word} is never closed")


def _read_directives(lines: tuple[str, ...]) -> tuple[Directive, ...]:
    found = []
    for number, line in enumerate(lines):
        match = _DIRECTIVE.match(line.strip())
        if not match or match.group(1).lower() not in _KNOWN_DIRECTIVES:
            break  # anything else ends the directive block (Dockerfile reference, parser directives)
        found.append(Directive(match.group(1).lower(), match.group(2), number))
    return tuple(found)


def _split_value(value: str) -> tuple[tuple[str, ...], tuple[str, ...], bool]:
    rest = value.strip()
    flags = []
    while rest.startswith("--"):
        flag, _, rest = rest.partition(" ")
        flags.append(flag)
        rest = rest.lstrip()
    if rest.startswith("["):
        try:
            parsed = json.loads(rest)
        except ValueError:
            parsed = None
        if isinstance(parsed, list) and all(isinstance(p, str) for p in parsed):
            return tuple(flags), tuple(parsed), True
    return tuple(flags), tuple(rest.split()), False
