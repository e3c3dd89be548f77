import pytest

from migrator.hostfs import RepoTree
from migrator.parse.shell import parse_script
from migrator.trace.run import Tracer


def _value(script: str, name: str = "R"):
    tracer = Tracer(parse_script("b.sh", script), RepoTree(frozenset(), frozenset()), ".")
    tracer.run()
    return tracer.vars[name]


@pytest.mark.parametrize("script, expected", [
    pytest.param("A=x\nR=$A", "x", id="plain"),
    pytest.param("A=x\nR=\"${A}/y\"", "x/y", id="braces in double quotes"),
    pytest.param("R='$A'", "$A", id="single quotes stop expansion"),
    pytest.param("R=${UNSET:-dflt}", "dflt", id="default for an unset variable"),
    pytest.param("A=\nR=${A:-dflt}", "dflt", id=":- on empty"),
    pytest.param("A=\nR=${A-dflt}", "", id="- keeps empty"),
    pytest.param("A=x\nR=${A:+alt}", "alt", id=":+ when set"),
    pytest.param("R=$(dirname /a/b/c)", "/a/b", id="dirname"),
    pytest.param("R=$(basename /a/b.txt .txt)", "b", id="basename with suffix"),
    pytest.param("export R=exported", "exported", id="export"),
    pytest.param("R=a\\ b", "a b", id="backslash escape"),
    pytest.param("f() { R=$1; }\nf first", "first", id="positional in a function"),
])
def test_known_values(script, expected):
    assert _value(script).literal == expected


@pytest.mark.parametrize("script", [
    pytest.param("R=$1", id="script positional"),
    pytest.param("R=$HOME", id="environment"),
    pytest.param("R=$(git rev-parse HEAD)", id="command output"),
    pytest.param("R=${A#x}", id="pattern removal"),
    pytest.param(". ./env.sh\nR=${V:-x}", id="after source the default may not apply"),
])
def test_unknown_values(script):
    assert _value(script).literal is None


def test_default_records_the_assumption():
    assert _value("R=${OUT:-bin}").assumed == ("OUT",)
