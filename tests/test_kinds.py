"""kinds: the container paths a builder certainly makes as files, read from its Dockerfile."""

from __future__ import annotations

import pytest

from migrator.hostfs import HostFiles, Kind, RepoTree
from migrator.model import ImageBuild
from migrator.parse.dockerfile import parse_dockerfile
from migrator.plan.kinds import files_made, kinds_made
from migrator.source import Loc, Span


def _build(target: str | None = None) -> ImageBuild:
    return ImageBuild(Loc("build.sh", 1), Span(0, 1), "Dockerfile.build", ".", (), (), target, None, None, 0, (),
                      HostFiles(RepoTree(frozenset(), frozenset())), None)


@pytest.mark.parametrize("dockerfile, target, expected", [
    pytest.param("FROM a\nRUN echo x > /out/app\n", None, {"/out/app"}, id="a redirect"),
    pytest.param("FROM a\nRUN cat a >> /out/log && go build -o /out/bin/app .\n", None, {"/out/log", "/out/bin/app"},
                 id="append and -o"),
    pytest.param("FROM a\nWORKDIR /src\nRUN gcc -o hello hello.c\n", None, {"/src/hello"}, id="relative to WORKDIR"),
    pytest.param("FROM a\nRUN cmd 2>/dev/null >&2\n", None, set(), id="file descriptors and /dev/null"),
    pytest.param("FROM a\nRUN echo $X > $OUT/app\n", None, set(), id="a path the build computes"),
    pytest.param("FROM a AS c\nRUN echo > /src/out/app\nFROM b\nCOPY --from=c /src/out /pkg\n", None, {"/pkg/app"},
                 id="through COPY --from between stages"),
    pytest.param("FROM a AS c\nRUN echo > /x\nFROM b AS d\nRUN true\n", "c", {"/x"}, id="the --target stage"),
])
def test_files_made(dockerfile, target, expected):
    assert files_made(_build(target), parse_dockerfile("Dockerfile.build", dockerfile)) == expected


@pytest.mark.parametrize("dockerfile, expected", [
    pytest.param("FROM a\nRUN mkdir -p /o/dist /o/bin && echo x > /o/bin/app\n",
                 {"/": Kind.DIR, "/o": Kind.DIR, "/o/dist": Kind.DIR, "/o/bin": Kind.DIR, "/o/bin/app": Kind.FILE},
                 id="mkdir and a redirect; what holds them is a directory"),
    pytest.param("FROM a\nWORKDIR /src\nRUN mkdir out\n", {"/": Kind.DIR, "/src": Kind.DIR, "/src/out": Kind.DIR},
                 id="WORKDIR"),
    pytest.param("FROM a\nRUN mkdir /x && rm -r /x && echo > /x\n", {"/": Kind.DIR}, id="made both ways: unknown"),
    pytest.param("FROM a\nRUN go build -o /o/bin/ ./...\n", {}, id="an output directory is written into"),
])
def test_kinds_made(dockerfile, expected):
    assert kinds_made(_build(), parse_dockerfile("Dockerfile.build", dockerfile)) == expected
