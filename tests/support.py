"""Helpers the corpus tests share (fixtures live in conftest.py)."""

from __future__ import annotations

from pathlib import Path

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
