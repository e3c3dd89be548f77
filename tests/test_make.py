"""The make front end, table-driven: what make reads (variables, conditionals, goals), how each
Makefile is rewritten (every other byte kept), and where it refuses (code and line)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from migrator.cli import main
from migrator.frontends.make.expand import Expander
from migrator.frontends.make.parse import LineKind, parse_makefile
from migrator.frontends.make.read import read_makefile
from migrator.frontends.make.variables import Origin, Variable, Variables
from migrator.source import Loc
from migrator.trace.values import Value

BUILDER = "FROM busybox:1.36\nRUN mkdir /out && echo app > /out/app\n"
RUNTIME = "FROM busybox:1.36\nCOPY app /app\n"
EXTRACT = ("\tdocker build -t t-sdk -f Dockerfile.build .\n\tdocker create --name t-x t-sdk\n"
           "\tdocker cp t-x:/out/app app\n\tdocker rm t-x\n")


def _migrate(tmp_path: Path, makefile: str, *flags: str, **files: str):
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "Dockerfile.build").write_text(BUILDER)
    (repo / "Dockerfile").write_text(RUNTIME)
    (repo / "Makefile").write_text(makefile)
    for name, text in files.items():
        (repo / name.replace("_", ".")).write_text(text)
    result = CliRunner().invoke(main, [str(repo), *flags])
    findings = [line for line in result.stderr.splitlines() if line.startswith("MIG")]
    return result.exit_code, (repo / "Makefile").read_text(), findings


def _read(text: str, **command_line: str):
    variables = Variables()
    for name, value in command_line.items():
        variables.table[name] = Variable(False, "", Value.of(value), Origin.COMMAND_LINE)
    return read_makefile(parse_makefile("Makefile", text), variables, None)


@pytest.mark.parametrize(("text", "kinds"), [
    pytest.param("a: b\n\techo $@\n", ["make", "recipe"], id="rule and recipe"),
    pytest.param("X = 1 \\\n    2\n", ["make"], id="a continued assignment is one line"),
    pytest.param("a:\n\techo 1 \\\n\techo 2\n", ["make", "recipe"], id="a continued recipe line is one line"),
    pytest.param("# comment\n\na:\n", ["make"], id="comments and blank lines are no lines"),
    pytest.param("define V\nline 1\nline 2\nendef\n", ["define"], id="define body kept raw"),
    pytest.param("\techo x\n", ["make"], id="a tab line before any rule is make's own"),
])
def test_logical_lines(text, kinds):
    assert [line.kind.value for line in parse_makefile("Makefile", text).lines] == kinds


def test_continued_line_joins_with_one_space_and_maps_back_to_the_file():
    text = "X = a \\\n      b # note\n"
    line = parse_makefile("Makefile", text).lines[0]
    assert line.text.rstrip() == "X = a b"
    assert text[line.host(line.text.index("b"))] == "b"


@pytest.mark.parametrize(("text", "command_line", "expected"), [
    pytest.param("A = 1\nB = $(A)\nA = 2\n", {}, "2", id="= expands at each use"),
    pytest.param("A = 1\nB := $(A)\nA = 2\n", {}, "1", id=":= expands at once"),
    pytest.param("A = 1\nB ::= $(A)\nA = 2\n", {}, "1", id="::= is :="),
    pytest.param("B ?= 1\n", {}, "1", id="?= of an unset name"),
    pytest.param("B = 1\nB ?= 2\n", {}, "1", id="?= of a set name changes nothing"),
    pytest.param("B := 1\nB += 2\n", {}, "1 2", id="+="),
    pytest.param("B = 1\n", {"B": "cli"}, "cli", id="the command line wins"),
    pytest.param("override B = 1\n", {"B": "cli"}, "1", id="unless the file says override"),
    pytest.param("ifeq ($(X),)\nB = empty\nelse\nB = set\nendif\n", {"X": "1"}, "set", id="ifeq decided"),
    pytest.param("A = 1\nifdef A\nB = yes\nendif\n", {}, "yes", id="ifdef of a set name"),
    pytest.param("B := $(patsubst %.c,%.o,a.c b.c)\n", {}, "a.o b.o", id="text functions"),
    pytest.param("L := a b\nB := $(L:a=z)\n", {}, "z b", id="substitution reference"),
])
def test_variables(text, command_line, expected):
    db = _read(text, **command_line)
    assert Expander(db.variables, None, Loc("Makefile", 1), (0, 0)).variable("B").literal == expected


@pytest.mark.parametrize(("text", "goal"), [
    pytest.param(".PHONY: x\nimage: a\na:\n", "image", id="the first target"),
    pytest.param(".DEFAULT_GOAL := a\nimage: a\na:\n", "a", id=".DEFAULT_GOAL"),
    pytest.param("%.o: %.c\n\tcc $<\nimage:\n", "image", id="a pattern rule is never the goal"),
])
def test_default_goal(text, goal):
    assert _read(text).default_goal() == goal


def test_oneshell_and_phony_are_read():
    db = _read(".ONESHELL:\n.PHONY: a b\na:\n\tcd x\n\tls\n")
    assert db.oneshell and db.phony == {"a", "b"}
    assert [line.kind for line in db.rules["a"].recipe.lines] == [LineKind.RECIPE] * 2


@pytest.mark.parametrize(("makefile", "expected"), [
    pytest.param("image:\n" + EXTRACT + "\tdocker build -t t .\n", "image:\n\tdocker build -t t .\n",
                 id="recipe lines of the extraction go"),
    pytest.param("image: app\n\t@docker build -t t .\napp:\n" + EXTRACT + "clean:\n\trm -f app\n",
                 "image:\n\t@docker build -t t .\nclean:\n\trm -f app\n",
                 id="the file target goes with its prerequisite; rm -f app does not keep it"),
    pytest.param("image: app\n\tdocker build -t t .\napp:\n" + EXTRACT + "again:\n\t$(MAKE) app\n",
                 "image: app\n\tdocker build -t t .\napp:\nagain:\n\t$(MAKE) app\n",
                 id="a target another recipe makes stays, emptied"),
    pytest.param("image:\n" + EXTRACT.replace("\t", "\t@") + "\tdocker build -t t . # done\n",
                 "image:\n\tdocker build -t t . # done\n", id="prefixes"),
    pytest.param("image:\n\tdocker build -t t-sdk -f Dockerfile.build . && \\\n\tid=$$(docker create t-sdk) && \\\n"
                 "\tdocker cp $$id:/out/app app && docker rm $$id\n\tdocker build -t t .\n",
                 "image:\n\tdocker build -t t .\n", id="a continued line goes whole"),
    pytest.param("image:\n" + EXTRACT + "\techo built; docker build -t t .\n",
                 "image:\n\techo built; docker build -t t .\n", id="a shared line keeps what stays"),
    pytest.param("S := t-sdk\nimage:\n" + EXTRACT.replace(" t-sdk", " $(S)") + "\tdocker build -t t .\n",
                 "S := t-sdk\nimage:\n\tdocker build -t t .\n", id="variables in the removed lines"),
])
def test_rewrite(tmp_path, makefile, expected):
    code, written, _ = _migrate(tmp_path, makefile)
    assert code == 0
    assert written == expected


def test_rewrite_keeps_crlf_tabs_and_comments(tmp_path):
    makefile = "# top\r\nimage:\r\n" + EXTRACT.replace("\n", "\r\n") + "\tdocker build -t t .\r\n"
    code, _, findings = _migrate(tmp_path, makefile)
    assert code == 0, findings
    assert (tmp_path / "repo" / "Makefile").read_bytes() == b"# top\r\nimage:\r\n\tdocker build -t t .\r\n"


@pytest.mark.parametrize(("makefile", "finding"), [
    pytest.param("ifeq ($(ARCH),arm)\nS := a\nelse\nS := t-sdk\nendif\nimage:\n"
                 + EXTRACT.replace(" t-sdk", " $(S)") + "\tdocker build -t t .\n", "MIG160 Makefile:1:",
                 id="an undecided ifeq decides a value the flow uses"),
    pytest.param("$(eval X := 1)\nimage:\n" + EXTRACT + "\tdocker build -t t .\n", "MIG161 Makefile:1:",
                 id="$(eval)"),
    pytest.param("image:\n" + EXTRACT + "\tdocker build -t t $(call f,1) .\n", "MIG109 Makefile:6:",
                 id="$(call) of a function the environment may define"),
    pytest.param("image: app\n\tdocker build -t t .\n%: \n" + EXTRACT, "MIG163 Makefile:3:",
                 id="a pattern rule may make the artifact"),
    pytest.param("image: missing\n" + EXTRACT + "\tdocker build -t t .\n", "MIG162 Makefile:1:",
                 id="no rule for a prerequisite"),
    pytest.param("image:\n\t$(MAKE) -n app\napp:\n" + EXTRACT, "MIG165 Makefile:2:", id="make -n"),
    pytest.param("X := $(shell docker images -q)\nimage:\n" + EXTRACT + "\tdocker build -t t .\n",
                 "MIG166 Makefile:1:", id="docker while make reads the file"),
    pytest.param("one:\n" + EXTRACT + "\tdocker build -t t .\ntwo:\n" + EXTRACT + "\tdocker build -t t2 .\n"
                 "help:\n\t@echo one two\n", "MIG102:", id="several targets"),
    pytest.param("image:\n" + EXTRACT.replace("-t t-sdk", "-t t-sdk --build-arg V=$(shell git rev-parse HEAD)")
                 + "\tdocker build -t t .\n",
                 "MIG168 Makefile:6: `--build-arg V=<a value make cannot know>`",
                 id="a builder build arg make computes for its own line only"),
])
def test_refusals(tmp_path, makefile, finding):
    code, written, findings = _migrate(tmp_path, makefile)
    assert code == 3, findings
    assert findings and findings[0].startswith(finding), findings
    assert written == makefile


def test_question_assignment_warns(tmp_path):
    makefile = "T ?= t\nimage:\n" + EXTRACT + "\tdocker build -t $(T) .\n"
    code, _, findings = _migrate(tmp_path, makefile)
    assert code == 0
    assert findings == ["MIG260 Makefile:1: `T ?= …` assumes T is unset in the environment"]


def test_script_picks_a_target(tmp_path):
    makefile = "help:\n\t@echo one two\none:\n" + EXTRACT + "\tdocker build -t t .\ntwo:\n" + EXTRACT + \
        "\tdocker build -t t2 .\n"
    code, written, _ = _migrate(tmp_path, makefile, "--script", "Makefile:two")
    assert code == 0
    assert written == "help:\n\t@echo one two\none:\n" + EXTRACT + "\tdocker build -t t .\ntwo:\n" + \
        "\tdocker build -t t2 .\n"


def test_a_file_in_the_checkout_is_not_remade(tmp_path):
    makefile = "image: app\n\tdocker build -t t .\napp:\n" + EXTRACT
    code, written, _ = _migrate(tmp_path, makefile, app="committed\n")
    assert (code, written) == (0, makefile)  # nothing to migrate: the extraction never runs
