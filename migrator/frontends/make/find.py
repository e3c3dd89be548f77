"""Which targets of a Makefile a flow starts from, read without tracing: the default goal when it
reaches a recipe that seems to extract files from a container, and every other target that
reaches one the default goal does not (and that no other such target reaches). Several flows in
one file each get their target as the entry, so MIG102 can name `--script Makefile:TARGET`."""

from __future__ import annotations

import re

from migrator.findings import Refusal
from migrator.frontends.base import Source
from migrator.frontends.make.database import Database
from migrator.frontends.make.read import read_makefile
from migrator.frontends.make.variables import Variables
from migrator.frontends.make.walk import parsed
from migrator.frontends.shell import EXTRACTION_HINT

_DOCKER_BUILD = re.compile(r"\b(?:docker|podman|buildah)\b[^\n]*\b(?:build|bud)\b")
# make run as a command (at the start of the line or after `;`, `&&`, `||`, `|`), with its words.
_RECURSION = re.compile(r"(?:^|[;&|(]|\bthen|\bdo)\s*[@+-]*\s*(?:\$\(MAKE\)|\$\{MAKE\}|g?make)(?![\w.-])"
                        r"([^;&|\n]*)", re.M)
_QUOTED = re.compile(r"'[^']*'|\"(?:[^\"\\]|\\.)*\"")


def find_flows(path: str, text: str, front_end: str, runs_other_file: bool) -> list[Source]:
    """RUNS_OTHER_FILE: the Makefile names another orchestration file (`./build.sh`), which may
    hold the `docker build`."""
    if not _DOCKER_BUILD.search(text) and not runs_other_file:
        return []
    hint = bool(EXTRACTION_HINT.search(text))
    try:
        db = read_makefile(parsed(path, text), Variables(), None)
    except Refusal:
        return [Source(path, text, front_end, hint)]  # the trace says why
    graph = {target: _edges(db, target) for target in db.rules}
    extracting = {t for t, rule in db.rules.items() if rule.recipe is not None and EXTRACTION_HINT.search(
        "\n".join(line.text for line in rule.recipe.all_lines))}
    goal = db.default_goal()
    covered = _reach(graph, goal) if goal else set()
    roots = [goal] if goal and covered & extracting else []
    candidates = [t for t in db.rules if not t.startswith(".") and t not in covered
                  and _reach(graph, t) & (extracting - covered)]
    for target in candidates:
        if not any(target in _reach(graph, other) and (other not in _reach(graph, target) or
                   candidates.index(other) < candidates.index(target)) for other in candidates if other != target):
            roots.append(target)
    if not roots or roots == [goal]:
        return [Source(path, text, front_end, hint)]
    return [Source(path, text, front_end, hint, root) for root in roots]


def _edges(db: Database, target: str) -> list[str]:
    """The targets TARGET needs: its prerequisites, and the goals its recipe runs make on."""
    rule = db.rules[target]
    out = rule.prerequisites + rule.order_only
    if rule.recipe is not None:
        for line in rule.recipe.all_lines:
            for match in _RECURSION.finditer(_QUOTED.sub("''", line.text.lstrip("\t"))):
                words = match.group(1).split()
                if any(w.startswith(("-C", "-f", "--directory", "--file", "--makefile")) for w in words):
                    continue  # another Makefile's targets
                out += [w for w in words if w in db.rules]
    return out


def _reach(graph: dict[str, list[str]], start: str) -> set[str]:
    seen, stack = set(), [start]
    while stack:
        target = stack.pop()
        if target in seen:
            continue
        seen.add(target)
        stack.extend(graph.get(target, []))
    return seen
