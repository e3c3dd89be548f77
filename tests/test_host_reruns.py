"""Host commands rerun in a derived stage (trace/host_post.py, hostfs.process) and archives the
builder made with tar (plan/archives.py): what each form becomes, and what stays refused."""

from __future__ import annotations

import pytest

from migrator.hostfs import Extracted, HostFiles, Kind, RepoTree
from migrator.model import ImageBuild
from migrator.parse.dockerfile import parse_dockerfile
from migrator.plan.archives import archives_made
from migrator.source import Loc, Span

TREE = RepoTree(frozenset({"conf/a.conf"}), frozenset({"conf"}))
AT = Loc("build.sh", 1)


def _build() -> ImageBuild:
    return ImageBuild(AT, Span(0, 1), "Dockerfile.build", ".", (), (), None, None, None, 0, (), HostFiles(TREE), None)


@pytest.mark.parametrize("dockerfile, expected", [
    pytest.param("FROM a\nRUN tar -czf /out/a.tgz -C /src pkg\n", {"/out/a.tgz": ("z", False)}, id="gzip"),
    pytest.param("FROM a\nRUN tar cjf /out/a.tbz2 pkg\n", {"/out/a.tbz2": ("j", False)}, id="old form, bzip2"),
    pytest.param("FROM a\nWORKDIR /w\nRUN tar --create --xz --file=a.txz pkg\n", {"/w/a.txz": ("J", False)},
                 id="long options, relative to WORKDIR"),
    pytest.param("FROM a\nRUN tar -cf /out/a.tar -C /src/pkg .\n", {"/out/a.tar": ("", True)},
                 id="an archive of . has a root entry"),
    pytest.param("FROM a\nRUN cd /src && tar -cf a.tar pkg\n", {}, id="a relative path after cd: no evidence"),
    pytest.param("FROM a\nRUN tar -czf /out/a.tgz pkg\nRUN gzip -d /out/a.tgz\n", {},
                 id="touched again later: no evidence"),
    pytest.param("FROM a\nRUN tar -czf /out/a.tgz pkg\nCOPY x /out/\n", {}, id="a COPY may overwrite it"),
    pytest.param("FROM a\nRUN tar -caf /out/a.tgz pkg\n", {}, id="an option not understood"),
    pytest.param("FROM a\nRUN tar -xzf /in.tgz\n", {}, id="extraction makes no archive"),
])
def test_archives_made(dockerfile, expected):
    found = archives_made(_build(), parse_dockerfile("Dockerfile.build", dockerfile))
    assert {path: (a.compression, a.root_entry) for path, a in found.items()} == expected


def _extracted(files: HostFiles, path: str) -> list[str]:
    return [" ".join(r.argv) for p in files.compose(path) if isinstance(p.content, Extracted) for r in p.content.post]


@pytest.mark.parametrize("fits, expected", [
    pytest.param(None, ["find /o/libs -name *.a -delete"], id="names alike"),
    pytest.param(lambda rel, host, container: host == container, None, id="a name the command tests differs"),
])
def test_process_asks_whether_the_command_fits(fits, expected):
    files = HostFiles(TREE).place("lib", Extracted("c", "/o/libs", Kind.DIR, AT))
    done = files.process("lib", lambda t: ("find", t, "-name", "*.a", "-delete"), "find lib …", AT, fits)
    assert (None if done is None else _extracted(done, "lib")) == expected
