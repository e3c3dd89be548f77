import pytest

from migrator.frontends.shell.builtins import BUILTINS
from migrator.frontends.shell.parse import parse_script
from migrator.frontends.shell.walk import ShellWalker
from migrator.hostfs import RepoTree
from migrator.trace.engine import TraceEngine


def _value(script: str, name: str = "R"):
    engine = TraceEngine(RepoTree(frozenset(), frozenset()), "b.sh", ".")
    tracer = ShellWalker(parse_script("b.sh", script), engine, BUILTINS)
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


@pytest.mark.parametrize("body, name, expected", [
    pytest.param('here="`dirname \\"$0\\"`"\n', "here", "/@repo/sub", id="backticks in double quotes"),
    pytest.param('here="$(dirname "$0")"\n', "here", "/@repo/sub", id="$( ) in double quotes"),
    pytest.param('x="$(echo \\"a\\")"\n', "x", '$(echo \\"a\\")', id="$( ) keeps its backslashes"),
    pytest.param("b=$(basename d/*)\n", "b", "$(basename d/*)", id="basename of a glob names no one file"),
])
def test_values_of_substitutions(body, name, expected):
    tree = RepoTree(frozenset({"d/a", "sub/x.sh"}), frozenset({"d", "sub"}))
    tracer = ShellWalker(parse_script("sub/x.sh", body), TraceEngine(tree, "sub/x.sh", "."), BUILTINS)
    tracer.run()
    assert tracer.vars[name].text == expected
