"""The CI front end: jobs of CI pipeline files whose shell code runs a builder-pattern flow.

Each service reads its own file into jobs of shell sessions (jobs.py): Travis CI's `.travis.yml`
(travis.py), GitLab CI's `.gitlab-ci.yml` (gitlab.py), GitHub Actions' `.github/workflows/*.yml`
(github.py); DaoCloud's `daocloud.yml` describes a builder without shell code and is refused
(declarative.py). The YAML is read with positions (yaml_tree.py) and each script's text is mapped
back to the file's bytes (scalars.py), so the shell front end walks it (session.py) with every
span in the CI file, and the rewrite (rewrite.py) cuts those bytes and nothing else. A flow is one
job: `--script .gitlab-ci.yml:JOB`, `--script .github/workflows/ci.yml:JOB`. verify runs the job
as the service would, with run.py."""

from __future__ import annotations

import re
import sys

from migrator.findings import Refusal, refuse
from migrator.frontends.base import Call, Reader, Source
from migrator.frontends.ci.declarative import DECLARATIVE
from migrator.frontends.ci.github import GITHUB
from migrator.frontends.ci.gitlab import GITLAB
from migrator.frontends.ci.jobs import Service
from migrator.frontends.ci.rewrite import rewrite_file
from migrator.frontends.ci.session import walk_job
from migrator.frontends.ci.travis import TRAVIS
from migrator.frontends.ci.yaml_tree import Document, load, load_quietly
from migrator.frontends.shell import EXTRACTION_HINT
from migrator.hostfs import RepoTree
from migrator.plan.edits import ScriptEdits
from migrator.source import Loc
from migrator.trace.command import Command
from migrator.trace.engine import TraceEngine

SERVICES: tuple[Service, ...] = (TRAVIS, GITLAB, GITHUB, DECLARATIVE)
# `docker build`, `docker buildx build`, `podman build`, `buildah bud` (not a tag such as `app:build`)
_DOCKER_BUILD = re.compile(r"\b(?:docker|podman)\s+(?:(?:buildx|image)\s+)?build\b|\bbuildah\s+(?:bud|build)\b")


def service_for(path: str) -> Service | None:
    return next((s for s in SERVICES if s.claims(path)), None)


class CiFrontEnd:
    name = "ci"

    def claims(self, path: str, head: bytes) -> bool:
        return service_for(path) is not None

    def find(self, tree: RepoTree, read: Reader) -> list[Source]:
        """Every job that runs `docker build` in its own text (a job that only runs a script is left
        to that script's own front end), and every declarative builder description."""
        found = []
        for path in sorted(tree.files):
            service = service_for(path)
            raw = read(path) if service is not None else None
            if service is None or raw is None:
                continue
            text = raw.decode("utf-8", errors="surrogateescape")
            if not service.declarative and not _DOCKER_BUILD.search(text):
                continue
            document = load_quietly(path, text)
            if document is None:
                found.append(Source(path, text, self.name, bool(EXTRACTION_HINT.search(text))))
                continue
            for entry, node in service.job_nodes(document):
                own = text[node.start_mark.index:node.end_mark.index]
                if service.declarative or _DOCKER_BUILD.search(own):
                    extracts = service.declarative or bool(EXTRACTION_HINT.search(own))
                    found.append(Source(path, text, self.name, extracts, entry))
        return found

    def start_dirs(self, source: Source) -> list[str]:
        return ["."]  # a CI service runs a job from the checkout

    def runner(self, source: Source) -> list[str]:
        entry = [source.entry] if source.entry is not None else []
        return [sys.executable, "-m", "migrator.frontends.ci.run", source.path, *entry]

    def walk(self, source: Source, engine: TraceEngine, call: Call | None) -> None:
        service = service_for(source.path)
        assert service is not None
        document = load(source.path, source.text)
        walk_job(document, service.job(document, pick_job(service, document, source.entry)), engine)

    def called_by(self, command: Command, engine: TraceEngine) -> Call | None:
        return None  # a CI file is run by its service, never by a command of the flow

    def rewrite(self, source: Source, edits: ScriptEdits) -> str:
        service = service_for(source.path)
        assert service is not None
        document = load(source.path, source.text)
        jobs, refused = [], []
        for entry, _ in service.job_nodes(document):
            try:
                jobs.append(service.job(document, entry))
            except Refusal:  # a job the trace never read holds none of the edits, but may share a default
                refused.append(entry or "")
        return rewrite_file(document, jobs, refused, edits)


def pick_job(service: Service, document: Document, entry: str | None) -> str | None:
    """The job ENTRY names; without one, the file's only job that runs `docker build`."""
    nodes = service.job_nodes(document)
    names = [name for name, _ in nodes]
    if entry is not None and entry in names:
        return entry
    if entry is None:
        building = [name for name, node in nodes
                    if _DOCKER_BUILD.search(document.text[node.start_mark.index:node.end_mark.index])]
        if len(building) == 1 or (len(nodes) == 1 and not building):
            return (building or names)[0]
    problem = f"has no job `{entry}`" if entry is not None else "has several jobs, or none that runs docker build"
    listed = ", ".join(f"`{document.path}:{n}`" for n in names) or "none"
    raise refuse("MIG174", Loc(document.path, 1), path=document.path, problem=problem, jobs=listed)


CI = CiFrontEnd()
