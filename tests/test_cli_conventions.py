"""What users of black, ruff and hadolint expect of a command line: --version, --check --diff,
--color with NO_COLOR, usage errors that name `migrate`, `migrate rule CODE`, a helpful word when
nothing is found, and explain on a refused repository."""

from __future__ import annotations

import io

import pytest
from click.testing import CliRunner
from support import CORPUS, snapshot

from migrator import __version__
from migrator.cli import main
from migrator.cli.common import use_color
from migrator.findings import RULES
from migrator.rule_docs import DOCS

HREF = CORPUS / "01-docs-href-counter"
_ESC = "\x1b["


def test_version():
    result = CliRunner().invoke(main, ["--version"])
    assert (result.exit_code, result.stdout) == (0, f"migrate {__version__}\n")


@pytest.mark.parametrize("flags", [
    pytest.param(["--check", "--diff"], id="check diff"),
    pytest.param(["--check", "--dry-run"], id="check dry-run"),
    pytest.param(["--diff", "--check"], id="either order"),
])
def test_check_with_diff_prints_the_diff_and_exits_1(copy_case, flags):
    repo = copy_case(HREF)
    result = CliRunner().invoke(main, [str(repo), *flags])
    assert result.exit_code == 1
    assert result.stdout.startswith("diff --git a/Dockerfile b/Dockerfile\n")
    assert result.stderr.endswith(f"would migrate {repo}: rewrote Dockerfile, rewrote build.sh, deleted "
                                  "Dockerfile.build\n")
    assert snapshot(repo) == snapshot(HREF / "legacy")


@pytest.mark.parametrize(("choice", "env", "coloured"), [
    pytest.param("always", {}, True, id="always"),
    pytest.param("always", {"NO_COLOR": "1"}, True, id="always beats NO_COLOR"),
    pytest.param("never", {}, False, id="never"),
    pytest.param("auto", {}, False, id="auto, not a terminal"),
])
def test_color_option(copy_case, choice, env, coloured):
    result = CliRunner().invoke(main, [str(copy_case(HREF)), "--diff", "--color", choice], env=env)
    assert result.exit_code == 0
    assert (_ESC in result.stdout) is coloured
    assert result.stdout.replace(_ESC, "").startswith("diff --git") or _ESC in result.stdout


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("env", "coloured"), [
    pytest.param({}, True, id="terminal"),
    pytest.param({"NO_COLOR": "1"}, False, id="NO_COLOR"),
    pytest.param({"NO_COLOR": ""}, True, id="empty NO_COLOR does not count"),
    pytest.param({"TERM": "dumb"}, False, id="dumb terminal"),
])
def test_auto_colours_a_terminal_unless_no_color(monkeypatch, env, coloured):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert use_color("auto", _Terminal()) is coloured


def test_coloured_findings_keep_their_text(copy_case):
    result = CliRunner().invoke(main, [str(copy_case(CORPUS / "51-refuse-host-consumer")), "--color", "always"])
    assert result.exit_code == 3
    assert result.stderr.startswith(_ESC)
    assert "MIG106" in result.stderr and " build.sh:7: the extracted app" in result.stderr


@pytest.mark.parametrize("args", [
    pytest.param(["--no-such-flag", "."], id="unknown flag"),
    pytest.param([".", "--format", "yaml"], id="bad choice"),
    pytest.param([], id="no path"),
])
def test_usage_errors_name_migrate_not_an_internal_command(args):
    result = CliRunner().invoke(main, args, prog_name="migrate")
    assert result.exit_code == 2
    assert "Usage: migrate [OPTIONS] PATH" in result.stderr
    assert not args or "Try 'migrate --help' for help." in result.stderr  # without any, the whole help
    assert "migrate run" not in result.stderr


def test_rule_explains_a_code():
    result = CliRunner().invoke(main, ["rule", "mig111"])
    assert result.exit_code == 0
    assert result.stdout.startswith("MIG111 (refuse): ")
    for heading in ("\n\nWhy:\n", "\n\nExample:\n", "\n\nWhat you can change:\n"):
        assert heading in result.stdout


def test_rule_lists_every_code_and_refuses_an_unknown_one():
    listing = CliRunner().invoke(main, ["rule"])
    assert [line.split()[0] for line in listing.stdout.splitlines()] == sorted(RULES)
    unknown = CliRunner().invoke(main, ["rule", "MIG999"], prog_name="migrate")
    assert unknown.exit_code == 2 and "MIG999 is no code of migrate" in unknown.stderr


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_code_is_documented(code):
    doc = DOCS[code]
    assert doc.code == code
    assert doc.explanation.strip() and doc.example.strip() and doc.change.strip()


def test_an_empty_repository_says_so(tmp_path):
    result = CliRunner().invoke(main, [str(tmp_path), "--check"])
    assert result.exit_code == 0
    assert result.stdout == f"nothing to migrate in {tmp_path}: there are no files here (in a git work tree: git " \
                            "tracks none under this folder)\n"


def test_a_deep_repository_says_where_it_looked_and_suggests_script(tmp_path):
    import shutil

    shutil.copytree(HREF / "legacy", tmp_path / "services" / "api")
    result = CliRunner().invoke(main, [str(tmp_path), "--check"])
    assert result.exit_code == 0
    assert result.stdout == (f"nothing to migrate in {tmp_path}: no build script found (looked at shell scripts at "
                             "the root and one level down); services/api/build.sh runs a build deeper down: try "
                             "`--script services/api/build.sh`\n")


def test_explain_on_a_refused_repository_shows_what_was_traced(copy_case):
    result = CliRunner().invoke(main, ["explain", str(copy_case(CORPUS / "51-refuse-host-consumer"))])
    assert result.exit_code == 3
    traced, refused = result.stdout.split("\nRefused:\n")
    assert "build.sh:3" in traced and "rel-x:/out/app -> app (build.sh:5)" in traced
    assert refused.startswith("  MIG106 build.sh:7: ")
