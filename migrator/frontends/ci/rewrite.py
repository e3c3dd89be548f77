"""ScriptEdits -> the CI file's new text. Each script the edits reach is rewritten by the shell
front end's own rewrite (on its snippet, with the edits' spans brought back from the file to the
snippet), and the difference between the old and the new snippet is written back into the file
through the snippet's map, in the scalar's own style (indentation, quotes, escapes). A script left
with nothing to run goes with its list item, or its GitHub step (`name:` and all), and a list left
empty with its key. The result is read again and compared with the old tree (yaml_edit.check)."""

from __future__ import annotations

import difflib
import re

from migrator.findings import refuse
from migrator.frontends.ci import expressions
from migrator.frontends.ci.jobs import Job, Removal, Script, Session
from migrator.frontends.ci.scalars import Snippet, snippet
from migrator.frontends.ci.session import traced_snippet
from migrator.frontends.ci.yaml_edit import Change, Plan, apply, check, item_change, key_change
from migrator.frontends.ci.yaml_tree import Document, ScalarNode, paths_to
from migrator.frontends.shell.parse import parse_script
from migrator.frontends.shell.rewrite import rewrite_script
from migrator.plan.edits import ScriptEdits
from migrator.source import Span

_NOTHING_TO_RUN = re.compile(r"\A(?:[ \t]*(?:#[^\n]*)?(?:\n|\Z))*\Z")
_PLACEHOLDER = re.compile(r"\$\{__ci_expression_(\d+)\}")


def rewrite_file(document: Document, jobs: list[Job], refused: list[str], edits: ScriptEdits) -> str:
    """DOCUMENT's text after the EDITS that name it; JOBS: every job in it that could be read,
    REFUSED: the names of the others."""
    spans = [s for s in (*edits.remove, edits.runtime_build) if s.file == document.path]
    if not spans:
        return document.text
    plan, emptied = Plan(), []
    paths = paths_to(document.root)
    for script, session, users in _scripts(jobs):
        start, end = script.node.start_mark.index, script.node.end_mark.index
        if not any(start <= s.start and s.end <= end for s in spans):
            continue
        _refuse_shared(document, script, users, paths, jobs, refused)
        text = traced_snippet(document, script)
        new = _rewritten(document, text, edits, start, end)
        if new == text.text:
            continue
        if _NOTHING_TO_RUN.match(new):
            emptied.append(script)
            continue
        plan.changes += _text_changes(document, text, new)
        plan.changed[script.node.start_mark.index] = (_normal(new), _reader(session))
    _removals(document, emptied, plan)
    new_text = apply(document.text, plan.changes, document)
    check(document, new_text, plan)
    return new_text


def _refuse_shared(document: Document, script: Script, users: list[str], paths: dict[int, int], jobs: list[Job],
                   refused: list[str]) -> None:
    """A script more than one job runs cannot change for one of them."""
    what = f"the script at line {document.loc(script.node).line}"
    start = script.node.start_mark.index
    if len(users) > 1:
        raise refuse("MIG175", document.loc(script.node), what=what, how="by the jobs " + ", ".join(users))
    if refused and not any(j.extent[0] <= start < j.extent[1] for j in jobs):
        raise refuse("MIG175", document.loc(script.node), what=what, how="by other jobs (" + ", ".join(refused) + ")")
    for node in (script.node, script.removal.sequence):
        if node is not None and paths.get(id(node), 1) > 1:
            raise refuse("MIG175", document.loc(node), what=what, how="through a YAML anchor")


def _scripts(jobs: list[Job]) -> list[tuple[Script, Session, list[str]]]:
    """Every script once, with the jobs that run it (GitLab's default `before_script` runs in
    every job that has none of its own)."""
    seen: dict[int, tuple[Script, Session, list[str]]] = {}
    for job in jobs:
        for session in job.sessions:
            for script in session.scripts:
                users = seen.setdefault(id(script.node), (script, session, []))[2]
                if job.name not in users:
                    users.append(job.name or "")
    return list(seen.values())


def _rewritten(document: Document, text: Snippet, edits: ScriptEdits, start: int, end: int) -> str:
    """The snippet after the shell front end's rewrite, the edits' spans moved into it."""
    first = {host: i for i, host in reversed(list(enumerate(text.starts)))}
    last = {host: i + 1 for i, host in enumerate(text.ends)}

    def local(span: Span) -> Span | None:
        if not (start <= span.start and span.end <= end) or span.start not in first or span.end not in last:
            return None
        return Span(first[span.start], last[span.end], document.path)

    remove = frozenset(s for s in (local(span) for span in edits.remove if span.file == document.path) if s)
    runtime = local(edits.runtime_build) if edits.runtime_build.file == document.path else None
    local_edits = ScriptEdits(remove, runtime or Span(-1, -1, document.path), edits.drop_no_cache,
                              edits.add_build_args)
    return rewrite_script(parse_script(document.path, text.text), local_edits)


