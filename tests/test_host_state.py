"""Destinations the checkout lacks (MIG521, MIG501) and ignore files (MIG502-504), decided on small
repositories; the corpus holds the cases proven on the engine."""

from __future__ import annotations

import pytest

from migrator.outcome import Migrated, Refused
from migrator.pipeline import migrate_repo

BUILDER = "FROM busybox\nRUN mkdir /out && echo a > /out/app\n"


def _script(*middle: str) -> str:
    return "\n".join(["#!/bin/sh", "docker build -t app:build -f Dockerfile.build .",
                      "docker create --name x app:build", *middle, "docker rm x", "docker build -t app .", ""])


def _codes(outcome) -> list[str]:
    if isinstance(outcome, Refused):
        return [f.code for f in outcome.findings]
    assert isinstance(outcome, Migrated), outcome
    return [w.code for w in outcome.warnings if w.code.startswith("MIG5")]


@pytest.mark.parametrize(("files", "codes"), [
    pytest.param({"build.sh": _script("docker cp x:/out/app bin/app"), "Dockerfile": "FROM busybox\nCOPY bin/app /a\n"},
                 ["MIG521"], id="a file into a missing directory"),
    pytest.param({"build.sh": _script("docker cp x:/out/app a/b/app"), "Dockerfile": "FROM busybox\nCOPY a/b/app /a\n"},
                 ["MIG521"], id="missing parents too"),
    pytest.param({"build.sh": _script("mkdir -p bin", "docker cp x:/out/app bin/app"),
                  "Dockerfile": "FROM busybox\nCOPY bin/app /a\n"}, [], id="the script makes it"),
    pytest.param({"build.sh": _script("[ -d bin ] && echo has bin", "docker cp x:/out/app bin/app"),
                  "Dockerfile": "FROM busybox\nCOPY bin/app /a\n"}, ["MIG122"], id="a test found it missing"),
    pytest.param({"build.sh": _script("rm -rf bin", "docker cp x:/out/app bin/app"),
                  "Dockerfile": "FROM busybox\nCOPY bin/app /a\n"}, ["MIG122"], id="the script removed it"),
    pytest.param({"build.sh": _script("docker cp x:/out/app bin/app"), "Dockerfile": "FROM busybox\nCOPY bin /b\n"},
                 ["MIG501"], id="COPY of the directory itself"),
    pytest.param({"build.sh": _script("docker cp x:/out/app bin/app"), "Dockerfile": "FROM busybox\nCOPY . /b\n"},
                 ["MIG501"], id="COPY of the whole context"),
])
def test_absent_destinations(make_repo, files, codes):
    assert _codes(migrate_repo(make_repo({"Dockerfile.build": BUILDER, **files}))) == codes


COPY_APP = {"build.sh": _script("docker cp x:/out/app ./app"), "Dockerfile": "FROM busybox\nCOPY app /app\n"}


@pytest.mark.parametrize(("files", "codes"), [
    pytest.param({".dockerignore": "*.md\n.git\n"}, [], id="patterns that hide no artifact"),
    pytest.param({".dockerignore": "app\n"}, ["MIG502"], id="the artifact hidden"),
    pytest.param({".dockerignore": "*\n!app\n"}, [], id="re-included"),
    pytest.param({"Dockerfile.dockerignore": "ap?\n"}, ["MIG502"], id="the Dockerfile's own file"),
    pytest.param({"Dockerfile.build.dockerignore": "x\n",
                  "Dockerfile.build": "FROM busybox\nCOPY . /src\nRUN mkdir /out && echo a > /out/app\n"},
                 ["MIG504"], id="the builder reads its context through another file"),
    pytest.param({"Dockerfile.build.dockerignore": "x\n"}, [], id="a builder without context COPY"),
])
def test_ignore_files(make_repo, files, codes):
    assert _codes(migrate_repo(make_repo({"Dockerfile.build": BUILDER, **COPY_APP, **files}))) == codes


DIR_BUILDER = "FROM busybox\nRUN mkdir -p /out/app && echo a > /out/app/a\n"
NO_EVIDENCE = "FROM busybox\nCOPY app /out/app\n"


@pytest.mark.parametrize(("files", "codes"), [
    pytest.param({"build.sh": _script("docker cp x:/out/app bin/"), "Dockerfile": "FROM busybox\nCOPY bin/app /a\n"},
                 ["MIG521"], id="a file (redirect) into a missing directory spelled with /"),
    pytest.param({"build.sh": _script("docker cp x:/out/app bin/"), "Dockerfile": "FROM busybox\nCOPY bin/a /a\n",
                  "Dockerfile.build": DIR_BUILDER}, [], id="a directory (mkdir) becomes the missing directory"),
    pytest.param({"build.sh": _script("docker cp x:/out/app bin/"), "Dockerfile": "FROM busybox\nCOPY bin/app /a\n",
                  "Dockerfile.build": NO_EVIDENCE, "app": "x"}, ["MIG105"], id="no evidence"),
    pytest.param({"build.sh": _script("docker start -a x", "docker cp x:/out/app bin/"),
                  "Dockerfile": "FROM busybox\nCOPY bin/app /a\n"}, ["MIG105"],
                 id="a command ran in the container first"),
    pytest.param({"build.sh": _script("docker cp x:/out/app app"), "Dockerfile": "FROM busybox\nCOPY app /a\n",
                  "app": "placeholder"}, [], id="a file over a committed file"),
    pytest.param({"build.sh": _script("docker cp x:/out/app app"), "Dockerfile": "FROM busybox\nCOPY app /a\n",
                  "Dockerfile.build": DIR_BUILDER, "app": "placeholder"}, ["MIG122"],
                 id="a directory over a committed file fails"),
    pytest.param({"build.sh": _script("docker cp x:/out/app bin/"), "Dockerfile": "FROM busybox\nCOPY bin/app /a\n",
                  "Dockerfile.build": "FROM busybox\nRUN go build -o /out/app/ ./...\n"}, ["MIG105"],
                 id="an output option ending with / is a directory written into"),
])
def test_file_or_directory(make_repo, files, codes):
    assert _codes(migrate_repo(make_repo({"Dockerfile.build": BUILDER, **files}))) == codes
