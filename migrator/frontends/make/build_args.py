"""The builder's --build-arg flags, as the runtime's recipe line must write them.

The flags are taken from the builder build the migration removes, as that recipe wrote them
(`--build-arg V=$(VERSION)`, `$(FLAGS)`), when they mean the same in the runtime's line: no shell
variable of another `sh -c`, no automatic variable (`$@` is another target there), and a
reference that expands to more than the flags asked for is not copied (it would carry its other
words along). Otherwise a flag is written as the shell reads it, each `$` doubled."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from migrator.findings import refuse
from migrator.frontends.make.render import command_nodes
from migrator.frontends.shell.parse import ShellScript
from migrator.source import Loc, Span

_AUTOMATIC = re.compile(r"\$(?:[@<^+?*|]|[({][@<^+?*|][DF]?[)}])")


@dataclass(frozen=True)
class _Spelling:
    shell: str  # the flag's words as the shell reads them (under the builder's name)
    host: str  # as the file writes them (renamed to the flag's name)
    span: tuple[int, int] | None  # where the file writes them; None: HOST is not the file's text
    whole: str  # everything the shell reads from SPAN (more than SHELL when a reference holds more)


def runtime_flags(flags: tuple[str, ...], shells: list[tuple[ShellScript, bool]], dead: frozenset[Span],
                  text: str, loc: Loc) -> str:
    """FLAGS as text to append to the runtime's build command; SHELLS: each `sh -c` of the
    Makefile, and whether it is the one the runtime build runs in."""
    spelled = [_spelling(flag, shells, dead, text) for flag in flags]
    out: list[str] = []
    i = 0
    while i < len(flags):
        first = spelled[i]
        j = i + 1
        while first is not None and first.span is not None and j < len(flags) and _same_span(spelled[j], first):
            j += 1
        group = [s.shell for s in spelled[i:j] if s is not None]
        if first is not None and " ".join(group) == first.whole:
            out.append(first.host)
        else:
            out += [_literal(flag, loc) for flag in flags[i:j]]
        i = j
    return "".join(" " + flag for flag in out)


def _same_span(spelling: _Spelling | None, first: _Spelling) -> bool:
    return spelling is not None and spelling.span == first.span


def _literal(flag: str, loc: Loc) -> str:
    if "$" in flag or "`" in flag:
        # the unknown values recipe.py names `${_MAKE_n}` are shown as what they stand for
        shown = re.sub(r"\$\{_MAKE_\d+\}", "<a value make cannot know>", flag)
        raise refuse("MIG168", loc, command=shown,
                     what="a shell variable of another `sh -c` (make runs each recipe line in its own shell)")
    return flag


def _spelling(flag: str, shells: list[tuple[ShellScript, bool]], dead: frozenset[Span], text: str
              ) -> _Spelling | None:
    for script, same_shell in shells:
        for statement in script.statements:
            for command in command_nodes(statement.node) if statement.node is not None else []:
                found = _flag_words(flag, command, script, dead, text)
                if found is None or (("$" in found.shell or "`" in found.shell) and not same_shell):
                    continue
                if _AUTOMATIC.search(found.host):
                    shell = found.shell.replace("$", "$$")
                    return _Spelling(found.shell, shell, None, found.shell)
                return found
    return None


def _flag_words(flag: str, command, script: ShellScript, dead: frozenset[Span], text: str) -> _Spelling | None:
    """How COMMAND, a removed command, passes FLAG (maybe under another name: a renamed build arg)."""
    span = Span(script.host(command.pos[0]), script.host(command.pos[1], end=True), script.path)
    if span not in dead:
        return None
    words = [p for p in command.parts if p.kind == "word"]
    for i, word in enumerate(words):
        single = script.text[word.pos[0]:word.pos[1]]
        pairs = [(single, word)]
        if i + 1 < len(words):
            pairs.append((single + " " + script.text[words[i + 1].pos[0]:words[i + 1].pos[1]], words[i + 1]))
        for source, last in pairs:
            rename = _renamed(flag, source)
            if rename is None:
                continue
            start, end = script.host(word.pos[0]), script.host(last.pos[1], end=True)
            whole = " ".join(script.text[w.pos[0]:w.pos[1]] for w in words
                             if start <= script.host(w.pos[0]) and script.host(w.pos[1], end=True) <= end)
            return _Spelling(source, rename(text[start:end]), (start, end), whole)
    return None


def _renamed(flag: str, source: str) -> Callable[[str], str] | None:
    """How to give a text FLAG's build-arg name, when SOURCE is FLAG (maybe under another name)."""
    if flag == source:
        return lambda text: text
    pattern = re.compile(r"(?<![\w])([A-Za-z_]\w*)=")
    old, new = pattern.search(source), pattern.search(flag)
    if old is None or new is None or pattern.sub(new.group(1) + "=", source, count=1) != flag:
        return None
    before, after = old.group(1), new.group(1)
    return lambda text: re.sub(r"(?<![\w])" + re.escape(before) + "=", after + "=", text, count=1)
