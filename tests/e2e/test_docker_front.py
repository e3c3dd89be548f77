"""The docker front for podman runs what legacy scripts call, as docker would."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import migrator


@pytest.fixture
def docker(engine, tmp_path):
    if engine.name != "podman":
        pytest.skip("the front only translates for podman")
    journal = tmp_path / "journal"
    journal.write_text("")
    env = {**engine.environment(), "MIGRATE_VERIFY_JOURNAL": str(journal), "MIGRATE_VERIFY_ENGINE": "podman",
           "MIGRATE_VERIFY_ENGINE_PROGRAM": engine.program, "PYTHONPATH": str(Path(migrator.__file__).parents[1])}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "migrator.verify.docker_front", *args], capture_output=True,
                              text=True, env=env, cwd=tmp_path)
    run.journal = journal
    yield run
    entries = [json.loads(line) for line in journal.read_text().splitlines()]
    subprocess.run([engine.program, "rm", "-f", *[e["id"] for e in entries if e["event"] == "container"]],
                   capture_output=True, env=engine.environment())
    subprocess.run([engine.program, "rmi", "-f", *[e["id"] for e in entries if e["event"] == "image"]],
                   capture_output=True, env=engine.environment())


def test_foreground_run_goes_through_buildah(docker):
    done = docker("run", "--rm", "-e", "GREETING=hi", "busybox:1.36", "sh", "-c", "echo $GREETING from $(pwd)")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "hi from /"


def test_named_run_leaves_a_container_to_copy_from(docker, tmp_path):
    done = docker("run", "--name", "front-named", "busybox:1.36", "sh", "-c", "echo made > /made")
    assert done.returncode == 0, done.stderr
    copied = docker("cp", "front-named:/made", "made")
    assert copied.returncode == 0, copied.stderr
    assert (tmp_path / "made").read_text() == "made\n"


def test_push_never_reaches_a_registry(docker):
    done = docker("push", "example.org/app:1")
    assert done.returncode == 0
    assert "skipped `docker push`" in done.stderr


def test_build_is_journaled_with_its_dockerfile(docker, tmp_path):
    (tmp_path / "Dockerfile.x").write_text("FROM busybox:1.36\nRUN echo x > /x\n")
    done = docker("image", "build", ".", "-f", "Dockerfile.x", "-t", "front-test:1")
    assert done.returncode == 0, done.stderr
    entry = json.loads(docker.journal.read_text().splitlines()[-1])
    assert entry["tags"] == ["front-test:1"]
    assert entry["dockerfile"] == str(tmp_path / "Dockerfile.x")
