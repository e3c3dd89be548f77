"""The --dry-run diff, applied with `git apply` inside PATH, gives exactly the write-mode result."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import corpus_cases, snapshot

from migrator.cli import main

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(repo: Path, *args: str, stdin: bytes | None = None) -> None:
    subprocess.run(["git", "-c", "user.email=t@example.com", "-c", "user.name=t", *args], cwd=repo, check=True,
                   input=stdin, capture_output=True)


@pytest.mark.parametrize("case", [c for c in corpus_cases() if (c / "expected").is_dir()], ids=lambda p: p.name)
def test_git_apply_of_dry_run_equals_write(case: Path, copy_case):
    repo = copy_case(case)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "legacy")
    result = CliRunner().invoke(main, [str(repo), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("diff --git a/")
    assert snapshot(repo) == snapshot(case / "legacy"), "--dry-run must write nothing"
    # stdout_bytes: click's text view of the output turns CRLF into LF
    _git(repo, "apply", "--whitespace=nowarn", "-", stdin=result.stdout_bytes)
    assert snapshot(repo) == snapshot(case / "expected")
