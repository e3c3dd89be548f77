"""Bad input never passes: what cannot be read refuses naming the path and the OS error (never
"nothing to migrate", exit 0, a traceback or a hang), in single and batch mode; bytes that are not
UTF-8 survive; a repository that cannot be written is left as it was; symbolic links stay links;
Ctrl-C exits 130 in every command.

The tests run as root in CI, where permissions do not stop a read: the unreadable and unwritable
cases run migrate as root without the capabilities that bypass file permissions (setpriv), so the
owner's mode bits apply as they would to any user."""

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
from support import CORPUS, snapshot

from migrator.cli import main
from migrator.outcome import Refused
from migrator.pipeline import migrate_repo

DOCS = CORPUS / "01-docs-href-counter" / "legacy"
_NO_BYPASS = "-dac_override,-dac_read_search"


def _unprivileged() -> list[str]:
    """The argv prefix that runs a command without the power to ignore file permissions."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root, and setpriv (util-linux) is missing to drop the permission-bypassing "
                    "capabilities")
    probe = subprocess.run(["setpriv", f"--inh-caps={_NO_BYPASS}", f"--bounding-set={_NO_BYPASS}", "true"],
                           capture_output=True)
    if probe.returncode != 0:
        pytest.skip(f"cannot drop capabilities here: {probe.stderr.decode(errors='replace').strip()}")
    return ["setpriv", f"--inh-caps={_NO_BYPASS}", f"--bounding-set={_NO_BYPASS}"]


def migrate(*args: str, unprivileged: bool = False, timeout: float = 60) -> subprocess.CompletedProcess:
    prefix = _unprivileged() if unprivileged else []
    return subprocess.run([*prefix, sys.executable, "-m", "migrator", *args], capture_output=True, text=True,
                          timeout=timeout, errors="surrogateescape",
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)})


@pytest.fixture
def repo(tmp_path):
    target = tmp_path / "repo"
    shutil.copytree(DOCS, target, symlinks=True)
    return target


def _unreadable_file(repo: Path) -> str:
    (repo / "build.sh").chmod(0)
    return "MIG123: cannot read build.sh: Permission denied"


def _unreadable_folder(repo: Path) -> str:
    (repo / "scripts").mkdir()
    (repo / "build.sh").rename(repo / "scripts" / "build.sh")
    (repo / "scripts").chmod(0)
    return "MIG123: cannot read scripts/: Permission denied"


def _symlink_loop(repo: Path) -> str:
    (repo / "build.sh").unlink()
    (repo / "build.sh").symlink_to("build.sh")
    return "MIG123: cannot read build.sh: Too many levels of symbolic links"


def _fifo(repo: Path) -> str:
    (repo / "build.sh").rename(repo / "make-image.sh")
    os.mkfifo(repo / "run.sh")  # read with a plain open(), this would block for ever
    return "MIG123: cannot read run.sh: it is a FIFO, not a regular file"


def _device(repo: Path) -> str:
    (repo / "build.sh").unlink()
    (repo / "build.sh").symlink_to("/dev/zero")  # read to its end, this would never end
    return "MIG123: cannot read build.sh: it is a character device, not a regular file"


@pytest.mark.parametrize("breaks", [
    pytest.param(_unreadable_file, id="unreadable file"),
    pytest.param(_unreadable_folder, id="unreadable folder"),
    pytest.param(_symlink_loop, id="symlink loop"),
    pytest.param(_fifo, id="fifo"),
    pytest.param(_device, id="device"),
])
def test_what_cannot_be_read_is_refused_by_name_in_every_mode(repo, breaks, tmp_path):
    expected = breaks(repo)
    for mode in ([], ["--check"], ["--dry-run"], ["--check", "--diff"]):
        done = migrate(str(repo), *mode, unprivileged=True, timeout=30)
        found = [line for line in done.stderr.splitlines() if line.startswith("MIG")]
        assert (done.returncode, found) == (3, [expected]), (mode, done.stderr)
        assert f"error in {repo}: nothing was written\n" in done.stdout + done.stderr
    report = tmp_path / "report.jsonl"
    done = migrate("batch", str(repo), "--report", str(report), unprivileged=True, timeout=60)
    assert done.returncode == 1, done.stderr
    (record,) = [json.loads(line) for line in report.read_text().splitlines()]
    assert (record["outcome"], [f["text"] for f in record["findings"]]) == ("error", [expected])
    (repo / "scripts").exists() and (repo / "scripts").chmod(0o755)  # so that tmp_path can be cleaned


def test_a_script_over_the_limit_refuses_in_well_under_a_second(repo):
    with open(repo / "build.sh", "a") as script:
        script.write("#" * 200_000_000 + "\n")
    started = time.perf_counter()
    outcome = migrate_repo(repo)
    elapsed = time.perf_counter() - started
    assert isinstance(outcome, Refused) and outcome.findings[0].code == "MIG151"
    assert elapsed < 0.5, elapsed


def test_bytes_that_are_not_utf8_survive_every_mode(repo):
    comment = b"# caf\xe9 \xff\xfe na\xefve\n"
    (repo / "build.sh").write_bytes((repo / "build.sh").read_bytes() + comment)
    (repo / "Dockerfile").write_bytes(b"# \xe9t\xe9\n" + (repo / "Dockerfile").read_bytes())
    done = subprocess.run([sys.executable, "-m", "migrator", str(repo), "--dry-run"], capture_output=True)
    assert done.returncode == 0, done.stderr
    assert b"+# \xe9t\xe9\n" not in done.stdout and b" # \xe9t\xe9\n" in done.stdout  # kept, as context
    applied = subprocess.run(["git", "apply", "--check", "-"], input=done.stdout, cwd=repo, capture_output=True)
    assert applied.returncode == 0, applied.stderr
    assert migrate(str(repo), "--check").returncode == 1
    done = migrate(str(repo))
    assert done.returncode == 0, done.stderr
    assert (repo / "build.sh").read_bytes().endswith(comment)
    assert (repo / "Dockerfile").read_bytes().count(b"# \xe9t\xe9\n") == 1


def test_a_repository_that_cannot_be_written_is_left_as_it_was(repo):
    before = snapshot(repo)
    repo.chmod(0o555)
    try:
        done = migrate(str(repo), unprivileged=True)
    finally:
        repo.chmod(0o755)
    assert done.returncode == 3
    assert done.stderr.splitlines() == ["MIG300: cannot write Dockerfile: Permission denied; nothing was written"]
    assert snapshot(repo) == before
    assert list(repo.rglob(".migrate-*")) == []


def test_one_folder_that_cannot_be_written_leaves_the_others_unchanged(repo):
    """The Dockerfile's folder is writable, the script's is not: what was staged is undone."""
    (repo / "ci").mkdir()
    (repo / "build.sh").rename(repo / "ci" / "build.sh")
    (repo / "build.sh").symlink_to("ci/build.sh")
    before = snapshot(repo)
    (repo / "ci").chmod(0o555)
    try:
        done = migrate(str(repo), unprivileged=True)
    finally:
        (repo / "ci").chmod(0o755)
    assert done.returncode == 3
    assert done.stderr.splitlines() == ["MIG300: cannot write ci/build.sh: Permission denied; nothing was written"]
    assert snapshot(repo) == before
    assert list(repo.rglob(".migrate-*")) == []  # no staged file left behind


def test_symlinked_script_and_dockerfile_are_rewritten_through_the_links(repo):
    (repo / "ci").mkdir()
    for name in ("build.sh", "Dockerfile"):
        (repo / name).rename(repo / "ci" / name)
        (repo / name).symlink_to(f"ci/{name}")
    done = migrate(str(repo))
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"migrated {repo}: rewrote ci/Dockerfile, rewrote ci/build.sh, deleted Dockerfile.build\n"
    for name in ("build.sh", "Dockerfile"):
        assert os.readlink(repo / name) == f"ci/{name}"
    expected = CORPUS / "01-docs-href-counter" / "expected"
    assert (repo / "ci" / "Dockerfile").read_bytes() == (expected / "Dockerfile").read_bytes()
    assert (repo / "ci" / "build.sh").read_bytes() == (expected / "build.sh").read_bytes()


def test_a_link_out_of_the_repository_is_not_written_through(repo, tmp_path):
    outside = tmp_path / "shared-Dockerfile"
    (repo / "Dockerfile").rename(outside)
    (repo / "Dockerfile").symlink_to(outside)
    done = migrate(str(repo))
    assert done.returncode == 3
    assert done.stderr.startswith("MIG300: cannot write Dockerfile: it is a symbolic link to ")
    assert outside.read_bytes() == (DOCS / "Dockerfile").read_bytes()


_SLOW = """
import sys, time
import migrator.pipeline, migrator.verify.flows
def slow(*args, **kwargs):
    print("started", flush=True)
    time.sleep(60)
