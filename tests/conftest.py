from __future__ import annotations

import shutil
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def corpus_cases() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if (p / "legacy").is_dir())


def snapshot(root: Path) -> dict[str, tuple[bytes, bool]]:
    """Every file under root: content and whether it is executable."""
    out = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and ".git" not in path.relative_to(root).parts:
            out[path.relative_to(root).as_posix()] = (path.read_bytes(), bool(path.stat().st_mode & 0o111))
    return out


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
