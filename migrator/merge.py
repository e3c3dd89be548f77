"""Plan -> the merged Dockerfile as data: builder stages first, then the stages derived from them
(commands their containers ran), then any rename stage, then the runtime file, as a sequence of
lines each either kept from a source file or written anew.
render.py only prints them.

Lines the plan does not touch are kept byte for byte (comments, blank lines, casing,
continuations); FROM lines that gain or change a stage name, references to renamed stages or
ARGs, the COPY/ADD that read extracted files, and new stages are written.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from migrator.parse.dockerfile import Dockerfile, Instruction
from migrator.plan import Plan
from migrator.plan.args import rename_args
from migrator.plan.copies import ContextCopy, NewCopy, StageCopy
from migrator.plan.naming import BuilderPlan
from migrator.plan.stages import global_args, stages_of


@dataclass(frozen=True)
class Kept:
    """A line copied byte for byte from a source file; its line ending becomes the merged file's."""

    text: str  # without its line ending
    ends: bool = True  # False only for a file's last line that had no line ending


@dataclass(frozen=True)
class Written:
    """A line the migration writes: a rewritten or new instruction, a new stage's FROM, a blank."""

    text: str


Line = Kept | Written


@dataclass(frozen=True)
class MergedDockerfile:
    lines: tuple[Line, ...]
    newline: str  # the runtime file's line ending


Edits = dict[int, tuple[int, list[str]]]  # first line -> (last line, written lines)


def merge_dockerfile(plan: Plan) -> MergedDockerfile:
    runtime = plan.runtime_file
    out: list[Line] = _directive_lines(plan)
    moved_args = _runtime_global_args(plan)
    for n, builder in enumerate(plan.builders):
        edits = _builder_edits(builder)
        skip = {d.line for d in builder.dockerfile.directives}
        first_from = next(i.start for i in builder.dockerfile.instructions if i.cmd == "FROM")
        body = _apply(builder.dockerfile, edits, skip)
        if n == 0 and moved_args:
            cut = _line_offset(builder.dockerfile, first_from, skip)
            body = body[:cut] + moved_args + body[cut:]
        out.extend(_strip_leading_blank(body) if not out else body)
        if out and isinstance(out[-1], Kept) and not out[-1].ends:
            out[-1] = Kept(out[-1].text)
        if out and out[-1].text.strip():
            out.append(Written(""))  # a blank line between the builder's stages and the runtime's
    for derived in plan.derived_stages:
        out.append(Written(f"FROM {derived.base} AS {derived.name}"))
        out.extend(Written(line) for line in derived.instructions)
        out.append(Written(""))
    for stage in plan.rename_stages:
        out.append(Written(f"FROM scratch AS {stage.name}"))
        out.extend(Written(_render_new_copy("COPY", copy, False)) for copy in stage.copies)
        out.append(Written(""))
    skip = {d.line for d in runtime.directives}
    for i in global_args(runtime):
        ins = runtime.instructions[i]
        skip.update(range(ins.start, ins.end + 1))
    out.extend(_strip_leading_blank(_apply(runtime, _runtime_edits(plan), skip)))
    return MergedDockerfile(tuple(out), runtime.newline)


def _directive_lines(plan: Plan) -> list[Line]:
    runtime = plan.runtime_file
    # an escape directive is the same in every merged file (plan/windows.py): it stays
    lines: list[Line] = [Kept(runtime.lines[d.line].rstrip("\r\n")) for d in runtime.directives]
    if runtime.directive("syntax") is None:
        syntax = next((s for b in plan.builders if (s := b.dockerfile.directive("syntax"))), None)
        if syntax:
            lines.insert(0, Written(f"# syntax={syntax}"))
    return lines


def _runtime_global_args(plan: Plan) -> list[Line]:
    """The runtime's ARGs before its first FROM must stay before the first FROM of the merged file."""
    builder_globals: set[str] = set()
    for builder in plan.builders:
        for i in global_args(builder.dockerfile):
            builder_globals.update(builder.dockerfile.instructions[i].args)
    moved: list[Line] = []
    for i in global_args(plan.runtime_file):
        ins = plan.runtime_file.instructions[i]
        if not set(ins.args) <= builder_globals:  # the same ARG with the same default is declared once
            for line in plan.runtime_file.lines[ins.start:ins.end + 1]:
                text = line.rstrip("\r\n")
                renamed = rename_args(text, plan.runtime_arg_renames)
                moved.append(Kept(text) if renamed == text else Written(renamed))
    return moved


def _line_offset(dockerfile: Dockerfile, line: int, skip: set[int]) -> int:
    return sum(1 for k in range(line) if k not in skip)


def _strip_leading_blank(lines: list[Line]) -> list[Line]:
    while lines and not lines[0].text.strip():
        lines = lines[1:]
    return lines


def _apply(dockerfile: Dockerfile, edits: Edits, skip: set[int]) -> list[Line]:
    """DOCKERFILE's lines with EDITS written in, SKIP left out, every other line kept."""
    out: list[Line] = []
    k = 0
    lines = dockerfile.lines
    while k < len(lines):
        if k in edits:
            last, replacement = edits[k]
            out.extend(Written(line) for line in replacement)
            k = last + 1
            continue
        if k not in skip:
            body = lines[k].rstrip("\r\n")
            out.append(Kept(body, ends=body != lines[k]))
        k += 1
    return out


