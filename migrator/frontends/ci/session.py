"""A job's shell sessions handed to the trace engine: each script goes through the shell front end
(parse_embedded, so every span and line points into the CI file, and ShellWalker); the scripts
of one session share one shell: its variables, its directory stack and its working directory
(engine.state.cwd) carry from one to the next, and a new session starts afresh from its own
working directory.

The rest of the file is not traced (Travis's `after_success` and `deploy`, other jobs, GitLab's
`artifacts: paths:`): a use of an extracted path there would find nothing after the migration,
and is named (MIG207), as references.py names uses in other files.

Two things a shell session does that the walk of one script cannot see are refused: calling a
function another script of the session defined (its text is in another snippet), and running
another file of the repository that reads variables the CI file exported (the called file's trace
starts with an empty environment)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from migrator.findings import finding, refuse
from migrator.frontends.ci import expressions
from migrator.frontends.ci.jobs import Job, Script, Session
from migrator.frontends.ci.scalars import Snippet, snippet
from migrator.frontends.ci.yaml_tree import Document, scalars
from migrator.frontends.shell.builtins import BUILTINS
from migrator.frontends.shell.parse import parse_embedded
from migrator.frontends.shell.walk import ShellWalker
from migrator.references import extraction_outputs, path_pattern
from migrator.trace.command import Command
from migrator.trace.engine import TraceEngine
from migrator.trace.values import REPO_ROOT, Unknown, Value, from_repo_relative

_ASSIGNED = re.compile(r"(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)=")


def placeholder(host_start: int) -> str:
    """The variable through which the trace reads an expression known only when the job runs (named
    after where the expression is written, so that the rewrite finds it again)."""
    return f"__ci_expression_{host_start}"


def traced_snippet(document: Document, script: Script) -> Snippet:
    """The script's shell text as the trace reads it: GitHub's `${{ }}` replaced (expressions.py)."""
    base = snippet(document, script.node)
    if not script.expressions:
        return base

    def render(index: int, expression: expressions.Expression) -> str:
        if expression.kind == "literal":
            return expression.literal or ""
        if expression.kind == "workspace":
            return REPO_ROOT
        return "${" + placeholder(base.starts[expression.start]) + "}"

    return expressions.substitute(base, script.expressions, render)


def walk_job(document: Document, job: Job, engine: TraceEngine) -> None:
    for code, loc, fields in job.warnings:
        engine.state.record.warnings[(code, str(loc))] = finding(code, loc, **fields)
    for session in job.sessions:
        saved = engine.state.cwd
        engine.state.cwd = Value.of(from_repo_relative(session.workdir))
        try:
            _walk_session(document, session, engine)
        finally:
            engine.state.cwd = saved
    _name_untraced_uses(document, job, engine)


def _name_untraced_uses(document: Document, job: Job, engine: TraceEngine) -> None:
    traced = {id(s.node) for session in job.sessions for s in (*session.exports, *session.scripts)}
    untraced = [node for node in scalars(document.root) if id(node) not in traced]
    for output in extraction_outputs(engine.flow(())):
        pattern = path_pattern(output)
        for node in untraced:
            if pattern.search(node.value):
                engine.state.record.warnings[("MIG207", str(document.loc(node)))] = finding(
                    "MIG207", document.loc(node), what=f"the extracted {output}")


@dataclass
class _Shell:
    """What one shell process keeps from one script to the next."""

    vars: dict[str, Value]
    exported: set[str]  # names the CI file sets in the environment
    known: bool
    dir_stack: list[Value] = field(default_factory=list)
    functions: set[str] = field(default_factory=set)  # defined by an earlier script


def _walk_session(document: Document, session: Session, engine: TraceEngine) -> None:
    shell = _Shell(_initial_vars(document, session), {name for name, _ in session.variables}, session.environment_known)
    for export in session.exports:
        shell.exported.update(_ASSIGNED.findall(export.node.value))
    for script in (*session.exports, *session.scripts):
        text = traced_snippet(document, script)
        for expression in script.expressions:
            if expression.kind == "unknown":
                name = placeholder(snippet(document, script.node).starts[expression.start])
                shell.vars[name] = Value((Unknown(expression.source),))
        walker = _SessionWalker(parse_embedded(document.path, document.text, text.text, text.to_host), engine, shell)
        if session.condition:
            walker.conditions.append(session.condition)
        walker.run()
        shell.vars, shell.dir_stack, shell.known = walker.vars, walker.dir_stack, walker.environment_known
        shell.functions |= set(walker.functions) | set(walker.opaque_functions)
        if walker.stopped:
            break


def _initial_vars(document: Document, session: Session) -> dict[str, Value]:
    out = dict(session.predefined)
    for name, text in session.variables:
        if session.context is not None:
            out[name] = expressions.value(text, session.context, document.loc(document.root))
        else:
            out[name] = Value.of(text)
    return out


class _SessionWalker(ShellWalker):
    """The shell front end's walk of one script, inside a session of several."""

    def __init__(self, script, engine: TraceEngine, shell: _Shell):
        super().__init__(script, engine, BUILTINS)
        self.shell = shell
        self.vars = shell.vars
        self.dir_stack = shell.dir_stack
        self.environment_known = shell.known

    def dispatch(self, command: Command) -> Value:
        name = command.name or ""
        if name in self.shell.functions and name not in self.functions and name not in self.opaque_functions:
            raise refuse("MIG173", command.loc, what=f"`{command.text}`, a call of the function {name} that another "
                         "item or step defines (a function is followed only within its own script),")
        if self.shell.exported:
            self._check_call(command)
        return super().dispatch(command)

    def _check_call(self, command: Command) -> None:
        from migrator.frontends.registry import FRONT_ENDS  # the registry imports this front end

        read = getattr(self.engine.calls, "read", None)  # the reader of frontends/tracing.py's calls
        for front_end in FRONT_ENDS.values():
            call = front_end.called_by(command, self.engine)
            if call is None or call.path not in self.tree.files:
                continue
            raw = read(call.path) if read is not None else None
            text = raw.decode("utf-8", "replace") if raw is not None else None
            names = sorted(n for n in self.shell.exported
                           if text is None or re.search(r"\$\{?" + re.escape(n) + r"\b", text))
            if names:
                raise refuse("MIG177", command.loc, command=command.text, path=call.path,
                             names=", ".join("$" + n for n in names))
