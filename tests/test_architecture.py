"""Stages are pure: only the edges (cli, write) may print, spawn or write files."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "migrator"
EDGES = {"cli.py", "write.py", "__main__.py", "checkout.py", "verify/engine.py", "verify/docker_front.py", "verify/flows.py",
         "batch/pool.py"}
FORBIDDEN = {"click", "subprocess"}


@pytest.mark.parametrize("module", sorted(p for p in PACKAGE.rglob("*.py") if p.relative_to(PACKAGE).as_posix() not in EDGES),
                         ids=lambda p: str(p.relative_to(PACKAGE)))
def test_stage_modules_do_not_import_edges(module: Path):
    tree = ast.parse(module.read_text())
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    assert not imported & FORBIDDEN
