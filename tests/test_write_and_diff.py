import os
import stat

import pytest

from migrator.diff import render_diff
from migrator.model import FileChange
from migrator.write import apply_changes


def test_modes_survive_and_deletes_happen(tmp_path):
    (tmp_path / "build.sh").write_text("old\n")
    os.chmod(tmp_path / "build.sh", 0o755)
    (tmp_path / "Dockerfile.build").write_text("FROM a\n")
    apply_changes(tmp_path, (
        FileChange("build.sh", b"old\n", b"new\n", 0o100755),
        FileChange("Dockerfile.build", b"FROM a\n", None, 0o100644),
    ))
    assert (tmp_path / "build.sh").read_text() == "new\n"
    assert stat.S_IMODE((tmp_path / "build.sh").stat().st_mode) == 0o755
    assert not (tmp_path / "Dockerfile.build").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".migrate-")] == []


def test_a_failed_staging_changes_nothing(tmp_path):
    (tmp_path / "a").write_text("a\n")
    with pytest.raises(OSError):
        apply_changes(tmp_path, (
            FileChange("a", b"a\n", b"A\n", 0o100644),
            FileChange("missing-dir/b", b"", b"B\n", 0o100644),
        ))
    assert (tmp_path / "a").read_text() == "a\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a"]


def test_diff_marks_a_missing_final_newline():
    patch = render_diff((FileChange("x", b"one\ntwo", b"one\nTWO", 0o100644),))
    assert patch.endswith("-two\n\\ No newline at end of file\n+TWO\n\\ No newline at end of file\n")


def test_diff_headers_for_deleted_files_keep_the_mode():
    patch = render_diff((FileChange("run.sh", b"x\n", None, 0o100755),))
    assert patch.splitlines()[:4] == ["diff --git a/run.sh b/run.sh", "deleted file mode 100755", "--- a/run.sh",
                                      "+++ /dev/null"]
