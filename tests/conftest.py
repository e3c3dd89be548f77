"""Fixtures every test directory shares."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


@pytest.fixture
def make_repo(tmp_path):
    """Write {path: text} into a fresh directory; paths ending in .sh are made executable."""
    def make(files: dict[str, str], name: str = "repo") -> Path:
        root = tmp_path / name
        for rel, text in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode())
            if rel.endswith(".sh"):
                path.chmod(0o755)
        root.mkdir(exist_ok=True)
        return root
    return make


@pytest.fixture
def copy_case(tmp_path):
    def copy(case: Path) -> Path:
        target = tmp_path / case.name
        shutil.copytree(case / "legacy", target, symlinks=True)
        return target
    return copy
