"""Every corpus case, run as a user runs it, must give exactly its expected tree or message.
Each migrated case also passes these proof checks: migrating the result again finds nothing to
do, every Dockerfile written parses with BuildKit's own parser, every Makefile written still
reads with GNU make (`make -n`), every Python build script written compiles, and every YAML file
(a CI file) still reads as YAML."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import dockerfile
import pytest
import yaml
from click.testing import CliRunner
from support import corpus_cases, snapshot

from migrator.cli import main
from migrator.frontends.make import MAKE


def _flags(case: Path) -> list[str]:
    flags = case / "flags.txt"
    return flags.read_text().split() if flags.exists() else []


def _finding_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("MIG")]


def _expected_lines(case: Path, name: str) -> list[str]:
    path = case / name
    return path.read_text().splitlines() if path.exists() else []


@pytest.mark.parametrize("case", corpus_cases(), ids=lambda p: p.name)
def test_corpus_case(case: Path, copy_case):
    repo = copy_case(case)
    before = snapshot(repo)
    result = CliRunner().invoke(main, [str(repo), *_flags(case)])
    if (case / "expected-refusal.txt").exists():
        assert result.exit_code == 3, result.output
        assert _finding_lines(result.stderr) == _expected_lines(case, "expected-refusal.txt")
        assert snapshot(repo) == before, "a refused migration must change no file"
    elif (case / "expected-nothing.txt").exists():
        assert result.exit_code == 0, result.output
        assert result.stdout.replace(str(repo), ".") == (case / "expected-nothing.txt").read_text()
        assert snapshot(repo) == before
    else:
        assert result.exit_code == 0, result.output
        assert snapshot(repo) == snapshot(case / "expected")
        assert _finding_lines(result.stderr) == _expected_lines(case, "expected-warnings.txt")
        again = CliRunner().invoke(main, [str(repo), "--check", *_flags(case)])
        assert again.exit_code == 0 and again.stdout.startswith("nothing to migrate"), again.output


@pytest.mark.parametrize("case", [c for c in corpus_cases() if (c / "expected").is_dir()], ids=lambda p: p.name)
def test_written_dockerfiles_parse_with_buildkit(case: Path):
    for path in (case / "expected").rglob("*"):
        if path.is_file() and "Dockerfile" in path.name:
            parsed = dockerfile.parse_string(path.read_text())
            names = [c.value[2].lower() for c in parsed if c.cmd == "FROM" and len(c.value) == 3]
            assert len(names) == len(set(names)), f"duplicate stage names in {path}"
            for command in parsed:
                for flag in command.flags:
                    if flag.startswith("--from="):
                        ref = flag.split("=", 1)[1]
                        assert ref.lower() in names or ":" in ref or ref.isdigit(), f"{path}: --from={ref}"


@pytest.mark.parametrize("case", [c for c in corpus_cases() if any((c / "expected").rglob("*.py"))],
                         ids=lambda p: p.name)
def test_written_python_compiles(case: Path):
    for path in (case / "expected").rglob("*.py"):
        compile(path.read_text(), str(path), "exec", dont_inherit=True)
@pytest.mark.parametrize("case", [c for c in corpus_cases() if (c / "expected").is_dir()], ids=lambda p: p.name)
def test_written_yaml_files_parse(case: Path):
    for path in (case / "expected").rglob("*"):
        if path.is_file() and path.suffix in (".yml", ".yaml"):
            assert isinstance(yaml.safe_load(path.read_text()), dict), path


def test_corpus_is_big_enough():
    cases = corpus_cases()
    migrated = [c for c in cases if (c / "expected").is_dir()]
    refused = [c for c in cases if (c / "expected-refusal.txt").exists()]
    assert len(cases) >= 20 and len(migrated) >= 15 and len(refused) >= 10


@pytest.mark.skipif(shutil.which("make") is None, reason="GNU make is not installed")
@pytest.mark.parametrize("case", [c for c in corpus_cases() if (c / "expected").is_dir()
                                  and any(MAKE.claims(p.name, b"") for p in (c / "expected").rglob("*"))],
                         ids=lambda p: p.name)
def test_written_makefiles_read_with_make(case: Path, tmp_path):
    tree = tmp_path / "tree"  # a copy: `make -n` still runs `$(MAKE)` lines
    shutil.copytree(case / "expected", tree, symlinks=True)
    for path in sorted(tree.rglob("*")):
        if path.is_file() and MAKE.claims(path.name, b""):
            done = subprocess.run(["make", "-n", "-f", path.name], cwd=path.parent, capture_output=True, text=True,
                                  timeout=60)
            assert done.returncode == 0, f"{path.relative_to(tree)}: {done.stderr}"
