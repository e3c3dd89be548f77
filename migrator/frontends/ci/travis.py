"""Travis CI's `.travis.yml`: one job whose phases `before_install`, `install`, `before_script` and
`script` run in one bash session, item after item (`cd` and variables carry over). A failing item
of the first three phases ends the job; a failing `script:` item marks it failed and the next item
still runs. `env:` entries are exported first. A matrix (several `env:` entries, a list of
compilers or language versions, `jobs: include:`) runs the job several times: refused."""

from __future__ import annotations

from migrator.findings import refuse
from migrator.frontends.ci.jobs import Job, Removal, Script, Session, extent, scripts_at
from migrator.frontends.ci.yaml_tree import Document, Node, ScalarNode, SequenceNode, get, pairs, string
from migrator.trace.values import REPO_ROOT, Unknown, Value

PHASES = ("before_install", "install", "before_script", "script")
# Keys whose list values multiply the job (one run per value).
_MATRIX_KEYS = ("env", "os", "compiler", "arch", "dist", "python", "node_js", "rvm", "jdk", "go", "php",
                "scala", "perl", "dart", "julia", "rust", "elixir", "otp_release", "ghc", "crystal")
# Languages whose Travis default `install` or `script` does nothing or is not run here.
_NO_DEFAULTS = {"minimal", "generic", "shell", "sh", "bash"}
_PREDEFINED = ("TRAVIS_BRANCH", "TRAVIS_COMMIT", "TRAVIS_TAG", "TRAVIS_JOB_ID", "TRAVIS_JOB_NUMBER",
               "TRAVIS_BUILD_ID", "TRAVIS_BUILD_NUMBER", "TRAVIS_PULL_REQUEST", "TRAVIS_REPO_SLUG",
               "TRAVIS_OS_NAME", "TRAVIS_EVENT_TYPE", "HOME", "USER")


class Travis:
    name = "travis"
    declarative = False

    def claims(self, path: str) -> bool:
        return path == ".travis.yml"

    def job_nodes(self, document: Document) -> list[tuple[str | None, Node]]:
        return [(None, document.root)]

    def job(self, document: Document, name: str | None) -> Job:
        root = document.root
        _refuse_matrix(document)
        scripts: list[Script] = []
        for phase in PHASES:
            if string(get(root, phase)) == "skip":
                continue
            scripts += scripts_at(document, root, phase, checked=phase != "script")
        exports, known = _exports(document)
        predefined = (("TRAVIS_BUILD_DIR", Value.of(REPO_ROOT)), ("TRAVIS", Value.of("true")),
                      ("CI", Value.of("true")), *((n, Value((Unknown("$" + n),))) for n in _PREDEFINED))
        session = Session(tuple(scripts), (), predefined, ".", ("bash",), None, exports, known)
        language = string(get(root, "language")) or "ruby"
        warnings = tuple(("MIG271", document.loc(root), {"phase": phase, "language": language})
                         for phase in ("install", "script")
                         if language not in _NO_DEFAULTS and get(root, phase) is None)
        return Job(None, document.loc(root), (session,), extent(root), warnings)


def _refuse_matrix(document: Document) -> None:
    root = document.root
    for key in _MATRIX_KEYS:
        value = get(root, key)
        if key == "env" and value is not None and not isinstance(value, SequenceNode):
            value = get(value, "jobs") or get(value, "matrix")
        if isinstance(value, SequenceNode) and len(value.value) > 1:
            shown = ", ".join(string(v) or "…" for v in value.value[:3])
            raise refuse("MIG171", document.loc(value), what=f"`{key}:` with {len(value.value)} entries",
                         values=shown)
    for key in ("jobs", "matrix"):
        include = get(get(root, key), "include")
        if isinstance(include, SequenceNode) and include.value:
            raise refuse("MIG171", document.loc(include), what=f"`{key}: include:`",
                         values=f"{len(include.value)} more jobs")


def _exports(document: Document) -> tuple[tuple[Script, ...], bool]:
    """The `env:` entries a job exports (`A=1 B="x y"`), and whether all of them can be read (an
    encrypted `secure:` entry sets variables whose names are not known)."""
    value = get(document.root, "env")
    entries: list[Node] = []
    if isinstance(value, SequenceNode):
        entries = list(value.value)
    elif isinstance(value, ScalarNode):
        entries = [value]
    elif value is not None:
        for _, part in pairs(value):  # global, jobs / matrix (one entry at most, see _refuse_matrix)
            entries += part.value if isinstance(part, SequenceNode) else [part]
    readable = tuple(Script(e, Removal(None, None, None)) for e in entries if isinstance(e, ScalarNode) and string(e))
    return readable, len(readable) == len(entries)


TRAVIS = Travis()