migrator.pipeline.migrate_repo = slow
migrator.verify.flows.verify_repo = slow
from migrator.cli import main
main(sys.argv[1:], prog_name="migrate")
"""


@pytest.mark.parametrize("command", [
    pytest.param([], id="migrate"),
    pytest.param(["--check"], id="check"),
    pytest.param(["explain"], id="explain"),
    pytest.param(["verify", "--engine", "podman"], id="verify"),
])
def test_ctrl_c_exits_130_in_every_command(repo, command):
    args = [*command, str(repo)] if command[:1] in (["explain"], ["verify"]) else [str(repo), *command]
    process = subprocess.Popen([sys.executable, "-c", _SLOW, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    assert process.stdout is not None
    assert process.stdout.readline() == "started\n"
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 130, err
    assert "Traceback" not in err and "interrupted" in err


def test_nothing_unreadable_passes_as_nothing_to_migrate(repo):
    _unreadable_folder(repo)
    try:
        done = migrate(str(repo), "--check", unprivileged=True)
    finally:
        (repo / "scripts").chmod(0o755)
    assert done.returncode == 3 and "nothing to migrate" not in done.stdout


def test_an_unreadable_configuration_is_a_usage_error(repo):
    (repo / ".migrate.toml").write_text('script = "build.sh"\n')
    (repo / ".migrate.toml").chmod(0)
    done = migrate(str(repo), "--check", unprivileged=True)
    (repo / ".migrate.toml").chmod(0o644)
    assert done.returncode == 2
    assert "Error: .migrate.toml: cannot read it: Permission denied" in done.stderr


def test_clirunner_sees_the_same(repo):
    _symlink_loop(repo)
    result = CliRunner().invoke(main, [str(repo), "--format", "json"])
    assert result.exit_code == 3
    assert json.loads(result.stdout)["outcome"] == "error"
