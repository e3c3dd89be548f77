"""The docker front for podman runs what legacy scripts call, as docker would."""

from __future__ import annotations

import json
import os
import stat
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


@pytest.fixture
def container(docker):
    """A container whose image holds a file, a relative and an absolute symlink, and a directory."""
    made = docker("run", "--name", "front-cp", "busybox:1.36", "sh", "-c",
                  "mkdir -p /w/d/sub && echo app > /w/app && chmod 4750 /w/app && ln -s app /w/rel "
                  "&& ln -s /w/app /w/abs && echo a > /w/d/a && ln -s a /w/d/link && echo s > /w/d/sub/s")
    assert made.returncode == 0, made.stderr
    return "front-cp"


@pytest.mark.parametrize("source, dest, expected", [
    pytest.param("/w/app", "out", {"out": "file 4750"}, id="file to an absent path"),
    pytest.param("w/app", "out", {"out": "file 4750"}, id="relative container paths start at /"),
    pytest.param("/w/rel", "out", {"out": "link app"}, id="a symlink is copied as a link"),
    pytest.param("/w/abs", "out", {"out": "link /w/app"}, id="an absolute link too"),
    pytest.param("-L /w/rel", "out", {"out": "file 4750"}, id="-L copies what the link points to"),
    pytest.param("/w/d", "out", {"out": "dir", "out/a": "file 0644", "out/link": "link a", "out/sub/s": "file 0644"},
                 id="a directory to an absent path gets its contents"),
    pytest.param("/w/d", "existing", {"existing/d": "dir", "existing/d/a": "file 0644", "existing/keep": "file 0644"},
                 id="a directory into an existing one"),
    pytest.param("/w/d/.", "existing", {"existing/a": "file 0644", "existing/keep": "file 0644",
                                         "existing/link": "link a"}, id="/. merges the contents"),
    pytest.param("/w/app", "existing/", {"existing/app": "file 4750"}, id="a file into an existing directory"),
])
def test_cp_follows_docker_rules(docker, container, tmp_path, source, dest, expected):
    (tmp_path / "existing").mkdir()
    (tmp_path / "existing" / "keep").write_text("keep")
    (tmp_path / "existing" / "keep").chmod(0o644)
    *options, path = source.split()
    done = docker("cp", *options, f"{container}:{path}", dest)
    assert done.returncode == 0, done.stderr
    for rel, kind in expected.items():
        path = tmp_path / rel
        if kind.startswith("link"):
            assert path.is_symlink() and os.readlink(path) == kind.split()[1], rel
        elif kind == "dir":
            assert path.is_dir() and not path.is_symlink(), rel
        else:
            assert path.is_file() and not path.is_symlink(), rel
            assert f"file {stat.S_IMODE(path.lstat().st_mode):04o}" == kind, rel


@pytest.mark.parametrize("source, dest, message", [
    pytest.param("/w/app", "absent/", "must exist", id="a file to an absent path with a slash"),
    pytest.param("/w/d", "existing/keep", "cannot copy a directory to a file", id="a directory onto a file"),
    pytest.param("/w/nothing", "out", "Could not find the file /w/nothing", id="a missing source"),
    pytest.param("/w/app", "no/such/dir", "no such directory", id="parents are not created"),
])
def test_cp_fails_where_docker_fails(docker, container, tmp_path, source, dest, message):
    (tmp_path / "existing").mkdir()
    (tmp_path / "existing" / "keep").write_text("keep")
    done = docker("cp", f"{container}:{source}", dest)
    assert done.returncode == 1
    assert message in done.stderr
