"""Several builds of the runtime Dockerfile (MIG505, MIG506) and wildcard COPY over an extracted
directory, decided on small repositories; the corpus holds the cases proven on the engine."""

from __future__ import annotations

import pytest

from migrator.outcome import Migrated, Refused
from migrator.pipeline import migrate_repo

BUILDER = "FROM busybox\nARG LEVEL=1\nRUN mkdir -p /out/libs && echo a > /out/libs/app-1.war && echo b > /out/app\n"


def _script(*tail: str, build: str = "docker build -t app:build -f Dockerfile.build .",
            copy: str = "docker cp x:/out/app ./app") -> str:
    return "\n".join(["#!/bin/sh", build, "docker create --name x app:build", copy, "docker rm x", *tail, ""])


def _outcome(make_repo, script: str, dockerfile: str = "FROM busybox\nARG TAG\nCOPY app /a\n", **files: str):
    return migrate_repo(make_repo({"Dockerfile.build": BUILDER, "build.sh": script, "Dockerfile": dockerfile,
                                   **files}))


def _codes(outcome) -> list[str]:
    if isinstance(outcome, Refused):
        return [f.code for f in outcome.findings]
    assert isinstance(outcome, Migrated), outcome
    return []


@pytest.mark.parametrize(("tail", "codes"), [
    pytest.param(("docker build -t app:1 .", "docker build -t app:latest ."), [], id="two tags"),
    pytest.param(("docker build -t app:1 .", "docker buildx build --load -t app:2 --target 0 ."), [],
                 id="buildx and a target"),
    pytest.param(("docker build -t app:1 .", "docker build --build-arg TAG=x -t app:2 ."), [],
                 id="a build arg only the runtime reads"),
    pytest.param(("docker build -t app:1 .", "docker build --build-arg LEVEL=2 -t app:2 ."), ["MIG505"],
                 id="a build arg the builder stage reads"),
    pytest.param(("docker build -t app:1 .", "docker build -t app:2 -f Dockerfile sub"), ["MIG505"],
                 id="another context"),
    pytest.param(("docker build -t app:1 .", "echo x > notes", "docker build -t app:2 ."), ["MIG505"],
                 id="the host changed in between"),
    pytest.param(("docker build -t app:1 .", "podman build -t app:2 ."), ["MIG505"], id="another engine"),
    pytest.param(("docker build -t app:1 .", "docker build -t other -f Other.Dockerfile ."), ["MIG143"],
                 id="another runtime Dockerfile"),
])
def test_runtime_built_again(make_repo, tail, codes):
    outcome = _outcome(make_repo, _script(*tail), **{"Other.Dockerfile": "FROM busybox\nCOPY app /b\n",
                                                     "sub/keep": ""})
    assert _codes(outcome) == codes


def test_builder_build_args_would_go_to_every_build(make_repo):
    script = _script("docker build -t app:1 .", "docker build -t app:2 .",
                     build="docker build --build-arg LEVEL=3 -t app:build -f Dockerfile.build .")
    assert _codes(_outcome(make_repo, script)) == ["MIG506"]


@pytest.mark.parametrize(("copy", "extra", "dockerfile", "codes"), [
    pytest.param("docker cp x:/out/libs ./out", (), "COPY out/app-*.war /srv/ROOT.war", [], id="the directory"),
    pytest.param("docker cp x:/out/libs/. out/", ("mkdir -p out",), "COPY out/*.war /srv/", [],
                 id="merged into a directory made empty"),
    pytest.param("docker cp x:/out ./out", (), "COPY out/libs/*.war /srv/", [], id="below the extracted directory"),
    pytest.param("docker cp x:/out/libs ./out", ("echo x > out/extra.war",), "COPY out/*.war /srv/", ["MIG117"],
                 id="a host file written into it"),
    pytest.param("docker cp x:/out/libs/. lib/", (), "COPY lib/*.war /srv/", ["MIG117"],
                 id="merged into a checkout directory"),
])
def test_wildcard_over_extracted_directory(make_repo, copy, extra, dockerfile, codes):
    script = "\n".join(["#!/bin/sh", "docker build -t app:build -f Dockerfile.build .",
                        "docker create --name x app:build", *extra, copy, "docker rm x", "docker build -t app .", ""])
    if extra and extra[0].startswith("echo"):
        script = script.replace(extra[0] + "\n" + copy, copy + "\n" + extra[0])
    outcome = migrate_repo(make_repo({"Dockerfile.build": BUILDER, "build.sh": script, "lib/keep.war": "k",
                                      "Dockerfile": f"FROM busybox\n{dockerfile}\n"}))
    assert _codes(outcome) == codes
    if not codes:
        text = next(c.new for c in outcome.changes if c.path == "Dockerfile").decode()
        assert "--from=app-build" in text and "*.war" in text


@pytest.mark.parametrize(("builder", "codes"), [
    pytest.param("FROM busybox\nRUN mkdir /out && echo a > /out/app\n", [], id="reads nothing from its context"),
    pytest.param("FROM busybox\nCOPY x /out/app\n", ["MIG110"], id="a context COPY"),
    pytest.param("FROM busybox\nRUN --mount=type=bind,target=/s cp /s/x /out/app\n", ["MIG110"],
                 id="a bind mount of the context"),
    pytest.param("FROM busybox AS a\nRUN echo > /x\nFROM busybox\nRUN --mount=from=a,target=/s cp /s/x /out/app\n",
                 [], id="a bind mount of a stage"),
])
def test_builder_with_another_context(make_repo, builder, codes):
    script = _script("docker build -t app app", build="docker build -t app:build -f tools/b.Dockerfile tools",
                     copy="docker cp x:/out/app app/app")
    outcome = migrate_repo(make_repo({"tools/b.Dockerfile": builder, "tools/x": "x", "build.sh": script,
                                      "app/Dockerfile": "FROM busybox\nCOPY app /a\n"}))
    assert _codes(outcome) == codes
