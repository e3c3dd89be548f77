import pytest

from migrator.findings import Refusal
from migrator.frontends.shell.parse import parse_embedded, parse_script
from migrator.parse.dockerfile import DockerfileError, parse_dockerfile


@pytest.mark.parametrize("script, opaque_lines", [
    pytest.param("echo a\necho b\n", [], id="all parses"),
    pytest.param("a=(1 2)\necho ${a[@]}\n", [], id="array assignment"),
    pytest.param("declare -A m=([k]=v)\n", [], id="array after declare"),
    pytest.param("echo $((1+2))\necho ok\n", [], id="arithmetic"),
    pytest.param("if [[ -f x && -n \"$y\" ]]; then\n  docker build .\nfi\necho after\n", [], id="[[ ]]"),
    pytest.param("case $1 in\n  a) echo a;;\n  *) ;;\nesac\necho after\n", [], id="case"),
    pytest.param("for ((i=0; i<3; i++)); do echo $i; done\n", [], id="for (( ))"),
    pytest.param("select x in a b; do echo $x; done\ntime ls\n", [], id="select and time"),
    pytest.param("cat <<'EOF'\n$x\nEOF\n", [], id="quoted heredoc delimiter"),
    pytest.param("coproc docker ps\necho ok\n", [1], id="coproc stays opaque"),
    pytest.param("x=( $(docker images -q) )\n", [1], id="an array that runs a command stays opaque"),
    pytest.param("shopt -s extglob\nrm -rf out/!(app)\n", [2], id="extglob stays opaque"),
    pytest.param("", [], id="empty"),
    pytest.param("# only a comment\n", [], id="only a comment"),
])
def test_shell_recovery(script, opaque_lines):
    parsed = parse_script("b.sh", script)
    assert [s.line for s in parsed.statements if s.opaque] == opaque_lines


def test_an_unparsable_block_keeps_its_lines_inside():
    parsed = parse_script("b.sh", "if coproc x; then\n  docker build .\nfi\n")
    assert len(parsed.statements) == 1 and "docker build" in parsed.source(parsed.statements[0].start,
                                                                            parsed.statements[0].end)


def test_a_script_over_the_limit_is_refused_at_once():
    with pytest.raises(Refusal) as refusal:
        parse_script("b.sh", "echo x\n" * 200_000)
    assert refusal.value.finding.code == "MIG151"


def test_heredoc_bodies_are_not_instructions():
    text = "FROM a\nRUN <<EOF\necho hi\nFROM bogus\nEOF\nCOPY x /y\n"
    parsed = parse_dockerfile("Dockerfile", text)
    assert [i.cmd for i in parsed.instructions] == ["FROM", "RUN", "COPY"]
    assert parsed.instructions[1].end == 4


def test_unclosed_heredoc_is_an_error_with_a_line():
    with pytest.raises(DockerfileError) as error:
        parse_dockerfile("Dockerfile", "FROM a\nRUN <<EOF\necho\n")
    assert error.value.line == 2


@pytest.mark.parametrize("line, flags, args, json_form", [
    pytest.param("COPY a b /c/", (), ("a", "b", "/c/"), False, id="shell form"),
    pytest.param('COPY --chown=1:1 ["a b", "/c"]', ("--chown=1:1",), ("a b", "/c"), True, id="json form"),
    pytest.param("copy --from=0 --link /x /y", ("--from=0", "--link"), ("/x", "/y"), False, id="lowercase"),
])
def test_copy_flags_and_args(line, flags, args, json_form):
    ins = parse_dockerfile("Dockerfile", "FROM a\n" + line + "\n").instructions[1]
    assert (ins.flags, ins.args, ins.json_form) == (flags, args, json_form)


def test_directives_and_bom():
    parsed = parse_dockerfile("Dockerfile", "\ufeff# syntax=docker/dockerfile:1\n# escape=\\\nFROM a\n")
    assert parsed.directive("syntax") == "docker/dockerfile:1" and parsed.directive("escape") == "\\"


def test_an_embedded_snippet_names_the_host_files_lines_and_bytes():
    """A recipe line `\tdocker cp $$id:/o/app out` in a Makefile: the shell reads `$id`, the plan
    must name the Makefile's bytes."""
    host = "all:\n\tid=x\n\tdocker cp $$id:/o/app out\n"
    line_start = host.index("docker")
    snippet = "docker cp $id:/o/app out"
    dollar = snippet.index("$")

    def to_host(offset: int, end: bool = False) -> int:
        return line_start + offset + (1 if offset > dollar or (offset == dollar and end) else 0)

    script = parse_embedded("Makefile", host, snippet, to_host)
    statement = script.statements[0]
    assert statement.line == 3
    span = script.span(*statement.node.pos)
    assert (span.file, host[span.start:span.end]) == ("Makefile", "docker cp $$id:/o/app out")
