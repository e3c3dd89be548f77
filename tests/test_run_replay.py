"""Commands a container ran before its files were copied: the argv Docker composed, the derived
stage that replays it, and what cannot be replayed. Table-driven: a builder Dockerfile and the
script's container lines in, the derived stage's lines (or the refusal code) out."""

from __future__ import annotations

import pytest

from migrator.outcome import Migrated, Refused
from migrator.parse.dockerfile import parse_dockerfile
from migrator.pipeline import migrate_repo
from migrator.plan.image_config import base_config, stage_config
from migrator.plan.stages import stages_of

BUILDER = "FROM busybox:1.36\n"
RUNTIME = "FROM busybox:1.36\nCOPY app /app\n"


def _script(lines: str) -> str:
    return ("#!/bin/sh\nset -e\ndocker build -t app:build -f Dockerfile.build .\n" + lines +
            "docker cp x:/out/app ./app\ndocker rm -f x\ndocker build -t app .\n")


def _derived(make_repo, builder: str, lines: str) -> list[str]:
    outcome = migrate_repo(make_repo({"build.sh": _script(lines), "Dockerfile.build": builder, "Dockerfile": RUNTIME}))
    assert isinstance(outcome, Migrated), outcome
    merged = next(c.new.decode() for c in outcome.changes if c.path == "Dockerfile").splitlines()
    start = next(i for i, line in enumerate(merged) if line.endswith("-run"))
    return merged[start:merged.index("", start)]


ENTRYPOINT_AND_CMD = BUILDER + 'ENTRYPOINT ["/build"]\nCMD ["debug"]\n'


@pytest.mark.parametrize("builder, lines, expected", [
    pytest.param(BUILDER, "docker run --name x app:build make dist\n",
                 ["FROM app-build AS app-build-run", 'RUN ["make", "dist"]'], id="run with a command"),
    pytest.param(BUILDER + 'CMD ["make", "all"]\n', "docker create --name x app:build\ndocker start -a x\n",
                 ["FROM app-build AS app-build-run", 'RUN ["make", "all"]'], id="start runs the CMD"),
    pytest.param(ENTRYPOINT_AND_CMD, "docker run --name x app:build release\n",
                 ["FROM app-build AS app-build-run", 'RUN ["/build", "release"]'], id="ENTRYPOINT and arguments"),
    pytest.param(ENTRYPOINT_AND_CMD, "docker run --name x app:build\n",
                 ["FROM app-build AS app-build-run", 'RUN ["/build", "debug"]'], id="ENTRYPOINT and CMD"),
    pytest.param(ENTRYPOINT_AND_CMD, "docker run --name x --entrypoint make app:build\n",
                 ["FROM app-build AS app-build-run", 'RUN ["make"]'], id="--entrypoint drops the CMD"),
    pytest.param(ENTRYPOINT_AND_CMD, 'docker run --name x --entrypoint "" app:build\n',
                 ["FROM app-build AS app-build-run", 'RUN ["debug"]'], id="an empty --entrypoint keeps the CMD"),
    pytest.param(BUILDER + "ENTRYPOINT make dist\n", "docker run --name x app:build ignored\n",
                 ["FROM app-build AS app-build-run", 'RUN ["/bin/sh", "-c", "make dist", "ignored"]'],
                 id="shell-form ENTRYPOINT"),
    pytest.param(BUILDER, "docker run --name x -w /src -u 1000 -e A=1 -e 'B=two words $x' app:build make\n",
                 ["FROM app-build AS app-build-run", "WORKDIR /src", "USER 1000", 'ENV A="1"',
                  'ENV B="two words \\$x"', 'RUN ["make"]'], id="-w -u -e"),
    pytest.param(BUILDER, "docker run -d --name x app:build sleep 1d\ndocker exec x make\n"
                          "docker exec -w /o x make install\n",
                 ["FROM app-build AS app-build-run", 'RUN ["make"]', "WORKDIR /o", 'RUN ["make", "install"]'],
                 id="exec into an idle container"),
    pytest.param(BUILDER, "docker run -d --name x app:build make\ndocker wait x\n",
                 ["FROM app-build AS app-build-run", 'RUN ["make"]'], id="detached, then waited for"),
])
def test_runs_are_replayed(make_repo, builder, lines, expected):
    assert _derived(make_repo, builder, lines) == expected


