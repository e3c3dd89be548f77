"""A CI file as a YAML node tree with positions: PyYAML's composer (not its constructor) gives every
node its style and its start and end in the text, so a front end can read a job and the rewrite
can cut bytes out of the very text it was read from.

Mapping lookups follow merge keys (`<<: *defaults`), as GitLab's and Travis's YAML readers do; an
alias is the very node its anchor names, so a node reached along more than one path (an anchor
used twice) is one node with several paths, counted by `paths_to`."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from migrator.findings import refuse
from migrator.source import Loc

__all__ = ["MappingNode", "Node", "ScalarNode", "SequenceNode"]

MERGE_KEY = "<<"


@dataclass(frozen=True)
class Document:
    path: str
    text: str
    root: Node

    def loc(self, node: Node) -> Loc:
        return Loc(self.path, node.start_mark.line + 1)

    def loc_at(self, offset: int) -> Loc:
        return Loc(self.path, self.text.count("\n", 0, offset) + 1)


def load(path: str, text: str) -> Document:
    """The one YAML document in TEXT; refused (MIG170) when it is not YAML or holds several."""
    try:
        nodes = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else 1
        raise refuse("MIG170", Loc(path, line), path=path, problem=error.problem or str(error)) from None
    except yaml.YAMLError as error:  # a reader error (a control character) has no problem mark
        raise refuse("MIG170", Loc(path, 1), path=path, problem=str(error).splitlines()[0]) from None
    if len(nodes) != 1 or not isinstance(nodes[0], MappingNode):
        raise refuse("MIG170", Loc(path, 1), path=path, problem="it is not one mapping")
    looped = _alias_in_itself(nodes[0])
    if looped is not None:
        raise refuse("MIG170", Loc(path, looped.start_mark.line + 1), path=path,
                     problem="an alias used inside the very node its anchor names")
    twice = _key_twice(nodes[0])
    if twice is not None:
        first, second = twice
        raise refuse("MIG170", Loc(path, second.start_mark.line + 1), path=path,
                     problem=f"the key `{second.value}` appears twice in one mapping (lines "
                             f"{first.start_mark.line + 1} and {second.start_mark.line + 1}); CI services "
                             f"differ on which one counts (PyYAML keeps the last, GitHub rejects the file)")
    return Document(path, text, nodes[0])


def _key_twice(root: Node) -> tuple[ScalarNode, ScalarNode] | None:
    """The first and second of a key written twice in one mapping (the `<<` merge key aside)."""
    seen_nodes: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen_nodes:
            continue
        seen_nodes.add(id(node))
        if isinstance(node, MappingNode):
            keys: dict[str, ScalarNode] = {}
            for key, _ in node.value:
                if isinstance(key, ScalarNode) and key.tag != "tag:yaml.org,2002:merge":
                    if key.value in keys:
                        return keys[key.value], key
                    keys[key.value] = key
        stack.extend(_children(node))
    return None


def _alias_in_itself(root: Node) -> Node | None:
    """A node that contains itself (PyYAML's composer lets `&a {k: *a}` through), else None."""
    done: set[int] = set()
    stack: list[tuple[Node, int]] = [(root, 0)]
    open_: set[int] = set()
    while stack:
        node, index = stack.pop()
        children = _children(node)
        if index == 0:
            if id(node) in done:
                continue
            open_.add(id(node))
        if index < len(children):
            stack.append((node, index + 1))
            child = children[index]
            if id(child) in open_:
                return node
            stack.append((child, 0))
        else:
            open_.discard(id(node))
            done.add(id(node))
    return None


def load_quietly(path: str, text: str) -> Document | None:
    """For discovery: a file that is not a CI file's YAML is simply not a candidate."""
    try:
        return load(path, text)
    except Exception:  # the refusal, or PyYAML on input it does not expect
        return None


def pairs(node: Node | None) -> Iterator[tuple[ScalarNode, Node]]:
    """A mapping's (key, value) pairs with scalar keys, merged ones first and its own overriding."""
    if not isinstance(node, MappingNode):
        return
    own: dict[str, tuple[ScalarNode, Node]] = {}
    merged: dict[str, tuple[ScalarNode, Node]] = {}
    for key, value in node.value:
        if not isinstance(key, ScalarNode):
            continue
        if key.value == MERGE_KEY and key.tag.endswith(":merge"):
            for source in value.value if isinstance(value, SequenceNode) else [value]:
                for k, v in pairs(source):
                    merged.setdefault(k.value, (k, v))
        else:
            own[key.value] = (key, value)
    yield from ((k, v) for name, (k, v) in merged.items() if name not in own)
    yield from own.values()


def get(node: Node | None, key: str) -> Node | None:
    return next((v for k, v in pairs(node) if k.value == key), None)


def pair(node: Node | None, key: str) -> tuple[ScalarNode, Node] | None:
    return next(((k, v) for k, v in pairs(node) if k.value == key), None)


def string(node: Node | None) -> str | None:
    """A scalar's text (a plain `true` or `1` too: CI services read them as strings here)."""
    return node.value if isinstance(node, ScalarNode) and not node.tag.endswith(":null") else None


def is_null(node: Node | None) -> bool:
    return node is None or (isinstance(node, ScalarNode) and node.tag.endswith(":null"))


def paths_to(root: Node) -> dict[int, int]:
    """How many paths lead from ROOT to each node (by id): more than one when an alias reuses it."""
    order: list[Node] = []
    seen: set[int] = set()

    def visit(node: Node) -> None:  # a node's parents come before it in ORDER (YAML has no cycles)
        if id(node) in seen:
            return
        seen.add(id(node))
        for child in _children(node):
            visit(child)
        order.append(node)

    visit(root)
    count = {id(root): 1}
    for node in reversed(order):
        for child in _children(node):
            count[id(child)] = count.get(id(child), 0) + count.get(id(node), 0)
    return count


def scalars(root: Node) -> list[ScalarNode]:
    """Every scalar value under ROOT once (an alias's node counted where its anchor is)."""
    out: list[ScalarNode] = []
    seen: set[int] = set()
    pending = [root]
    while pending:
        node = pending.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            out.append(node)
        pending += reversed(_children(node))
    return out


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [n for kv in node.value for n in kv]
    return []


class _AnyTagLoader(yaml.SafeLoader):
    """Constructs a tag it does not know (GitLab's `!reference`) as the plain value it holds."""


def _construct_untagged(loader: _AnyTagLoader, node: Node) -> object:
    if isinstance(node, MappingNode):
        return loader.construct_mapping(node, deep=True)
    if isinstance(node, SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_scalar(node)


_AnyTagLoader.add_constructor(None, _construct_untagged)


def construct(node: Node) -> object:
    """The plain Python value of a node tree (for comparing two versions of a file)."""
    loader = _AnyTagLoader("")
    try:
        return loader.construct_document(node)
    finally:
        loader.dispose()


def value_of(text: str) -> object:
    return yaml.load(text, Loader=_AnyTagLoader)
