"""A CI service's declarative builder description: DaoCloud's `daocloud.yml` names a compile
Dockerfile, the paths to extract from its image and a package Dockerfile (`build: lite_image:
{compile:, extract:, package:}`), and the service does the extraction itself. Where each path
lands in the package context is documented (at its own path, leading `/` stripped), but not with
which owner and mode, nor what a path that is a directory or a symbolic link becomes, and no runner
of that service exists to find out: it is recognised and refused (MIG178), never guessed."""

from __future__ import annotations

from migrator.findings import refuse
from migrator.frontends.ci.jobs import Job
from migrator.frontends.ci.yaml_tree import Document, MappingNode, Node, SequenceNode, get, string

_STEPS = ("compile", "extract", "package")


class Declarative:
    name = "daocloud"
    declarative = True

    def claims(self, path: str) -> bool:
        return path in ("daocloud.yml", "daocloud.yaml")

    def job_nodes(self, document: Document) -> list[tuple[str | None, Node]]:
        return [(None, node) for node in _descriptions(document.root)]

    def job(self, document: Document, name: str | None) -> Job:
        node = _descriptions(document.root)[0]  # pick_job only asks for a job that job_nodes lists
        extract = get(node, "extract")
        paths = [string(item) or "?" for item in extract.value] if isinstance(extract, SequenceNode) else []
        raise refuse("MIG178", document.loc(node), path=document.path, compile=_dockerfile(get(node, "compile")),
                     paths=", ".join(paths) or "?", package=_dockerfile(get(node, "package")))


def _descriptions(node: Node) -> list[MappingNode]:
    """Every mapping, at any depth, with a `compile`, an `extract` and a `package` key."""
    if isinstance(node, SequenceNode):
        return [found for item in node.value for found in _descriptions(item)]
    if not isinstance(node, MappingNode):
        return []
    if all(get(node, step) is not None for step in _STEPS):
        return [node]
    return [found for _, value in node.value for found in _descriptions(value)]


def _dockerfile(step: Node | None) -> str:
    return string(get(step, "dockerfile_path")) or "Dockerfile"


DECLARATIVE = Declarative()
