"""The clean checkout is the model: untracked and ignored files in a git work tree change nothing."""

from __future__ import annotations

import subprocess

from migrator.checkout import read_checkout
from migrator.outcome import Migrated
from migrator.pipeline import migrate_repo

FILES = {
    "build.sh": "#!/bin/sh\nset -e\ndocker build -t t:build -f Dockerfile.build .\ndocker create --name t-x t:build\n"
                "docker cp t-x:/o/dist out\ndocker rm t-x\ndocker build -t t .\n",
    "Dockerfile.build": "FROM busybox:1.36\nRUN mkdir -p /o/dist && echo a > /o/dist/a\n",
    "Dockerfile": "FROM busybox:1.36\nCOPY out /srv\n",
    ".gitignore": "out/\n",
}


def _git(repo, *args):
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=repo, check=True,
                   capture_output=True)


def test_a_leftover_output_directory_changes_nothing(make_repo):
    clean = make_repo(FILES, name="clean")
    dirty = make_repo(FILES, name="dirty")
    _git(dirty, "init", "-q")
    _git(dirty, "add", ".")
    _git(dirty, "commit", "-qm", "legacy")
    (dirty / "out" / "stale").mkdir(parents=True)  # an earlier build's output, git-ignored
    (dirty / "out" / "stale" / "x").write_text("old")
    (dirty / "notes.txt").write_text("untracked")
    assert "out/stale/x" not in read_checkout(dirty).files and "notes.txt" not in read_checkout(dirty).files
    expected, got = migrate_repo(clean), migrate_repo(dirty)
    assert isinstance(expected, Migrated) and isinstance(got, Migrated)
    assert [(c.path, c.new) for c in got.changes] == [(c.path, c.new) for c in expected.changes]
    assert "COPY --from=t-build --chown=0:0 /o/dist /srv" in got.changes[0].new.decode()


def test_outside_a_git_work_tree_every_file_counts(make_repo):
    repo = make_repo({**FILES, "out/x": "x"})
    assert "out/x" in read_checkout(repo).files and "out" in read_checkout(repo).dirs


def test_a_directory_git_tracks_nothing_of_is_read_as_it_is(make_repo):
    repo = make_repo({**FILES, "out/x": "x"})
    _git(repo.parent, "init", "-q")  # a work tree around the repository, which is not added to it
    assert "build.sh" in read_checkout(repo).files and "out/x" in read_checkout(repo).files
