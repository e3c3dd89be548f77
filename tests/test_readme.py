"""The README is what newcomers run: its commands and its example output must stay true."""

import re
from pathlib import Path

from click.testing import CliRunner

from migrator.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()


def _setup_commands() -> list[str]:
    section = README.split("## Set up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_exactly_two_setup_commands_and_ci_runs_the_second():
    commands = _setup_commands()
    assert len(commands) == 2
    ci_command = (ROOT / ".ci" / "run").read_text().strip().splitlines()[-1]
    assert commands[1] == ci_command


def test_explain_example_is_real_output(monkeypatch):
    monkeypatch.chdir(ROOT)
    shown = README.split("$ migrate explain corpus/01-docs-href-counter/legacy\n", 1)[1].split("```", 1)[0]
    result = CliRunner().invoke(main, ["explain", "corpus/01-docs-href-counter/legacy"])
    assert result.stdout == shown
