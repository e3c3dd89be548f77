"""Every machine-readable output validates against its published schema: `--format json`,
`explain --format json` and batch report lines against schemas/outcome.v1.json, and
`--format sarif` against the OASIS SARIF 2.1.0 schema (tests/data/sarif-schema-2.1.0.json, the
errata01 schema as OASIS publishes it), for every corpus case."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from support import corpus_cases

from migrator import __version__
from migrator.cli import main

ROOT = Path(__file__).resolve().parent.parent
OUTCOME = jsonschema.Draft202012Validator(json.loads((ROOT / "schemas" / "outcome.v1.json").read_text()))
SARIF = jsonschema.Draft4Validator(json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text()))


def _errors(validator: jsonschema.protocols.Validator, document: object) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]


def test_the_schemas_are_valid_schemas():
    OUTCOME.check_schema(OUTCOME.schema)
    SARIF.check_schema(SARIF.schema)


@pytest.mark.parametrize("case", corpus_cases(), ids=lambda p: p.name)
def test_every_corpus_output_matches_the_published_schemas(case: Path):
    repo = str(case / "legacy")
    for args, mode in ((["--dry-run"], "dry-run"), (["--check"], "check"), (["explain"], "explain")):
        command = [args[0], repo] if args == ["explain"] else [repo, *args]
        result = CliRunner().invoke(main, [*command, "--format", "json"])
        document = json.loads(result.stdout)
        assert _errors(OUTCOME, document) == [], (args, document)
        assert (document["schema_version"], document["tool_version"], document["mode"]) == (1, __version__, mode)
    sarif = json.loads(CliRunner().invoke(main, [repo, "--check", "--format", "sarif"]).stdout)
    assert _errors(SARIF, sarif) == []
    document = json.loads(CliRunner().invoke(main, [repo, "--check", "--format", "json"]).stdout)
    assert len(sarif["runs"][0]["results"]) == len(document["findings"])


def test_sarif_puts_each_finding_at_its_file_and_line(tmp_path, monkeypatch):
    case = ROOT / "corpus" / "51-refuse-host-consumer" / "legacy"
    monkeypatch.chdir(case.parent.parent)
    result = CliRunner().invoke(main, [f"{case.parent.name}/legacy", "--format", "sarif"])
    assert result.exit_code == 3
    (found,) = json.loads(result.stdout)["runs"][0]["results"]
    assert (found["ruleId"], found["level"]) == ("MIG106", "error")
    assert found["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "51-refuse-host-consumer/legacy/build.sh", "uriBaseId": "SRCROOT"},
        "region": {"startLine": 7}}


def test_batch_report_lines_match_the_published_schema(tmp_path):
    cases = corpus_cases()[:6]
    report = tmp_path / "report.jsonl"
    done = subprocess.run([sys.executable, "-m", "migrator", "batch", *(str(c / "legacy") for c in cases),
                           str(tmp_path / "missing"), "--report", str(report), "-j", "2"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 2  # a missing PATH on the command line is a usage error
    listed = tmp_path / "repos.txt"
    listed.write_text("".join(f"{c / 'legacy'}\n" for c in cases) + f"{tmp_path / 'missing'}\n")
    done = subprocess.run([sys.executable, "-m", "migrator", "batch", "--from", str(listed), "--report", str(report),
                           "--patch-dir", str(tmp_path / "patches"), "-j", "2"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 1, done.stderr  # the missing entry is one error record
    records = [json.loads(line) for line in report.read_text().splitlines()]
    assert len(records) == len(cases) + 1
    for record in records:
        assert _errors(OUTCOME, record) == [], record
    assert {r["outcome"] for r in records} >= {"migrated", "error"}
