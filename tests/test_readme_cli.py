"""The README's configuration example, SARIF excerpt, fleet hand-off recipe and CI-matrix command
are real: each is run here and must give what the README shows."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import CORPUS

from migrator.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()


def _section(title: str) -> str:
    return re.split(r"\n#{2,4} ", README.split(title, 1)[1], maxsplit=1)[0]


def _shim(tmp_path: Path) -> dict[str, str]:
    """PATH with a `migrate` that runs this checkout, and a `gh` that records its arguments."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, body in (("migrate", f'PYTHONPATH={ROOT} exec {sys.executable} -m migrator "$@"'),
                       ("gh", f'echo "$PWD $*" >> {tmp_path}/gh.log')):
        (bin_dir / name).write_text(f"#!/bin/sh\n{body}\n")
        (bin_dir / name).chmod(0o755 | stat.S_IXUSR)
    return {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "GIT_COMMITTER_NAME": "ci",
            "GIT_COMMITTER_EMAIL": "ci@example.com", "HOME": str(tmp_path)}


def test_the_configuration_example_is_real_output(tmp_path, monkeypatch):
    shown = _section("### Configuration").split("```\n$ cat .migrate.toml\n", 1)[1].split("```", 1)[0]
    repo = tmp_path / "repo"
    shutil.copytree(CORPUS / "51-refuse-host-consumer" / "legacy", repo)
    toml, rest = shown.split("$ migrate --check .\n", 1)
    (repo / ".migrate.toml").write_text(toml)
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(main, ["--check", "."])
    output, code = rest.split("$ echo $?\n")
    assert result.stderr + result.stdout == output
    assert str(result.exit_code) == code.strip()


def test_the_sarif_excerpt_is_real_output(monkeypatch):
    shown = _section("### Machine-readable output").split("```json\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["corpus/51-refuse-host-consumer/legacy", "--format", "sarif"])
    assert json.loads(result.stdout)["runs"][0]["results"] == json.loads(shown)


def _clones(tmp_path: Path, env: dict[str, str]) -> list[Path]:
    clones = []
    for case in ("01-docs-href-counter", "02-c-hello-gcc", "51-refuse-host-consumer"):
        origin = tmp_path / "origins" / f"{case}.git"
        subprocess.run(["git", "init", "-q", "--bare", str(origin)], check=True)
        clone = tmp_path / "clones" / case
        shutil.copytree(CORPUS / case / "legacy", clone)
        for command in (["init", "-q", "-b", "main"], ["add", "-A"],
                        ["-c", "user.name=dev", "-c", "user.email=dev@example.com", "commit", "-qm", "legacy"],
                        ["remote", "add", "origin", str(origin)], ["push", "-q", "origin", "main"]):
            subprocess.run(["git", *command], cwd=clone, check=True, env=env)
        clones.append(clone)
    return clones


def test_the_fleet_hand_off_recipe_opens_one_pull_request_per_migrated_repository(tmp_path):
    if shutil.which("jq") is None:
        pytest.skip("the recipe uses jq, which is not installed here")
    recipe = re.search(r"```sh\n(.+?)```", _section("#### Fleet hand-off"), re.S)
    assert recipe is not None
    env = _shim(tmp_path)
    clones = _clones(tmp_path, env)
    work = tmp_path / "work"
    work.mkdir()
    (work / "repos.txt").write_text("".join(f"{c}\n" for c in clones))
    done = subprocess.run(["bash", "-e", "-c", recipe.group(1)], cwd=work, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    calls = (tmp_path / "gh.log").read_text().splitlines()
    assert sorted(call.split()[0] for call in calls) == sorted(str(c) for c in clones[:2])
    for clone in clones[:2]:
        origin = tmp_path / "origins" / f"{clone.name}.git"
        log = subprocess.run(["git", "log", "-1", "--format=%an <%ae>|%s", "migrate/multi-stage"], cwd=origin,
                             capture_output=True, text=True, check=True).stdout
        assert log == "Fleet Bot <fleet@example.com>|Build with one multi-stage Dockerfile instead of the builder " \
                      "pattern\n"
        assert not (clone / "Dockerfile.build").exists()
    assert all("--body-file" in call and call.split("--body-file ")[1].endswith(".md") for call in calls)


def test_the_ci_matrix_shards_concatenate_into_the_whole_report(tmp_path):
    command = re.search(r"- run: (migrate batch .+)\n", _section("#### Fleet hand-off")).group(1)
    env = _shim(tmp_path)
    fleet = [tmp_path / "fleet" / case.name for case in sorted(CORPUS.iterdir())[:12]]
    for repo, case in zip(fleet, sorted(CORPUS.iterdir())[:12], strict=True):
        shutil.copytree(case / "legacy", repo, symlinks=True)
    (tmp_path / "repos.txt").write_text("".join(f"{r}\n" for r in fleet))
    for shard in range(1, 5):
        line = command.replace("${{ matrix.shard }}", str(shard))
        done = subprocess.run(["sh", "-c", line], cwd=tmp_path, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    shares = [tmp_path / f"report-{k}.jsonl" for k in range(1, 5)]
    paths = [json.loads(line)["path"] for share in shares for line in share.read_text().splitlines()]
    assert sorted(paths) == sorted(str(r) for r in fleet)
