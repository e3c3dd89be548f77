"""Cutting YAML text by its nodes' positions, and the proof that the cut kept the structure.

A list item goes with its whole lines (`- docker cp …` and a trailing comment on them), or, in a
flow list (`[a, b]`), with its comma; a key goes with its value's lines. Nothing else moves:
comments, anchors, quoting and indentation around them stay byte for byte. `check` then reads the
new text again and compares it with the old tree minus what went, scalar by scalar."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import yaml

from migrator.findings import refuse
from migrator.frontends.ci.yaml_tree import Document, MappingNode, Node, ScalarNode, SequenceNode

Change = tuple[int, int, str]  # replace [start, end) of the text with this
_ITEM_PREFIX = re.compile(r"[ \t]*(?:-[ \t]+)+\Z")


@dataclass
class Plan:
    """What the rewrite decided, by the positions of the old nodes (start offsets)."""

    changes: list[Change] = field(default_factory=list)
    removed_items: set[int] = field(default_factory=set)
    removed_keys: set[int] = field(default_factory=set)
    # new value of a scalar, and how to read a new node's value back the same way
    changed: dict[int, tuple[str, Callable[[Document, ScalarNode], str]]] = field(default_factory=dict)


def item_change(document: Document, sequence: SequenceNode, item: Node) -> Change:
    """The text that goes with one item of SEQUENCE."""
    text = document.text
    start, end = item.start_mark.index, item.end_mark.index
    if sequence.flow_style:
        after = re.compile(r"[ \t]*,[ \t]*").match(text, end)
        if after:
            return start, after.end(), ""
        before = re.compile(r",[ \t]*\Z").search(text, 0, start)
        return (before.start() if before else start), end, ""
    line_start = text.rfind("\n", 0, start) + 1
    if not _ITEM_PREFIX.match(text, line_start, start) and text[line_start:start].strip():
        raise refuse("MIG176", document.loc(item), path=document.path, why="a list item not on its own lines")
    return line_start, _past_blank(text, line_start, _line_end(text, _content_end(item))), ""


def key_change(document: Document, mapping: MappingNode, key: ScalarNode) -> Change:
    """The text that goes with KEY of MAPPING and its value."""
    text = document.text
    value = next(v for k, v in mapping.value if k is key)
    if mapping.flow_style:
        raise refuse("MIG176", document.loc(key), path=document.path, why="a key of a flow mapping `{…}`")
    line_start = text.rfind("\n", 0, key.start_mark.index) + 1
    if text[line_start:key.start_mark.index].strip():
        raise refuse("MIG176", document.loc(key), path=document.path, why="a key on the line of a list item's `-`")
    last = value if value.start_mark.index > key.start_mark.index else key  # an alias points elsewhere
    return line_start, _past_blank(text, line_start, _line_end(text, _content_end(last))), ""


def _content_end(node: Node) -> int:
    """Where NODE's own text ends: a block collection ends with its last child, not at the next
    token (PyYAML's end mark there lies past the comments that follow)."""
    if isinstance(node, MappingNode | SequenceNode) and not node.flow_style and node.value:
        last = node.value[-1]
        return _content_end(last[1] if isinstance(node, MappingNode) else last)
    return node.end_mark.index


def _line_end(text: str, end: int) -> int:
    """From a node's end: back over the line breaks a block scalar ends with, then on to the end
    of that line (a comment on it goes too), its break included."""
    while end > 0 and text[end - 1] in " \t\r\n":
        end -= 1
    stop = text.find("\n", end)
    return len(text) if stop < 0 else stop + 1


def _past_blank(text: str, start: int, end: int) -> int:
    """Lines removed between two blank lines leave one blank line, not two."""
    before = text.rfind("\n", 0, max(0, start - 1)) + 1
    blank_before = start == 0 or not text[before:start].strip()
    stop = text.find("\n", end)
    if blank_before and stop >= 0 and not text[end:stop].strip():
        return stop + 1
    return end


def apply(text: str, changes: list[Change], document: Document) -> str:
    out, cursor = [], 0
    for start, end, new in sorted(changes):
        if start < cursor:
            raise refuse("MIG176", None, path=document.path, why="two edits overlap")
        out += [text[cursor:start], new]
        cursor = end
    return "".join(out) + text[cursor:]


def check(document: Document, new_text: str, plan: Plan) -> None:
    """NEW_TEXT must read as the old tree without the removed items and keys, each changed scalar
    holding its new value, and every other scalar as it was."""
    try:
        old = yaml.compose(document.text, Loader=yaml.SafeLoader)
        new = yaml.compose(new_text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        raise refuse("MIG176", None, path=document.path, why=f"it would not read as YAML: {error}") from None
    new_document = Document(document.path, new_text, new)
    problem = _compare(old, new, plan, new_document)
    if problem is not None:
        raise refuse("MIG176", problem, path=document.path, why="it would not keep the file's structure")


def _compare(old: Node, new: Node, plan: Plan, new_document: Document):
    """None when NEW is OLD after the plan, else where they part."""
    if type(old) is not type(new) or old.tag != new.tag:
        return new_document.loc(new)
    if isinstance(old, ScalarNode):
        expected = plan.changed.get(old.start_mark.index)
        if expected is None:
            return None if old.value == new.value else new_document.loc(new)
        return None if expected[1](new_document, new) == expected[0] else new_document.loc(new)
    if isinstance(old, SequenceNode):
        kept = [item for item in old.value if item.start_mark.index not in plan.removed_items]
        pairs = list(zip(kept, new.value, strict=False))
    else:
        kept_pairs = [(k, v) for k, v in old.value if k.start_mark.index not in plan.removed_keys]
        kept = kept_pairs
        pairs = [(a, b) for (ka, va), (kb, vb) in zip(kept_pairs, new.value, strict=False) for a, b in
                 ((ka, kb), (va, vb))]
    if len(kept) != len(new.value):
        return new_document.loc(new)
    for a, b in pairs:
        problem = _compare(a, b, plan, new_document)
        if problem is not None:
            return problem
    return None
