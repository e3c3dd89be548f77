"""A repository's own settings: `.migrate.toml` or `[tool.migrate]` in pyproject.toml, with the
command line's options over them; batch reads each repository's own."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner
from support import CORPUS

from migrator.cli import main

REFUSED = CORPUS / "51-refuse-host-consumer"  # MIG106 build.sh:7
WARNS = CORPUS / "21-builder-still-referenced"  # MIG201
SEVERAL = CORPUS / "55-refuse-several-flows"  # MIG102 without --script


def _run(repo, *args):
    return CliRunner().invoke(main, [str(repo), *args], prog_name="migrate")


@pytest.mark.parametrize(("file", "text"), [
    pytest.param(".migrate.toml", 'accept = ["MIG106"]\n', id=".migrate.toml"),
    pytest.param("pyproject.toml", '[project]\nname = "x"\n\n[tool.migrate]\naccept = ["mig106"]\n', id="pyproject"),
])
def test_an_accepted_refusal_is_reported_as_accepted_and_passes(copy_case, file, text):
    repo = copy_case(REFUSED)
    (repo / file).write_text(text)
    result = _run(repo, "--check")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "MIG106 build.sh:7: the extracted app is used on the host by `tar czf release.tgz app`; the round trip "
        "must stay (accepted)"]
    assert result.stdout == f"refused {repo} (accepted): nothing was written\n"
    (finding,) = json.loads(_run(repo, "--check", "--format", "json").stdout)["findings"]
    assert (finding["accepted"], finding["severity"]) == (True, "warning")


def test_the_command_line_wins_over_the_file(copy_case):
    repo = copy_case(REFUSED)
    (repo / ".migrate.toml").write_text('accept = ["MIG106"]\n')
    assert _run(repo, "--check", "--accept", "MIG111").exit_code == 3
    assert _run(repo, "--check", "--accept", "MIG111,MIG106").exit_code == 0


def test_migrate_toml_wins_over_pyproject(copy_case):
    repo = copy_case(REFUSED)
    (repo / "pyproject.toml").write_text('[tool.migrate]\naccept = ["MIG106"]\n')
    (repo / ".migrate.toml").write_text('accept = ["MIG111"]\n')
    assert _run(repo, "--check").exit_code == 3


def test_ignore_leaves_a_warning_out(copy_case):
    repo = copy_case(WARNS)
    assert "MIG201" in _run(repo, "--check").stderr
    (repo / ".migrate.toml").write_text('ignore = ["MIG201"]\n')
    result = _run(repo, "--check")
    assert result.exit_code == 1 and "MIG201" not in result.stderr


def test_script_builder_and_runtime_keys_are_the_options(copy_case):
    repo = copy_case(SEVERAL)
    assert _run(repo, "--check").exit_code == 3
    (repo / ".migrate.toml").write_text('script = "build-api.sh"\n')
    assert _run(repo, "--check").exit_code == 1
    (repo / ".migrate.toml").write_text('script = "build-api.sh"\nbuilder = "nope.Dockerfile"\n')
    assert _run(repo, "--check").exit_code == 3


@pytest.mark.parametrize(("text", "message"), [
    pytest.param('scrpt = "x"\n', ".migrate.toml: unknown key 'scrpt'; the keys are script, builder, runtime, "
                 "accept, ignore", id="unknown key"),
    pytest.param('accept = ["MIG201"]\n', ".migrate.toml: accept: MIG201 is a warning; warnings go in ignore",
                 id="accept a warning"),
    pytest.param('ignore = ["MIG106"]\n', ".migrate.toml: ignore: MIG106 is a refusal; a refusal can only be "
                 "accepted (accept)", id="ignore a refusal"),
    pytest.param('accept = ["MIG123"]\n', ".migrate.toml: accept: MIG123 says a file could not be read or "
                 "written; that cannot be accepted", id="accept an error"),
    pytest.param('accept = ["MIG999"]\n', ".migrate.toml: accept: MIG999 is no code of migrator (see `migrate "
                 "rule`)", id="unknown code"),
    pytest.param('accept = "MIG106"\n', '.migrate.toml: accept must be a list of codes, e.g. accept = ["MIG111"]',
                 id="not a list"),
    pytest.param('script = \n', ".migrate.toml: not valid TOML: ", id="bad toml"),
])
def test_a_bad_configuration_is_a_usage_error_naming_file_and_key(copy_case, text, message):
    repo = copy_case(REFUSED)
    (repo / ".migrate.toml").write_text(text)
    result = _run(repo, "--check")
    assert result.exit_code == 2
    assert f"Error: {message}" in result.stderr


def test_batch_reads_each_repositorys_own_configuration(tmp_path):
    accepting, plain = tmp_path / "accepting", tmp_path / "plain"
    for repo in (accepting, plain):
        shutil.copytree(REFUSED / "legacy", repo)
    (accepting / ".migrate.toml").write_text('accept = ["MIG106"]\n')
    broken = tmp_path / "broken"
    shutil.copytree(REFUSED / "legacy", broken)
    (broken / ".migrate.toml").write_text("accept = [\n")
    report = tmp_path / "r.jsonl"
    done = subprocess.run([sys.executable, "-m", "migrator", "batch", str(accepting), str(plain), str(broken),
                           "--report", str(report), "-j", "1"], capture_output=True, text=True)
    assert done.returncode == 1  # the broken configuration is an error record
    records = {r["path"]: r for r in map(json.loads, report.read_text().splitlines())}
    assert [f["accepted"] for f in records[str(accepting)]["findings"]] == [True]
    assert [f["accepted"] for f in records[str(plain)]["findings"]] == [False]
    assert records[str(broken)]["outcome"] == "error"
    assert records[str(broken)]["reason"].startswith("configuration: .migrate.toml: not valid TOML")
