"""The symbolic run, table-driven: a script in, what it extracted (or the refusal code) out."""

import pytest

from migrator.findings import Refusal
from migrator.frontends.shell.builtins import BUILTINS
from migrator.frontends.shell.parse import parse_script
from migrator.frontends.shell.walk import ShellWalker
from migrator.hostfs import RepoTree
from migrator.model import StepKind
from migrator.trace.engine import TraceEngine

TREE = RepoTree(frozenset({"Dockerfile", "Dockerfile.build", "src/main.c", "bin/.keep"}), frozenset({"src", "bin"}))
def walk(script, tree):
    engine = TraceEngine(tree, script.path, ".")
    ShellWalker(script, engine, BUILTINS).run()
    return engine.flow(())


PRELUDE = "docker build -t b:1 -f Dockerfile.build .\n"


def _trace(body: str):
    return walk(parse_script("build.sh", PRELUDE + body), TREE)


def _artifacts(body: str) -> list[tuple[str, str, str, bool]]:
    return [(e.container, e.container_path, e.target, e.merged) for e in _trace(body).extractions]


@pytest.mark.parametrize("body, expected", [
    pytest.param("docker create --name x b:1\ndocker cp x:/out/app ./app\n",
                 [("x", "/out/app", "app", False)], id="named container"),
    pytest.param("id=$(docker create b:1)\ndocker cp $id:/out/app app\n",
                 [("#1", "/out/app", "app", False)], id="captured id"),
    pytest.param("id=`docker create b:1`\ndocker cp \"$id\":out/app app\n",
                 [("#1", "/out/app", "app", False)], id="backticks, path relative to /"),
    pytest.param("docker create --name x b:1\ndocker cp x:/out/app bin\n",
                 [("x", "/out/app", "bin/app", False)], id="into an existing directory"),
    pytest.param("docker create --name x b:1\ndocker cp x:/out/. bin\n",
                 [("x", "/out", "bin", True)], id="/. merges into an existing directory"),
    pytest.param("mkdir -p out\ndocker create --name x b:1\ndocker cp x:/dist out/\n",
                 [("x", "/dist", "out/dist", False)], id="into a directory the script made"),
    pytest.param("cd src\ndocker create --name x b:1\ndocker cp x:/out/app ../app\n",
                 [("x", "/out/app", "app", False)], id="relative to cd"),
    pytest.param("pushd src\npopd\ndocker create --name x b:1\ndocker cp x:/a ./a\n",
                 [("x", "/a", "a", False)], id="pushd popd"),
    pytest.param("docker run --name x b:1 true\ndocker cp x:/a a\n", [("x", "/a", "a", False)], id="run --name true"),
    pytest.param("sudo docker container create --name x b:1\nsudo docker container cp x:/a a\n",
                 [("x", "/a", "a", False)], id="sudo and container verbs"),
    pytest.param("for f in a b; do docker create --name c$f b:1; docker cp c$f:/$f $f; done\n",
                 [("ca", "/a", "a", False), ("cb", "/b", "b", False)], id="literal for loop"),
])
def test_extractions(body, expected):
    assert _artifacts(body) == expected


def test_mv_follows_a_rename():
    flow = _trace("docker create --name x b:1\ndocker cp x:/out/app ./app\nmv app server\ndocker build -t r .\n")
    host = flow.builds[-1].host
    assert [p.content.path for p in host.compose("server")] == ["/out/app"]
    assert host.compose("app") == ()


@pytest.mark.parametrize("body, code", [
    pytest.param("docker cp x:/a a\n", "MIG124", id="unknown container"),
    pytest.param("docker create --name x b:1\ndocker cp x:/a $OUT/a\n", "MIG103", id="unknown destination"),
    pytest.param("docker create --name x b:1\ndocker cp x:/a /tmp/a\n", "MIG104", id="outside the repository"),
    pytest.param("docker create --name x b:1\ndocker cp x:/a missing/\n", "MIG105", id="missing dir/ for unknown kind"),
    pytest.param("docker create --name x b:1\ndocker cp x:/a - > a.tar\n", "MIG139", id="tar stream into a file"),
    pytest.param("docker run -v /var/run/docker.sock:/var/run/docker.sock b:1\n", "MIG607", id="docker socket"),
    pytest.param("docker create --name x b:1\nrm -rf nodir\ndocker cp x:/a nodir/a\n", "MIG122",
                 id="parent removed by the script"),  # a parent merely absent is assumed there (MIG521)
    pytest.param("docker export x > x.tar\n", "MIG140", id="export"),
    pytest.param("docker create --name x b:1\n[ -n \"$X\" ] && docker cp x:/a a || true\n", "MIG108", id="after ||"),
    pytest.param("coproc docker ps\n", "MIG101", id="unparsable docker line"),
    pytest.param("docker create --name x b:1\ncase $1 in\n  a) docker cp x:/a a ;;\nesac\n", "MIG108",
                 id="docker cp in a case branch"),
    pytest.param("docker create --name x b:1\n[[ -n $X ]] && docker cp x:/a a\n", "MIG108", id="after a [[ ]] test"),
    pytest.param("docker create --bogus x b:1\n", "MIG113", id="unknown docker option"),
    pytest.param("docker create --name x b:1\ndocker cp x:/d d\nrm d/*.a\n", "MIG128", id="glob into extracted files"),
    pytest.param("docker create --name x b:1\ndocker cp x:/a a\nmv a $DEST\n", "MIG104", id="moved out of sight"),
])
def test_refusals(body, code):
    with pytest.raises(Refusal) as refusal:
        _trace(body)
    assert refusal.value.finding.code == code
    assert refusal.value.finding.loc.file == "build.sh" and refusal.value.finding.loc.line >= 2


def test_build_tag_with_its_value_attached():
    flow = _trace("docker build -tapp:1 -fDockerfile .\n")
    assert flow.builds[-1].tags == ("app:1",) and flow.builds[-1].dockerfile == "Dockerfile"


@pytest.mark.parametrize("body, kind, reads, writes", [
    pytest.param("mkdir -p out/bin\n", "mkdir", (), ("out", "out/bin"), id="mkdir-p-makes-parents"),
    pytest.param("mv a b/\n", "mv", ("a",), ("b/a",), id="mv into an existing directory"),
    pytest.param("cp -r a c\n", "cp", ("a",), ("c",), id="cp -r"),
    pytest.param("chmod 755 a\n", "chmod", (), ("a",), id="chmod"),
    pytest.param("echo v1 > out/VERSION\n", "write", (), ("out/VERSION",), id="a redirect"),
    pytest.param("sha256sum a > a.sum\n", "inspect", ("a",), ("a.sum",), id="an inspection writing a file"),
    pytest.param("strip -s a\n", "other", ("a",), (), id="a command the tracer does not model"),
    pytest.param("./a --version\n", "other", ("a",), (), id="running a file"),
])
def test_host_steps(body, kind, reads, writes):
    tree = RepoTree(TREE.files | {"a"}, TREE.dirs | {"b"})
    flow = walk(parse_script("build.sh", body), tree)
    step = flow.host_steps[-1]
    assert (step.kind.value, step.reads, step.writes) == (StepKind(kind).value if kind in {
        k.value for k in StepKind} else kind, reads, writes)
