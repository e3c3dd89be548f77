"""GitLab CI's `.gitlab-ci.yml`: a job (a top-level key that is not a keyword and does not start
with `.`) runs its `before_script` (its own, else `default:`'s, else the top-level one) and its
`script` as one shell (`set -eo pipefail`), from the project directory, with the `variables:` of
the file and of the job exported; `after_script` runs after it in a shell of its own. `parallel:`
runs the job several times (refused); `extends:`, `include:` and `!reference` bring in text from
elsewhere (refused for now)."""

from __future__ import annotations

from migrator.findings import refuse
from migrator.frontends.ci.jobs import Job, Session, extent, scripts_at
from migrator.frontends.ci.yaml_tree import Document, MappingNode, Node, get, pair, pairs, string
from migrator.trace.values import REPO_ROOT, Unknown, Value

KEYWORDS = {"default", "include", "stages", "variables", "workflow", "image", "services", "cache",
            "before_script", "after_script", "types", "spec"}
SHELL = ("bash", "-e", "-o", "pipefail")
_PREDEFINED = ("CI_COMMIT_SHA", "CI_COMMIT_SHORT_SHA", "CI_COMMIT_REF_NAME", "CI_COMMIT_REF_SLUG",
               "CI_COMMIT_BRANCH", "CI_COMMIT_TAG", "CI_PIPELINE_ID", "CI_JOB_ID", "CI_REGISTRY",
               "CI_REGISTRY_IMAGE", "CI_REGISTRY_USER", "CI_REGISTRY_PASSWORD", "CI_JOB_TOKEN",
               "CI_PROJECT_NAME", "CI_PROJECT_PATH", "CI_DEFAULT_BRANCH", "HOME", "USER")


class GitLab:
    name = "gitlab"
    declarative = False

    def claims(self, path: str) -> bool:
        return path == ".gitlab-ci.yml"

    def job_nodes(self, document: Document) -> list[tuple[str | None, Node]]:
        return [(key.value, value) for key, value in pairs(document.root)
                if key.value not in KEYWORDS and not key.value.startswith(".") and isinstance(value, MappingNode)
                and (get(value, "script") is not None or get(value, "extends") is not None)]

    def job(self, document: Document, name: str | None) -> Job:
        root = document.root
        node = get(root, name or "")
        assert isinstance(node, MappingNode)
        _refuse_unsupported(document, node)
        own = pair(node, "before_script")
        before_holder = node if own is not None else get(root, "default") if pair(
            get(root, "default"), "before_script") else root
        before = scripts_at(document, before_holder, "before_script")
        script = scripts_at(document, node, "script", required="GitLab CI")
        after_holder = node if pair(node, "after_script") else get(root, "default") if pair(
            get(root, "default"), "after_script") else root
        after = scripts_at(document, after_holder, "after_script")
        predefined = (("CI_PROJECT_DIR", Value.of(REPO_ROOT)), ("CI_JOB_NAME", Value.of(name or "")),
                      ("CI", Value.of("true")), ("GITLAB_CI", Value.of("true")),
                      *((n, Value((Unknown("$" + n),))) for n in _PREDEFINED))
        variables = (*_variables(document, root), *_variables(document, node))
        sessions = [Session(before + script, variables, predefined, ".", SHELL)]
        if after:
            sessions.append(Session(after, variables, predefined, ".", SHELL))
        return Job(name, document.loc(node), tuple(sessions), extent(node))


def _refuse_unsupported(document: Document, job: MappingNode) -> None:
    for key in ("include",):
        found = pair(document.root, key)
        if found is not None:
            raise refuse("MIG173", document.loc(found[0]), what="`include:` (jobs and defaults from other files)")
    found = pair(job, "extends")
    if found is not None:
        raise refuse("MIG173", document.loc(found[0]), what="`extends:` (a job built from others)")
    parallel = get(job, "parallel")
    if parallel is not None:
        values = string(parallel) or "a matrix"
        raise refuse("MIG171", document.loc(parallel), what="`parallel:`", values=values)


def _variables(document: Document, mapping: Node) -> list[tuple[str, str]]:
    """`variables:` as exported values: a string, or `value:` of a mapping; a value that names
    other variables is expanded by GitLab first (refused: not followed)."""
    out = []
    for key, value in pairs(get(mapping, "variables")):
        text = string(get(value, "value")) if isinstance(value, MappingNode) else string(value)
        expand = string(get(value, "expand")) if isinstance(value, MappingNode) else None
        if text is None:
            continue
        if "$" in text and expand != "false":
            raise refuse("MIG173", document.loc(value), what=f"the variable {key.value}, whose value names others,")
        out.append((key.value, text))
    return out


GITLAB = GitLab()
