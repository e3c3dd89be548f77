"""lower: constructs bashlex lacks, rewritten into ones it parses, every position mapped back."""

from __future__ import annotations

import bashlex
import pytest

from migrator.frontends.shell.lower import lower
from migrator.frontends.shell.parse import parse_script

CASES = [
    pytest.param("case \"$1\" in\n  a|b) echo a ;;\n  *) echo b ;;\nesac\n",
                 "if :;then  echo a \nelif :;then  echo b \nfi\n", id="case"),
    pytest.param("case $x in\n  a) ;;\nesac\n", "if :;then :\nfi\n", id="an empty branch"),
    pytest.param("case $x in esac\n", "if :;then :; fi\n", id="no branch"),
    pytest.param("case $x in\n  a) case $y in b) echo b ;; esac ;;\nesac\n",
                 "if :;then  if :;then  echo b \nfi \nfi\n", id="nested case"),
    pytest.param("[[ -n \"$x\" && -f 'a (b)' || $y =~ ^v ]]\n", "[  -n \"$x\" -a -f 'a (b)' -o $y =  ^v  ]\n",
                 id="[[ ]] as [ ]"),
    pytest.param("a=(x y)\nb+=(z)\n", "a=`:`\nb+=`:`\n", id="arrays"),
    pytest.param("n=$((1 + (2*3)))\necho \"$((n))\"\n", "n=`:`\necho \"`:`\"\n", id="arithmetic"),
    pytest.param("for ((i=0;i<3;i++)); do :; done\n", "while :; do :; done\n", id="for (( ))"),
    pytest.param("echo 'case x in' \"[[ a ]]\" # case\n", "echo 'case x in' \"[[ a ]]\" # case\n",
                 id="quotes and comments are not constructs"),
    pytest.param("cat <<EOF\ncase x in\nEOF\n", "cat <<EOF\ncase x in\nEOF\n", id="a heredoc body is data"),
    pytest.param("echo case esac\n", "echo case esac\n", id="a keyword in argument position"),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_lowering(text, expected):
    lowered = lower(text)
    assert lowered.text == expected
    bashlex.parse(lowered.text)


def test_commands_inside_a_case_keep_their_own_spans():
    text = "set -e\ncase \"$1\" in\n  push) docker push app:1 ;;\nesac\necho done\n"
    script = parse_script("b.sh", text)
    case = script.statements[1]
    assert script.source(case.start, case.end) == "case \"$1\" in\n  push) docker push app:1 ;;\nesac"
    assert case.line == 2 and script.statements[2].line == 5
    commands = []

    def walk(node):
        if node.kind == "command" and node.pos[0] < node.pos[1]:
            commands.append(text[node.pos[0]:node.pos[1]])
        for value in vars(node).values():
            for child in value if isinstance(value, list) else [value]:
                if hasattr(child, "kind"):
                    walk(child)
    walk(case.node)
    assert commands == ["docker push app:1"]
