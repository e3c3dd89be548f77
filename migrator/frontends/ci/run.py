"""Run one job of a CI file here, as its service would: `python -m migrator.frontends.ci.run FILE
[JOB]`, from the checkout. verify runs the legacy and the migrated job this way.

- Travis: one bash session; the `env:` entries exported first; each item `eval`ed in turn, so `cd`
  and variables carry over; a failing `before_install`/`install`/`before_script` item ends the
  job with its status, a failing `script:` item marks the job failed and the next item runs.
- GitLab: `before_script` and `script` as one `bash -e -o pipefail` script, the `variables:`
  exported; `after_script` after it in a shell of its own, whose failure changes nothing.
- GitHub Actions: each `run:` step in a new shell (`bash -e`, or what `shell:` says) from its
  `working-directory:`, with the workflow's, job's and step's `env:`; the first failing step ends
  the job. `${{ }}` that the file does not resolve read as expressions.RUN_VALUES says (a commit
  sha of zeros, branch main, a missing secret empty), and a step whose `if:` asks for `failure()`
  or `cancelled()` is skipped (the job has not failed); any other `if:` is taken as true.

Each service's own variables (run.py's _RUN_ENVIRONMENT) hold the values of one made-up run.
Only what the file says runs: a service's own defaults (Travis's language `install`), services
(`docker:dind`) and images (`image:`) are not reproduced; the `docker` on PATH is used."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

from migrator.frontends.ci import pick_job, service_for
from migrator.frontends.ci.expressions import RUN_VALUES, render
from migrator.frontends.ci.jobs import Script, Session
from migrator.frontends.ci.yaml_tree import Document, load

# the variable naming the checkout, for each service
_WORKSPACE = {"travis": "TRAVIS_BUILD_DIR", "gitlab": "CI_PROJECT_DIR", "github": "GITHUB_WORKSPACE"}
# What each service sets for every job that a job commonly reads (a tag named after the commit):
# the values of one made-up run, the same for the legacy and the migrated job.
_SHA = RUN_VALUES["github.sha"]
_RUN_ENVIRONMENT = {
    "travis": {"TRAVIS": "true", "TRAVIS_BRANCH": "main", "TRAVIS_COMMIT": _SHA, "TRAVIS_BUILD_NUMBER": "1",
               "TRAVIS_JOB_NUMBER": "1.1", "TRAVIS_PULL_REQUEST": "false", "TRAVIS_OS_NAME": "linux",
               "TRAVIS_EVENT_TYPE": "push"},
    "gitlab": {"GITLAB_CI": "true", "CI_COMMIT_SHA": _SHA, "CI_COMMIT_SHORT_SHA": _SHA[:8],
               "CI_COMMIT_REF_NAME": "main", "CI_COMMIT_REF_SLUG": "main", "CI_COMMIT_BRANCH": "main",
               "CI_DEFAULT_BRANCH": "main", "CI_PIPELINE_ID": "1", "CI_JOB_ID": "1"},
    "github": {"GITHUB_ACTIONS": "true", "GITHUB_SHA": _SHA, "GITHUB_REF": RUN_VALUES["github.ref"],
               "GITHUB_REF_NAME": RUN_VALUES["github.ref_name"], "GITHUB_RUN_ID": "1", "GITHUB_RUN_NUMBER": "1",
               "GITHUB_EVENT_NAME": "push", "RUNNER_OS": "Linux"},
}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not 1 <= len(args) <= 2:
        print("usage: python -m migrator.frontends.ci.run FILE [JOB]", file=sys.stderr)
        return 2
    path = args[0]
    service = service_for(path)
    if service is None:
        print(f"{path}: not a CI file this runner knows", file=sys.stderr)
        return 2
    document = load(path, Path(path).read_text(encoding="utf-8", errors="surrogateescape"))
    job = service.job(document, pick_job(service, document, args[1] if len(args) > 1 else None))
    workspace = os.getcwd()
    base = {**os.environ, "CI": "true", _WORKSPACE[service.name]: workspace, **_RUN_ENVIRONMENT[service.name]}
    if service.name == "travis":
        return _run(job.sessions[0], _travis_script(document, job.sessions[0]), workspace, base)
    status = 0
    for index, session in enumerate(job.sessions):
        if service.name == "github" and _skipped(session):
            continue
        text = "\n".join(_text(document, s, session, workspace) for s in session.scripts) + "\n"
        code = _run(session, text, workspace, base)
        if service.name == "gitlab" and index > 0:
            continue  # after_script: its status changes nothing
        if code and not status:
            status = code
            if service.name == "github":
                return status
    return status


def _text(document: Document, script: Script, session: Session, workspace: str) -> str:
    value = script.node.value
    if session.context is None:
        return value
    return render(value, session.context, workspace)


def _travis_script(document: Document, session: Session) -> str:
    lines = [f"export {export.node.value}" for export in session.exports]
    for script in session.scripts:
        item = shlex.quote(script.node.value)
        if script.checked:
            lines.append(f"eval {item}; __status=$?; if [ $__status -ne 0 ]; then exit $__status; fi")
        else:
            lines.append(f"eval {item}; if [ $? -ne 0 ]; then __travis_failed=1; fi")
    lines.append('exit "${__travis_failed:-0}"')
    return "\n".join(lines) + "\n"


def _skipped(session: Session) -> bool:
    condition = session.condition or ""
    return "failure()" in condition or "cancelled()" in condition


def _run(session: Session, text: str, workspace: str, base: dict[str, str]) -> int:
    env = dict(base)
    for name, value in session.variables:
        env[name] = render(value, session.context, workspace) if session.context is not None else value
    with tempfile.NamedTemporaryFile("w", suffix=".sh", delete=False) as handle:
        handle.write(text)
    try:
        return subprocess.run([*session.shell, handle.name], cwd=os.path.join(workspace, session.workdir),
                              env=env, stdin=subprocess.DEVNULL).returncode
    finally:
        os.unlink(handle.name)


if __name__ == "__main__":
    raise SystemExit(main())
