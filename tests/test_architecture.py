"""The shape of the package: stages are pure (only the edges print, spawn or write files), and
modules and functions stay small."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "migrator"
EDGES = {*(f"cli/{p.name}" for p in (PACKAGE / "cli").glob("*.py")),
         "write.py", "__main__.py", "checkout.py", "verify/engine.py", "verify/docker_front.py",
         "verify/flows.py", "frontends/ci/run.py",
         "batch/pool.py"}
FORBIDDEN = {"click", "subprocess"}


STAGES = sorted(p for p in PACKAGE.rglob("*.py") if p.relative_to(PACKAGE).as_posix() not in EDGES)


@pytest.mark.parametrize("module", STAGES,
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


# The size limits that keep a newcomer able to read any module and any function in one sitting.
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


@pytest.mark.parametrize("module", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_and_functions_stay_small(module: Path):
    source = module.read_text()
    assert source.count("\n") <= MAX_MODULE_LINES
    long = [f"{node.name} ({node.end_lineno - node.lineno + 1} lines)" for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES]
    assert not long
