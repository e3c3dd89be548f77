"""Honest batch state: a report belongs to one mode and is never silently overwritten, a missing
--from entry is one error record, --per-project says what it skipped, records name their patch
files, patches carry --author and apply at --relative-to, the summary is the same bytes however
the work is scheduled, and the progress line fits the terminal."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import CORPUS, corpus_cases

from migrator.batch.progress import Progress

HREF = CORPUS / "01-docs-href-counter" / "legacy"
GCC = CORPUS / "02-c-hello-gcc" / "legacy"


def batch(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "migrator", "batch", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=300)


def records(report: Path) -> list[dict]:
    return [json.loads(line) for line in report.read_text().splitlines()]


@pytest.fixture
def two(tmp_path):
    repos = [tmp_path / "one", tmp_path / "two"]
    for repo, case in zip(repos, (HREF, GCC), strict=True):
        shutil.copytree(case, repo)
    return repos


def test_a_dry_run_report_cannot_be_resumed_with_write(two, tmp_path):
    report = tmp_path / "r.jsonl"
    assert batch(*map(str, two), "--report", str(report)).returncode == 0
    done = batch(*map(str, two), "--report", str(report), "--resume", "--write")
    assert done.returncode == 2
    assert f"Error: {report} was written by a dry-run run; a write run cannot resume it" in done.stderr
    assert (two[0] / "Dockerfile.build").exists()  # nothing was written
    assert batch(*map(str, two), "--report", str(report), "--resume").returncode == 0  # same mode: fine


def test_an_existing_report_without_resume_is_refused(two, tmp_path):
    report = tmp_path / "r.jsonl"
    assert batch(str(two[0]), "--report", str(report)).returncode == 0
    before = report.read_bytes()
    done = batch(str(two[1]), "--report", str(report))
    assert done.returncode == 2
    assert f"Error: {report} already holds a report: give --resume to go on with it" in done.stderr
    assert report.read_bytes() == before


def test_a_missing_from_entry_is_one_error_record_and_the_rest_run(two, tmp_path):
    listing = tmp_path / "repos.txt"
    listing.write_text(f"{two[0]}\n{tmp_path / 'gone'}\n{two[1]}\n")
    report = tmp_path / "r.jsonl"
    done = batch("--from", str(listing), "--report", str(report))
    assert done.returncode == 1
    by_path = {r["path"]: r for r in records(report)}
    assert by_path[str(tmp_path / "gone")]["outcome"] == "error"
    assert by_path[str(tmp_path / "gone")]["reason"] == "no such file or directory (listed in --from)"
    assert [by_path[str(r)]["outcome"] for r in two] == ["migrated", "migrated"]
    assert "3 repositories: 2 migrated, 0 nothing-to-migrate, 0 refused, 1 error" in done.stdout


@pytest.fixture
def monorepo(tmp_path):
    root = tmp_path / "mono"
    shutil.copytree(HREF, root / "services" / "api")
    shutil.copytree(GCC, root / "services" / "web")
    (root / "docs").mkdir()
    (root / "docs" / "Dockerfile").write_text("FROM busybox:1.36\n")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "legacy"], cwd=root,
                   check=True)
    return root


def test_per_project_records_what_it_skipped(monorepo, tmp_path):
    report = tmp_path / "r.jsonl"
    done = batch("--per-project", str(monorepo), "--report", str(report))
    assert done.returncode == 0, done.stderr
    outcomes = {Path(r["path"]).relative_to(monorepo).as_posix(): (r["outcome"], r["reason"]) for r in records(report)}
    assert outcomes == {
        "docs": ("skipped", "a Dockerfile, but no build script here or one level down runs `docker build`"),
        "services/api": ("migrated", None),
        "services/web": ("migrated", None),
    }
    assert "2 repositories: 2 migrated, 0 nothing-to-migrate, 0 refused, 0 error (1 folder skipped)" in done.stdout


def test_patches_name_their_author_apply_at_the_root_and_are_named_in_the_records(monorepo, tmp_path):
    report, patches = tmp_path / "r.jsonl", tmp_path / "patches"
    done = batch("--per-project", str(monorepo), "--report", str(report), "--patch-dir", str(patches),
                 "--relative-to", str(monorepo), "--author", "Fleet Bot <fleet@example.com>")
    assert done.returncode == 0, done.stderr
    migrated = [r for r in records(report) if r["outcome"] == "migrated"]
    assert len(migrated) == 2
    for record in migrated:
        patch, body = Path(record["patch"]), Path(record["pull_request"])
        assert patch.parent == body.parent == patches and body.read_text().strip()
        text = patch.read_text()
        assert "\nFrom: Fleet Bot <fleet@example.com>\n" in text
        folder = Path(record["path"]).relative_to(monorepo).as_posix()
        assert f"diff --git a/{folder}/Dockerfile b/{folder}/Dockerfile\n" in text
        applied = subprocess.run(["git", "am", "-q", str(patch)], cwd=monorepo, capture_output=True, text=True,
                                 env={"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t", "HOME": str(tmp_path)})
        assert applied.returncode == 0, applied.stderr
    assert not (monorepo / "services" / "api" / "Dockerfile.build").exists()
    log = subprocess.run(["git", "log", "--format=%an <%ae>", "-1"], cwd=monorepo, capture_output=True, text=True)
    assert log.stdout == "Fleet Bot <fleet@example.com>\n"
    bad = batch(str(monorepo / "services" / "api"), "--author", "no email")
    assert bad.returncode == 2 and "expected 'NAME <EMAIL>'" in bad.stderr
    outside = batch(str(monorepo / "services" / "api"), "--relative-to", str(monorepo / "docs"))
    assert outside.returncode == 2 and "is not inside it" in outside.stderr


def test_the_summary_is_the_same_bytes_in_any_schedule(tmp_path):
    fleet = tmp_path / "fleet"
    for case in corpus_cases():
        shutil.copytree(case / "legacy", fleet / case.name, symlinks=True)
    runs = []
    for attempt in range(2):
        summary = tmp_path / f"summary{attempt}.md"
        done = batch(str(fleet / "*"), "-j4", "--summary", str(summary))
        assert done.returncode == 0, done.stderr
        runs.append((done.stdout, summary.read_bytes()))
    assert runs[0] == runs[1]
    assert "most common reasons:" in runs[0][0]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("columns", [20, 40, 80, 200])
def test_the_progress_line_fits_the_terminal(monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", str(columns))
    stream = _Terminal()
    progress = Progress(12345, stream, interactive=True)
    for outcome in ("migrated", "refused", "error", "nothing-to-migrate"):
        progress.update(outcome)
    progress.finish()
    for line in stream.getvalue().split("\r"):
        shown = line.replace("\x1b[2K", "").rstrip("\n")
        assert len(shown) < columns, shown
