"""GitHub Actions' `.github/workflows/*.yml`: a job's `run:` steps, in order, each in a new shell
(`bash -e` by default, `bash --noprofile --norc -eo pipefail` for `shell: bash`, `sh -e` for
`shell: sh`), from the checkout or its `working-directory:` (step, then job and workflow
`defaults: run:`), with the `env:` of the workflow, the job and the step. `${{ … }}` expressions
are replaced as GitHub does (expressions.py). A step with an `if:` runs under that condition; a
step in another shell (python, pwsh) or an action other than checkout is not traced (a warning;
an action that builds images is refused)."""

from __future__ import annotations

import posixpath
import re

from migrator.findings import refuse
from migrator.frontends.ci import expressions
from migrator.frontends.ci.jobs import Context, Job, Removal, Script, Session, extent
from migrator.frontends.ci.scalars import snippet
from migrator.frontends.ci.yaml_tree import (
    Document,
    MappingNode,
    Node,
    ScalarNode,
    SequenceNode,
    get,
    pair,
    pairs,
    string,
)
from migrator.trace.values import REPO_ROOT, Unknown, Value

_SHELLS = {None: ("bash", "-e"), "bash": ("bash", "--noprofile", "--norc", "-eo", "pipefail"), "sh": ("sh", "-e")}
_ALWAYS = {"always()", "success()", "true", "${{ always() }}", "${{ success() }}"}
_IMAGE_ACTIONS = re.compile(r"^(?:docker/(?:build-push|bake)-action|docker://)")
_DOCKER = re.compile(r"(?<![\w./-])(?:docker|podman|buildah)(?![\w-])")
_STEP_FILES = re.compile(r"\bGITHUB_(?:ENV|PATH)\b")
_PREDEFINED = ("GITHUB_SHA", "GITHUB_REF", "GITHUB_REF_NAME", "GITHUB_REPOSITORY", "GITHUB_RUN_ID",
               "GITHUB_RUN_NUMBER", "GITHUB_ACTOR", "GITHUB_EVENT_NAME", "GITHUB_HEAD_REF", "GITHUB_BASE_REF",
               "GITHUB_SERVER_URL", "RUNNER_TEMP", "RUNNER_TOOL_CACHE", "HOME", "USER")


class GitHub:
    name = "github"
    declarative = False

    def claims(self, path: str) -> bool:
        return posixpath.dirname(path) == ".github/workflows" and path.endswith((".yml", ".yaml"))

    def job_nodes(self, document: Document) -> list[tuple[str | None, Node]]:
        return [(key.value, value) for key, value in pairs(get(document.root, "jobs"))
                if isinstance(get(value, "steps"), SequenceNode)]

    def job(self, document: Document, name: str | None) -> Job:
        jobs = pair(document.root, "jobs")
        assert jobs is not None
        node = get(jobs[1], name or "")
        steps_key = pair(node, "steps")
        assert isinstance(node, MappingNode) and steps_key is not None and isinstance(steps_key[1], SequenceNode)
        matrix = _matrix(get(get(node, "strategy"), "matrix"))
        job_env = {**_env(document, get(document.root, "env")), **_env(document, get(node, "env"))}
        defaults = [get(get(node, "defaults"), "run"), get(get(document.root, "defaults"), "run")]
        windows = "windows" in (string(get(node, "runs-on")) or "")
        sessions, warnings = [], []
        for step in steps_key[1].value:
            env = {**job_env, **_env(document, get(step, "env"))}
            context = Context(env, matrix)
            shell = string(get(step, "shell")) or _first(defaults, "shell") or ("pwsh" if windows else None)
            found = _step(document, step, shell, context)
            if isinstance(found, tuple) and isinstance(found[0], str):
                warnings.append(found)
                continue
            if found is None:
                continue
            run, found_expressions = found
            removal = Removal(step, steps_key[1], (node, steps_key[0]), required="GitHub Actions")
            workdir = _workdir(document, get(step, "working-directory") or _first_node(defaults, "working-directory"),
                               context)
            sessions.append(Session((Script(run, removal, True, found_expressions),), tuple(env.items()),
                                    _predefined(name or ""), workdir, _argv(shell) or (), _condition(document, step),
                                    context=context))
        return Job(name, document.loc(node), tuple(sessions), extent(node), tuple(warnings))


