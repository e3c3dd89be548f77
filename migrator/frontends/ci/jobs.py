"""What every CI service's reading of its file comes to: jobs, each a run of shell sessions (one
shell process each), each session a list of scripts (YAML string scalars of shell code) with the
environment, working directory and shell the service gives it. The services (travis.py,
gitlab.py, github.py) build these; the walk (session.py), the rewrite (rewrite.py) and the
verify runner (run.py) read them alike."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from migrator.findings import refuse
from migrator.frontends.ci.yaml_tree import (
    MERGE_KEY,
    Document,
    MappingNode,
    Node,
    ScalarNode,
    SequenceNode,
    is_null,
    pair,
)
from migrator.source import Loc
from migrator.trace.values import Value


@dataclass(frozen=True)
class Removal:
    """What goes with a script the rewrite empties: its list item (the scalar, or a GitHub step),
    and when that leaves its list empty, or the script is a key's value itself, the key."""

    item: Node | None  # None: the script is a mapping value, not a list item
    sequence: SequenceNode | None
    key: tuple[MappingNode, ScalarNode] | None  # the mapping and its key whose value holds the script
    required: str | None = None  # the service that needs that key (GitLab's job `script`)


@dataclass(frozen=True)
class Expression:
    """A `${{ … }}` in a GitHub script (see expressions.py): where it sits in the decoded value,
    and what it is: "literal" (LITERAL, known from the file), "workspace" (the checkout) or
    "unknown" (only the run knows it)."""

    start: int
    end: int
    source: str  # as written, `${{ … }}` included
    kind: str
    literal: str | None = None


@dataclass(frozen=True)
class Script:
    node: ScalarNode
    removal: Removal
    checked: bool = True  # a failure stops the job at once (Travis's `script:` phase goes on)
    expressions: tuple[Expression, ...] = ()


@dataclass(frozen=True)
class Context:
    """What GitHub's `${{ }}` may read from the file (expressions.py)."""

    env: Mapping[str, str]  # NAME -> its value as written (it may hold expressions itself)
    matrix: Mapping[str, tuple[str, ...]]  # NAME -> its values; "*": names not listed may vary too


@dataclass(frozen=True)
class Session:
    """Scripts one shell process runs, one after the other."""

    scripts: tuple[Script, ...]
    variables: tuple[tuple[str, str], ...] = ()  # the environment the file sets: NAME, value as written
    predefined: tuple[tuple[str, Value], ...] = ()  # what the service sets itself, as the trace reads it
    workdir: str = "."  # repo-relative
    shell: tuple[str, ...] = ("bash", "-e")
    condition: str | None = None  # a GitHub step's `if:` that is not always true
    exports: tuple[Script, ...] = ()  # Travis `env:` entries (`A=1 B="x y"`), exported before the scripts
    environment_known: bool = True  # False: variables the file does not name may be set (`secure:`)
    context: Context | None = None  # GitHub: what its `${{ }}` read


@dataclass(frozen=True)
class Job:
    name: str | None  # the --script entry; None for a file with one job (Travis)
    loc: Loc
    sessions: tuple[Session, ...]
    extent: tuple[int, int]  # where the job's own text is (a default it runs may sit elsewhere)
    warnings: tuple[tuple[str, Loc, dict[str, str]], ...] = field(default=())  # (code, where, fields)

    @property
    def scripts(self) -> tuple[Script, ...]:
        return tuple(s for session in self.sessions for s in session.scripts)


class Service(Protocol):
    """One CI service's file format."""

    name: str  # "travis", "gitlab", "github", "daocloud"
    declarative: bool  # the service builds images from the file's description, with no shell code

    def claims(self, path: str) -> bool: ...

    def job_nodes(self, document: Document) -> list[tuple[str | None, Node]]:
        """Every job of the file that may run shell code: its --script entry and its node."""

    def job(self, document: Document, name: str | None) -> Job:
        """The job NAME as shell sessions; raises Refusal on what is not followed."""


def scripts_at(document: Document, mapping: Node, key: str, required: str | None = None,
               checked: bool = True) -> tuple[Script, ...]:
    """The scripts under KEY of MAPPING: one string, or a list of strings (GitLab, Travis)."""
    found = pair(mapping, key)
    if found is None or is_null(found[1]):
        return ()
    key_node, value = found
    owner = (holder(mapping, key_node), key_node)
    if isinstance(value, ScalarNode) and not value.tag.startswith("!"):
        return (Script(value, Removal(None, None, owner, required), checked),)
    if not isinstance(value, SequenceNode) or value.tag.startswith("!"):
        raise refuse("MIG173", document.loc(value), what=f"`{key}:` that is not a string or a list of strings")
    scripts = []
    for item in value.value:
        if not isinstance(item, ScalarNode) or item.tag.startswith("!") or is_null(item):
            raise refuse("MIG173", document.loc(item), what=f"an item of `{key}:` that is not a string "
                                                             f"(a nested list, a mapping or a `!reference`)")
        scripts.append(Script(item, Removal(item, value, owner, required), checked))
    return tuple(scripts)


def holder(mapping: Node, key: ScalarNode) -> MappingNode:
    """The mapping that holds KEY itself: MAPPING, or one it merges (`<<: *defaults`)."""
    assert isinstance(mapping, MappingNode)
    for k, v in mapping.value:
        if k is key:
            return mapping
        if isinstance(k, ScalarNode) and k.value == MERGE_KEY:
            for source in v.value if isinstance(v, SequenceNode) else [v]:
                if isinstance(source, MappingNode) and key in _keys_below(source):
                    return holder(source, key)
    raise AssertionError("the key was found in this mapping")


def _keys_below(mapping: MappingNode) -> list[Node]:
    out: list[Node] = []
    for k, v in mapping.value:
        out.append(k)
        if isinstance(k, ScalarNode) and k.value == MERGE_KEY:
            for source in v.value if isinstance(v, SequenceNode) else [v]:
                if isinstance(source, MappingNode):
                    out += _keys_below(source)
    return out


def extent(node: Node) -> tuple[int, int]:
    return node.start_mark.index, node.end_mark.index