def _text_changes(document: Document, text: Snippet, new: str) -> list[Change]:
    """The old snippet turned into NEW, as changes to the file's bytes."""
    changes = []
    for i1, i2, j1, j2 in _differences(text.text, new):
        if i1 < i2:
            start, end = text.starts[i1], text.ends[i2 - 1]
            start = _whole_line(document.text, start, end) if text.style in ("|", ">") else start
        else:
            start = end = text.to_host(i1)
        inserted = _encode(document, text, new[j1:j2], at_line_start=document.text[start - 1:start] == "\n")
        changes.append((start, end, inserted))
    return changes


def _differences(old: str, new: str) -> list[tuple[int, int, int, int]]:
    """Where NEW differs from OLD, as (old start, old end, new start, new end): whole lines where
    whole lines went or came, characters only within a line that changed (so a removed command
    never takes the line break of the line before it)."""
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    old_at, new_at = _offsets(old_lines), _offsets(new_lines)
    out = []
    lines = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, a1, a2, b1, b2 in lines.get_opcodes():
        if tag == "equal":
            continue
        if tag != "replace":
            out.append((old_at[a1], old_at[a2], new_at[b1], new_at[b2]))
            continue
        chars = difflib.SequenceMatcher(None, old[old_at[a1]:old_at[a2]], new[new_at[b1]:new_at[b2]], autojunk=False)
        out += [(old_at[a1] + i1, old_at[a1] + i2, new_at[b1] + j1, new_at[b1] + j2)
                for tag2, i1, i2, j1, j2 in chars.get_opcodes() if tag2 != "equal"]
    return out


def _offsets(lines: list[str]) -> list[int]:
    at = [0]
    for line in lines:
        at.append(at[-1] + len(line))
    return at


def _whole_line(host: str, start: int, end: int) -> int:
    """A block scalar's lines go with their indentation."""
    line_start = host.rfind("\n", 0, start) + 1
    return line_start if not host[line_start:start].strip() and host[end - 1:end] == "\n" else start


def _encode(document: Document, text: Snippet, inserted: str, at_line_start: bool) -> str:
    """New shell text written in the scalar's style."""
    inserted = _PLACEHOLDER.sub(lambda m: _expression_at(document, int(m.group(1))), inserted)
    if text.style == "|":
        indented = inserted.replace("\n", "\n" + text.indent)
        return text.indent + indented if at_line_start and inserted else indented
    if "\n" in inserted:
        raise refuse("MIG176", None, path=document.path, why=f"a new line in a {text.style or 'plain'} scalar")
    if text.style == '"':
        return inserted.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    if text.style == "'":
        return inserted.replace("'", "''")
    return inserted


def _expression_at(document: Document, start: int) -> str:
    match = expressions.EXPRESSION.match(document.text, start)
    assert match is not None  # the placeholder is named after where its expression is written
    return match.group(0)


def _normal(text: str) -> str:
    return _PLACEHOLDER.sub("${__ci_expression}", text)


def _reader(session: Session):
    """How check reads a rewritten scalar back: as the trace would (GitHub's expressions replaced)."""
    def read(new_document: Document, node: ScalarNode) -> str:
        if session.context is None:
            return node.value
        found = expressions.find(snippet(new_document, node).text, session.context, new_document.loc(node))
        return _normal(traced_snippet(new_document, Script(node, Removal(None, None, None), True, found)).text)
    return read


def _removals(document: Document, emptied: list[Script], plan: Plan) -> None:
    """Emptied scripts go with their items; a list left empty, or a script that is a key's value,
    with its key (unless the service needs it)."""
    by_sequence: dict[int, list[Script]] = {}
    for script in emptied:
        removal = script.removal
        if removal.sequence is not None and removal.item is not None:
            by_sequence.setdefault(id(removal.sequence), []).append(script)
        else:
            _remove_key(document, script, plan)
    for scripts in by_sequence.values():
        removal = scripts[0].removal
        assert removal.sequence is not None
        gone = {id(s.removal.item) for s in scripts}
        if all(id(item) in gone for item in removal.sequence.value):
            _remove_key(document, scripts[0], plan)
            continue
        for script in scripts:
            assert script.removal.item is not None
            plan.changes.append(item_change(document, removal.sequence, script.removal.item))
            plan.removed_items.add(script.removal.item.start_mark.index)


def _remove_key(document: Document, script: Script, plan: Plan) -> None:
    removal = script.removal
    if removal.key is None or removal.required:
        name = removal.key[1].value if removal.key else "a list"
        raise refuse("MIG179", document.loc(script.node), what=f"`{name}:`", service=removal.required or "YAML")
    mapping, key = removal.key
    plan.changes.append(key_change(document, mapping, key))
    plan.removed_keys.add(key.start_mark.index)
