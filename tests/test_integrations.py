"""The CI integrations run what they say: the pre-commit hook (through `pre-commit try-repo`), the
GitHub Action's step script and the GitLab CI template's script lines, each on a repository still
on the builder pattern (fails, showing the diff) and on one already migrated (passes)."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from support import CORPUS

ROOT = Path(__file__).resolve().parent.parent
HREF = CORPUS / "01-docs-href-counter"
README = (ROOT / "README.md").read_text()


def _git_repo(path: Path, source: Path) -> Path:
    shutil.copytree(source, path)
    for command in (["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"]):
        subprocess.run(["git", *command], cwd=path, check=True)
    return path


@pytest.fixture
def migrate_on_path(tmp_path):
    """An environment whose PATH has a `migrate` that runs this checkout, as `pip install` would give."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "migrate"
    shim.write_text(f'#!/bin/sh\nPYTHONPATH={ROOT} exec {sys.executable} -m migrator "$@"\n')
    shim.chmod(shim.stat().st_mode | stat.S_IXUSR)
    return {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"}


def test_the_action_runs_the_check_script_and_writes_the_diff_to_the_job_summary(tmp_path, migrate_on_path):
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    steps = [step["run"] for step in action["runs"]["steps"]]
    assert steps == ['python3 -m pip install --quiet "$GITHUB_ACTION_PATH"',
                     'sh "$GITHUB_ACTION_PATH/integrations/migrate-check.sh" "$MIGRATE_PATH"']
    for source, code in ((HREF / "legacy", 1), (HREF / "expected", 0)):
        workspace = tmp_path / f"workspace-{code}"
        shutil.copytree(source, workspace)
        summary = tmp_path / f"summary-{code}.md"
        env = {**migrate_on_path, "GITHUB_ACTION_PATH": str(ROOT), "MIGRATE_PATH": ".",
               "GITHUB_STEP_SUMMARY": str(summary)}
        done = subprocess.run(["bash", "-c", steps[1]], cwd=workspace, env=env, capture_output=True, text=True)
        assert done.returncode == code, done.stderr
        text = summary.read_text()
        assert text.startswith("### migrate --check .\n")
        if code:
            assert "\n```diff\ndiff --git a/Dockerfile b/Dockerfile\n" in text
            assert "    would migrate .: rewrote Dockerfile, rewrote build.sh, deleted Dockerfile.build\n" in text
            assert done.stdout == (workspace / "migrate.diff").read_text() != ""
        else:
            assert "```diff" not in text and "nothing to migrate in ." in text


def test_the_gitlab_template_runs_check_and_keeps_the_diff(tmp_path, migrate_on_path):
    job = yaml.safe_load((ROOT / "integrations" / "gitlab-ci.yml").read_text())["migrate-check"]
    install, check = job["script"]
    assert install == 'python3 -m pip install --quiet "$MIGRATE_PIP_SPEC"'
    assert job["artifacts"]["paths"] == ["migrate.diff"]
    for source, code in ((HREF / "legacy", 1), (HREF / "expected", 0)):
        workspace = tmp_path / f"project-{code}"
        shutil.copytree(source, workspace)
        env = {**migrate_on_path, **job["variables"]}
        done = subprocess.run(["sh", "-c", check], cwd=workspace, env=env, capture_output=True, text=True)
        assert done.returncode == code, done.stderr
        assert (workspace / "migrate.diff").read_text() == done.stdout
        assert done.stdout.startswith("diff --git") if code else done.stdout == ""


def test_the_pre_commit_hook_through_try_repo(tmp_path):
    if shutil.which("pre-commit") is None:
        pytest.skip("pre-commit is not installed (pip install '.[test]' installs it)")
    if subprocess.run(["git", "status", "--porcelain", ".pre-commit-hooks.yaml"], cwd=ROOT, capture_output=True,
                      text=True).stdout.startswith("??"):
        pytest.skip("try-repo reads committed files; .pre-commit-hooks.yaml is not committed yet")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    legacy = _git_repo(tmp_path / "legacy", HREF / "legacy")
    done = subprocess.run(["pre-commit", "try-repo", str(ROOT), "migrate-check", "--all-files"], cwd=legacy, env=env,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 1, done.stdout + done.stderr
    shown = README.split("`pre-commit run migrate-check --all-files` prints\n(cut):\n\n```\n", 1)[1].split("```", 1)[0]
    for line in shown.splitlines():
        assert line == "…" or line in done.stdout.splitlines(), line  # the README's excerpt is real output
    migrated = _git_repo(tmp_path / "migrated", HREF / "expected")
    done = subprocess.run(["pre-commit", "try-repo", str(ROOT), "migrate-check", "--all-files"], cwd=migrated,
                          env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Passed" in done.stdout