def _step(document: Document, step: Node, shell: str | None, context: Context):
    """A `run:` step's (scalar, expressions); None for a step with nothing to trace; a MIG270
    warning for one that is not traced."""
    loc = document.loc(step)
    uses = string(get(step, "uses"))
    label = string(get(step, "name")) or string(get(step, "id")) or uses or f"at line {loc.line}"
    if uses is not None:
        if _IMAGE_ACTIONS.match(uses):
            raise refuse("MIG173", loc, what=f"the action {uses} (it builds images)")
        if uses.startswith("actions/checkout@"):
            return None
        return ("MIG270", loc, {"step": label, "why": f"it runs the action {uses}"})
    run = get(step, "run")
    if not isinstance(run, ScalarNode):
        return None
    if _argv(shell) is None:
        if _DOCKER.search(run.value):
            raise refuse("MIG173", loc, what=f"a step in `shell: {shell}` that runs docker")
        return ("MIG270", loc, {"step": label, "why": f"it runs in `shell: {shell}`"})
    if _STEP_FILES.search(run.value):
        raise refuse("MIG173", document.loc(run), what="$GITHUB_ENV or $GITHUB_PATH (values set for later steps)")
    value = snippet(document, run)
    found = expressions.find(value.text, context, document.loc(run))
    expressions.check_quoting(value.text, found, lambda offset: document.loc_at(value.starts[offset]))
    return run, found


def _argv(shell: str | None) -> tuple[str, ...] | None:
    """How a step's script is run (the script's path follows), or None for a shell not traced."""
    if shell in _SHELLS:
        return _SHELLS[shell]
    words = shell.split() if shell else []
    if words and words[0] in ("bash", "sh") and words[-1] == "{0}":
        return tuple(words[:-1])
    return None


def _condition(document: Document, step: Node) -> str | None:
    condition = get(step, "if")
    text = string(condition)
    if text is None or text.strip() in _ALWAYS:
        return None
    assert condition is not None
    return f"`if: {text.strip()}` at {document.loc(condition)}"


def _env(document: Document, node: Node | None) -> dict[str, str]:
    """An `env:` mapping: NAME -> its value as written."""
    out: dict[str, str] = {}
    for key, value in pairs(node):
        text = string(value)
        if text is None:
            raise refuse("MIG173", document.loc(value), what=f"the env value of {key.value} that is not a string")
        out[key.value] = text
    return out


def _workdir(document: Document, node: Node | None, context: Context) -> str:
    """A `working-directory:`, repo-relative; its expressions must be known from the file."""
    text = string(node)
    if node is None or text is None:
        return "."
    loc = document.loc(node)

    def literal(match: re.Match) -> str:
        kind, value = expressions.resolve(match.group(1), context, loc)
        if kind != "literal":
            raise refuse("MIG172", loc, expression=match.group(0),
                         why="a working directory must be known to follow the paths under it")
        return value or ""

    path = posixpath.normpath(expressions.EXPRESSION.sub(literal, text))
    if path.startswith(("/", "..")):
        raise refuse("MIG144", loc, what="the working directory", path=path)
    return path


def _matrix(node: Node | None) -> dict[str, tuple[str, ...]]:
    """`strategy: matrix:` NAME -> its values; with `include:`/`exclude:` (or a matrix given by an
    expression) any name may take several values."""
    out: dict[str, tuple[str, ...]] = {}
    for key, value in pairs(node):
        if key.value in ("include", "exclude"):
            out["*"] = ("…", "…")
        elif isinstance(value, SequenceNode):
            out[key.value] = tuple(string(v) or "…" for v in value.value)
        elif string(value) is not None:
            out[key.value] = (string(value) or "",)
    if node is not None and not isinstance(node, MappingNode):
        out["*"] = ("…", "…")
    return out


def _first(mappings: list[Node | None], key: str) -> str | None:
    return next((string(get(m, key)) for m in mappings if string(get(m, key)) is not None), None)


def _first_node(mappings: list[Node | None], key: str) -> Node | None:
    return next((get(m, key) for m in mappings if get(m, key) is not None), None)


def _predefined(job: str) -> tuple[tuple[str, Value], ...]:
    """The variables GitHub sets itself, as the trace reads them."""
    return (("GITHUB_WORKSPACE", Value.of(REPO_ROOT)), ("GITHUB_JOB", Value.of(job)), ("CI", Value.of("true")),
            ("GITHUB_ACTIONS", Value.of("true")), ("RUNNER_OS", Value.of("Linux")),
            *((n, Value((Unknown("$" + n),))) for n in _PREDEFINED))


GITHUB = GitHub()
