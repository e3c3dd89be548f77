"""The command line as users and CI systems use it: exit codes, streams, formats."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner
from support import CORPUS, snapshot

from migrator.cli import main

DOCS = CORPUS / "01-docs-href-counter"


def test_help_lists_options_exit_codes_and_explain():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for text in ("Usage: migrate [OPTIONS] PATH", "--dry-run", "--check", "--format", "Exit codes:", "explain"):
        assert text in result.stdout


def test_check_is_a_ci_gate(copy_case):
    repo = copy_case(DOCS)
    result = CliRunner().invoke(main, ["--check", str(repo)])
    assert result.exit_code == 1
    assert result.stdout == f"would migrate {repo}: rewrote Dockerfile, rewrote build.sh, deleted Dockerfile.build\n"
    assert snapshot(repo) == snapshot(DOCS / "legacy")


def test_refusal_exits_3_and_names_file_and_line(copy_case):
    repo = copy_case(CORPUS / "51-refuse-host-consumer")
    result = CliRunner().invoke(main, [str(repo)])
    assert result.exit_code == 3
    assert result.stderr.startswith("MIG106 build.sh:7: ")
    assert result.stdout == f"refused {repo}: nothing was written\n"


@pytest.mark.parametrize("args", [
    pytest.param(["--color", "sometimes"], id="bad color"),
    pytest.param(["--format", "yaml"], id="bad format"),
    pytest.param(["--no-such-flag"], id="unknown flag"),
])
def test_usage_errors_exit_2(args, copy_case):
    repo = copy_case(DOCS)
    assert CliRunner().invoke(main, [*args, str(repo)]).exit_code == 2


def test_missing_path_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, [str(tmp_path / "nope")])
    assert result.exit_code == 2 and "does not exist" in result.stderr


def test_json_result_carries_flow_artifacts_and_files(copy_case):
    repo = copy_case(DOCS)
    result = CliRunner().invoke(main, ["--dry-run", "--format", "json", str(repo)])
    data = json.loads(result.stdout)
    assert (data["outcome"], data["mode"]) == ("migrated", "dry-run")
    assert data["artifacts"][0]["container_path"] == "/go/src/github.com/alexellis/href-counter/app"
    assert data["artifacts"][0]["host_path"] == "app"
    assert data["artifacts"][0]["instruction_at"] == {"file": "Dockerfile", "line": 4}
    assert {f["path"]: f["change"] for f in data["files"]} == {
        "Dockerfile": "modified", "build.sh": "modified", "Dockerfile.build": "deleted"}
    assert data["diff"].startswith("diff --git a/Dockerfile b/Dockerfile\n")
    assert data["flow"]["builds"][0]["dockerfile"] == "Dockerfile.build"


def test_explain_shows_each_artifact_journey(copy_case):
    repo = copy_case(DOCS)
    result = CliRunner().invoke(main, ["explain", str(repo)])
    assert result.exit_code == 0
    assert "build.sh:4  [builder] -f Dockerfile.build; context .; tags alexellis2/href-counter:build" in result.stdout
    assert ("/go/src/github.com/alexellis/href-counter/app -> app (build.sh:8) -> COPY --from=href-counter-build "
            "--chown=0:0 /go/src/github.com/alexellis/href-counter/app ./ (Dockerfile:4)") in result.stdout
    assert snapshot(repo) == snapshot(DOCS / "legacy")


def test_explain_names_the_entry_a_flow_starts_at(copy_case):
    repo = copy_case(CORPUS / "117-gitlab-pick-a-job")
    result = CliRunner().invoke(main, ["explain", "--script", ".gitlab-ci.yml:package", str(repo)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "Flow traced through .gitlab-ci.yml (`package`, picked with --script .gitlab-ci.yml:package)\n")


def test_explain_of_a_refusal_exits_3(copy_case):
    result = CliRunner().invoke(main, ["explain", str(copy_case(CORPUS / "57-refuse-unknown-destination"))])
    assert result.exit_code == 3 and "MIG103 build.sh:5" in result.stdout


def test_script_flag_picks_one_of_several_flows(copy_case):
    repo = copy_case(CORPUS / "55-refuse-several-flows")
    result = CliRunner().invoke(main, ["--script", "build-api.sh", str(repo)])
    assert result.exit_code == 0, result.output
    assert (repo / "build-web.sh").read_text() == (CORPUS / "55-refuse-several-flows/legacy/build-web.sh").read_text()


def test_internal_errors_never_show_a_traceback(copy_case, monkeypatch):
    import migrator.pipeline

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(migrator.pipeline, "migrate_repo", explode)
    result = CliRunner().invoke(main, [str(copy_case(DOCS))])
    assert result.exit_code == 4
    assert "internal error: RuntimeError: boom" in result.stderr and "Traceback" not in result.output


def test_console_script_as_a_subprocess(copy_case):
    repo = copy_case(DOCS)
    run = subprocess.run([sys.executable, "-m", "migrator", "--dry-run", str(repo)], capture_output=True, text=True)
    assert run.returncode == 0
    assert run.stdout.startswith("diff --git a/Dockerfile b/Dockerfile")
    assert run.stderr.startswith("would migrate")
    run = subprocess.run([sys.executable, "-m", "migrator", str(repo)], capture_output=True, text=True)
    assert run.returncode == 0 and run.stdout.startswith("migrated")
    run = subprocess.run([sys.executable, "-m", "migrator", str(repo)], capture_output=True, text=True)
    assert run.returncode == 0 and run.stdout.startswith("nothing to migrate")