@pytest.mark.parametrize("builder, lines, code", [
    pytest.param(BUILDER, "docker run -t --name x app:build make\n", "MIG600", id="-t"),
    pytest.param(BUILDER, "docker run -i --name x app:build make\n", "MIG600", id="-i"),
    pytest.param(BUILDER, "docker run --network host --name x app:build make\n", "MIG600", id="--network"),
    pytest.param(BUILDER, "docker run --name x app:build make $TARGET\n", "MIG601", id="a word only the host knows"),
    pytest.param("FROM node:20\n", "docker run --name x app:build npm ci\n", "MIG602", id="unknown ENTRYPOINT"),
    pytest.param("FROM golang:1.22\n", "docker create --name x app:build\ndocker start -a x\n", "MIG602",
                 id="a CMD the variants disagree on"),
    pytest.param(BUILDER + "VOLUME /out\n", "docker run --name x app:build make\n", "MIG603", id="VOLUME"),
    pytest.param(BUILDER, "docker run -d --name x app:build make\n", "MIG115", id="detached and racing"),
    pytest.param(BUILDER, "docker create --name x app:build make\ndocker start x\n", "MIG115",
                 id="start without -a returns at once"),
    pytest.param(BUILDER, "docker run -d --name x app:build sleep 1d\ndocker exec -e A=1 x make\ndocker exec x ls\n"
                          "docker exec x make install\n", "MIG605", id="an exec's -e would need undoing"),
])
def test_runs_that_are_refused(make_repo, builder, lines, code):
    outcome = migrate_repo(make_repo({"build.sh": _script(lines), "Dockerfile.build": builder, "Dockerfile": RUNTIME}))
    assert isinstance(outcome, Refused), outcome
    assert outcome.findings[0].code == code


def test_a_container_that_only_slept_needs_no_replay(make_repo):
    outcome = migrate_repo(make_repo({"build.sh": _script("docker run -d --name x app:build sleep 1d\n"),
                                      "Dockerfile.build": BUILDER + "RUN mkdir /out && : > /out/app\n",
                                      "Dockerfile": RUNTIME}))
    assert isinstance(outcome, Migrated), outcome
    assert "-run" not in next(c.new.decode() for c in outcome.changes if c.path == "Dockerfile")


def test_a_run_without_set_e_is_reported(make_repo):
    script = _script("docker run --name x app:build make\n").replace("set -e\n", "")
    outcome = migrate_repo(make_repo({"build.sh": script, "Dockerfile.build": BUILDER, "Dockerfile": RUNTIME}))
    assert isinstance(outcome, Migrated), outcome
    assert "MIG630" in {w.code for w in outcome.warnings}


@pytest.mark.parametrize("dockerfile, entrypoint, cmd, unknown", [
    pytest.param("FROM busybox:1.36\n", (), ("sh",), set(), id="a known base"),
    pytest.param("ARG BASE=busybox:1.36\nFROM ${BASE}\n", (), ("sh",), set(), id="a base named by a global ARG"),
    pytest.param("ARG BASE=busybox:1.36\nFROM $BASE\n", (), ("sh",), set(), id="a bare global ARG"),
    pytest.param("ARG BASE\nFROM ${BASE}\n", (), (), {"entrypoint", "cmd", "workdir", "user", "volumes"},
                 id="a global ARG without a value"),
    pytest.param("FROM busybox:1.36\nENTRYPOINT [\"/e\"]\n", ("/e",), (), set(), id="ENTRYPOINT resets the CMD"),
    pytest.param("FROM scratch\nCMD [\"/app\"]\n", (), ("/app",), set(), id="scratch"),
    pytest.param("FROM node:20\nCMD [\"node\"]\n", (), ("node",), {"entrypoint", "workdir", "user", "volumes"},
                 id="an unknown base with a CMD"),
    pytest.param("FROM busybox AS a\nCMD [\"x\"]\nFROM a\nRUN true\n", (), ("x",), set(), id="through stages"),
])
def test_image_config(dockerfile, entrypoint, cmd, unknown):
    parsed = parse_dockerfile("Dockerfile", dockerfile)
    config = stage_config(parsed, stages_of(parsed)[-1], {})
    assert (config.entrypoint, config.cmd, set(config.unknown)) == (entrypoint, cmd, unknown)


def test_a_build_arg_names_the_base():
    parsed = parse_dockerfile("Dockerfile", "ARG BASE=node:20\nFROM ${BASE}\n")
    assert stage_config(parsed, stages_of(parsed)[-1], {"BASE": "busybox:1.36"}).cmd == ("sh",)


def test_base_config_by_repository_whatever_the_tag():
    assert base_config("docker.io/library/golang:1.22-alpine").workdir == "/go"
