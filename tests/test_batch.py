"""migrate batch: same results as `migrate PATH`, patches that apply, crash/hang isolation,
resume after kill -9, shards, inputs."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import corpus_cases, snapshot

import migrator.batch.pool as batch_module
from migrator.batch.pool import BatchOptions, run_batch
from migrator.batch.records import patch_name
from migrator.cli import main

CASES = corpus_cases()


def expected_outcome(case: Path) -> str:
    if (case / "expected").is_dir():
        return "migrated"
    return "refused" if (case / "expected-refusal.txt").exists() else "nothing-to-migrate"


@pytest.fixture
def fleet(tmp_path):
    """A copy of every corpus case's legacy tree, as fleet/<case>."""
    root = tmp_path / "fleet"
    for case in CASES:
        shutil.copytree(case / "legacy", root / case.name, symlinks=True)
    return root


def batch(*args: str, cwd: Path | None = None, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "migrator", "batch", *args], capture_output=True, text=True,
                          cwd=cwd, input=stdin, timeout=300)


def read_report(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_batch_gives_each_repo_the_outcome_and_messages_of_migrate_path(fleet, tmp_path):
    done = batch(str(fleet / "*"), "--report", str(tmp_path / "r.jsonl"), "--jobs", "2")
    assert done.returncode == 0, done.stderr
    records = {Path(r["path"]).name: r for r in read_report(tmp_path / "r.jsonl")}
    assert set(records) == {c.name for c in CASES}
    for case in CASES:
        assert records[case.name]["outcome"] == expected_outcome(case), case.name
    refused = next(c for c in CASES if expected_outcome(c) == "refused")
    single = CliRunner().invoke(main, [str(fleet / refused.name)])
    assert single.exit_code == 3
    assert [r["text"] for r in records[refused.name]["findings"]] == [
        line for line in single.stderr.splitlines() if line.startswith("MIG")]
    assert f"{len(CASES)} repositories:" in done.stdout


def test_dry_run_changes_nothing_and_patches_apply_like_write(fleet, tmp_path):
    before = {case.name: snapshot(fleet / case.name) for case in CASES}
    patches = tmp_path / "patches"
    done = batch(str(fleet), "--per-project", "--patch-dir", str(patches), "--jobs", "2")
    assert done.returncode == 0, done.stderr
    assert {case.name: snapshot(fleet / case.name) for case in CASES} == before
    written = tmp_path / "written"
    shutil.copytree(fleet, written, symlinks=True)
    assert batch(str(written), "--per-project", "--write").returncode == 0
    migrated = [c for c in CASES if expected_outcome(c) == "migrated"]
    assert len(list(patches.glob("*.patch"))) == len(migrated)
    for case in migrated:
        name = patch_name(os.path.normpath(str(fleet / case.name)))
        body = (patches / f"{name}.md").read_text()
        assert "COPY --from=" in body and "| built at" in body
        fresh = tmp_path / "fresh" / case.name
        shutil.copytree(case / "legacy", fresh, symlinks=True)
        applied = subprocess.run(["git", "apply", str(patches / f"{name}.patch")], cwd=fresh, capture_output=True,
                                 text=True)
        assert applied.returncode == 0, applied.stderr
        assert snapshot(fresh) == snapshot(written / case.name), case.name


def _misbehaving_migrate(path, options=None):
    if path.name == "crash":
        os._exit(9)
    if path.name == "hang":
        time.sleep(600)
    if path.name == "unreadable":
        raise PermissionError(13, "Permission denied", str(path / "build.sh"))
    return ORIGINAL(path, options)


ORIGINAL = batch_module.migrate_repo


def test_a_crash_a_hang_and_an_unreadable_repo_do_not_stop_the_others(tmp_path, monkeypatch):
    paths = []
    for name in ("crash", "hang", "unreadable"):
        (tmp_path / name).mkdir()
        paths.append(str(tmp_path / name))
    good = [str(c / "legacy") for c in CASES[:6]]
    monkeypatch.setattr(batch_module, "migrate_repo", _misbehaving_migrate)  # forked workers inherit it
    results = []
    run_batch(paths + good, BatchOptions(write=False, jobs=2, timeout=3, patches=False), results.append)
    by_path = {r.record["path"]: r.record for r in results}
    assert len(results) == len(paths) + len(good)
    assert by_path[paths[0]]["outcome"] == "error"
    assert "worker process died (exit code 9)" in by_path[paths[0]]["reason"]
    assert by_path[paths[1]]["reason"] == "timed out after 3 s"
    assert by_path[paths[2]]["reason"].startswith("PermissionError: [Errno 13] Permission denied")
    assert all(by_path[p]["outcome"] != "error" for p in good)


def test_kill_9_then_resume_records_every_repo_exactly_once(tmp_path):
    fleet = tmp_path / "many"
    for i in range(300):
        case = CASES[i % len(CASES)]
        shutil.copytree(case / "legacy", fleet / f"r{i:03d}-{case.name}", symlinks=True)
    report = tmp_path / "r.jsonl"
    args = [sys.executable, "-m", "migrator", "batch", str(fleet / "*"), "--report", str(report), "--jobs", "1"]
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not report.exists() or report.read_text().count("\n") < 20):
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()
    partial = report.read_text().count("\n")
    assert 20 <= partial < 300, "the batch should be killed half way"
    resumed = subprocess.run([*args, "--resume"], capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    assert f"resuming: {partial} of 300" in resumed.stderr
    paths = [r["path"] for r in read_report(report)]
    assert sorted(paths) == sorted(str(p) for p in fleet.iterdir())
    assert len(paths) == len(set(paths)) == 300


def test_a_torn_last_line_is_dropped_on_resume(tmp_path):
    repo = tmp_path / "one"
    shutil.copytree(CASES[1] / "legacy", repo)
    report = tmp_path / "r.jsonl"
    report.write_text('{"path": "elsewhere", "outcome": "refused", "mode": "dry-run"}\n{"path": "' + str(repo)[:5])
    done = batch(str(repo), "--report", str(report), "--resume")
    assert done.returncode == 0, done.stderr
    assert [r["path"] for r in read_report(report)] == ["elsewhere", str(repo)]


def test_shards_split_the_inputs_without_overlap(fleet, tmp_path):
    seen = []
    for k in (1, 2, 3):
        out = tmp_path / f"shard{k}.jsonl"
        assert batch(str(fleet / "*"), "--shard", f"{k}/3", "--report", str(out)).returncode == 0
        seen += [r["path"] for r in read_report(out)]
    assert sorted(seen) == sorted(str(fleet / c.name) for c in CASES)


def test_paths_from_stdin_and_usage_errors(fleet, tmp_path):
    listing = "\n".join(str(fleet / c.name) for c in CASES[:3]) + "\n"
    done = batch("--from", "-", stdin=listing)
    assert done.returncode == 0 and "3 repositories:" in done.stdout
    assert batch(str(tmp_path / "nope*")).returncode == 2
    assert batch(str(fleet), "--resume").returncode == 2
    assert batch(str(fleet), "--shard", "4/3").returncode == 2


def test_ctrl_c_stops_cleanly_and_says_how_to_resume(tmp_path):
    fleet = tmp_path / "many"
    for i in range(400):
        shutil.copytree(CASES[i % len(CASES)] / "legacy", fleet / f"r{i:03d}", symlinks=True)
    report = tmp_path / "r.jsonl"
    process = subprocess.Popen([sys.executable, "-m", "migrator", "batch", str(fleet / "*"), "--report", str(report),
                                "--jobs", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    while not report.exists() or report.read_text().count("\n") < 10:
        time.sleep(0.01)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "interrupted:" in err and "--resume" in err
    assert "Traceback" not in err
