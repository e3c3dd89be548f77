"""Every finding code is documented in the README and used by the code; none drifts."""

import re
from pathlib import Path

from migrator.findings import RULES

ROOT = Path(__file__).resolve().parent.parent


def test_every_code_has_a_readme_row():
    readme = (ROOT / "README.md").read_text()
    documented = set(re.findall(r"^\| (MIG\d{3}) \|", readme, flags=re.M))
    assert documented == set(RULES)


def test_every_code_is_emitted_somewhere():
    source = "".join(p.read_text() for p in (ROOT / "migrator").rglob("*.py") if p.name != "findings.py")
    unused = {code for code in RULES if f'"{code}"' not in source}
    assert not unused
