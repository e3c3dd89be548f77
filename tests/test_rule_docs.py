"""rule_docs documents exactly the codes of findings.RULES, and each module's docstring names the
codes it holds (a single code, or a range MIGnnn-MIGmmm)."""

import re

import pytest

from migrator.findings import RULES
from migrator.rule_docs import DOCS, MODULES


def test_no_doc_for_a_code_that_is_gone():
    assert sorted(set(DOCS) - set(RULES)) == []


def test_no_code_is_documented_twice():
    codes = [doc.code for module in MODULES for doc in module.DOCS]
    assert len(codes) == len(set(codes)) == len(DOCS)


def _named(docstring: str) -> set[str]:
    named = set()
    for first, last in re.findall(r"MIG(\d{3})(?:-MIG(\d{3}))?", docstring):
        named.update(f"MIG{n}" for n in range(int(first), int(last or first) + 1))
    return named


@pytest.mark.parametrize("module", [pytest.param(m, id=m.__name__.rsplit(".", 1)[-1]) for m in MODULES])
def test_module_docstring_names_its_codes(module):
    held = {doc.code for doc in module.DOCS}
    assert held == _named(module.__doc__) & set(RULES)