def _indent(dockerfile: Dockerfile, ins: Instruction) -> str:
    line = dockerfile.lines[ins.start]
    return line[: len(line) - len(line.lstrip())]


def _builder_edits(builder: BuilderPlan) -> Edits:
    dockerfile = builder.dockerfile
    edits: Edits = {}
    stages = {s.from_index: s for s in stages_of(dockerfile)}
    global_indices = set(global_args(dockerfile))
    for index, ins in enumerate(dockerfile.instructions):
        if ins.cmd == "FROM":
            stage = stages[index]
            base = builder.renamed.get(ins.args[0].lower(), ins.args[0]) if ins.args else ""
            base = rename_args(base, builder.arg_renames)
            name = builder.stage_names.get(stage.index, stage.name)
            if base != (ins.args[0] if ins.args else "") or name != stage.name:
                edits[ins.start] = (ins.end, [_indent(dockerfile, ins) + _render_from(ins, base, name)])
        elif index in global_indices and builder.arg_renames:
            lines = [line.rstrip("\r\n") for line in dockerfile.lines[ins.start:ins.end + 1]]
            renamed_lines = [rename_args(line, builder.arg_renames) for line in lines]
            if renamed_lines != lines:
                edits[ins.start] = (ins.end, renamed_lines)
        elif builder.renamed and re.search(r"from=", ins.value):
            lines = [line.rstrip("\r\n") for line in dockerfile.lines[ins.start:ins.end + 1]]
            renamed = [_rename_refs(line, builder.renamed) for line in lines]
            if renamed != lines:
                edits[ins.start] = (ins.end, renamed)
    return edits


def _rename_refs(line: str, renamed: dict[str, str]) -> str:
    def swap(match: re.Match) -> str:
        ref = match.group(2)
        return match.group(1) + renamed.get(ref, renamed.get(ref.lower(), ref))
    # a reference may be a stage name, a number or an image (`app:build`, `reg/app@sha256:…`)
    return re.sub(r"(\bfrom=)([^\s,]+)", swap, line, flags=re.IGNORECASE)


def _render_from(ins: Instruction, base: str, name: str | None) -> str:
    as_word = "AS"
    if len(ins.args) >= 3 and ins.args[1].lower() == "as":
        as_word = ins.args[1]
    elif ins.keyword.islower():
        as_word = "as"
    parts = [ins.keyword, *ins.flags, base]
    if name:
        parts += [as_word, name]
    return " ".join(parts)


def _runtime_edits(plan: Plan) -> Edits:
    runtime = plan.runtime_file
    edits: Edits = {}
    stages = {s.from_index: s for s in stages_of(runtime)}
    for index, refs in plan.ref_rewrites.items():
        ins = runtime.instructions[index]
        if ins.cmd == "FROM":
            stage = stages[index]
            name = plan.runtime_stage_names.get(stage.index, stage.name)
            base = rename_args(refs.get(ins.args[0], ins.args[0]), plan.runtime_arg_renames)
            edits[ins.start] = (ins.end, [_indent(runtime, ins) + _render_from(ins, base, name)])
        else:
            written = [line.rstrip("\r\n") for line in runtime.lines[ins.start:ins.end + 1]]
            edits[ins.start] = (ins.end, [_rename_refs(line, refs) for line in written])
    for stage in stages.values():
        ins = runtime.instructions[stage.from_index]
        name = plan.runtime_stage_names.get(stage.index)
        base = rename_args(ins.args[0], plan.runtime_arg_renames) if ins.args else ""
        if ins.start not in edits and (name or base != (ins.args[0] if ins.args else "")):
            edits[ins.start] = (ins.end, [_indent(runtime, ins) + _render_from(ins, base, name or stage.name)])
    for rewrite in plan.copy_rewrites:
        ins = runtime.instructions[rewrite.index]
        indent = _indent(runtime, ins)
        lines: list[str] = []
        copy_word = "COPY" if not ins.keyword.islower() else "copy"
        for copy in rewrite.copies:
            if isinstance(copy, ContextCopy) and copy.original:
                lines.extend(line.rstrip("\r\n") for line in runtime.lines[ins.start:ins.end + 1])
            else:
                keyword = copy.keyword if isinstance(copy, ContextCopy) else copy_word
                lines.append(indent + _render_new_copy(keyword, copy, ins.json_form))
        edits[ins.start] = (ins.end, lines)
    return edits


def _render_copy(keyword: str, flags: list[str], sources: list[str], dest: str, json_form: bool) -> str:
    paths = [*sources, dest]
    if json_form or any(re.search(r"\s", p) for p in paths):
        rendered = json.dumps(paths)
    else:
        rendered = " ".join(paths)
    return " ".join([keyword, *flags, rendered])


def _render_new_copy(keyword: str, copy: NewCopy, json_form: bool) -> str:
    if isinstance(copy, StageCopy):
        return _render_copy(keyword, [f"--from={copy.stage}", *copy.flags], [copy.path], copy.dest, json_form)
    return _render_copy(keyword, list(copy.flags), list(copy.sources), copy.dest, json_form)
