"""The front ends the pipeline knows, by name: the one place a new front end is added."""

from __future__ import annotations

from migrator.frontends.base import FrontEnd
from migrator.frontends.ci import CI
from migrator.frontends.cmd import CMD
from migrator.frontends.make import MAKE
from migrator.frontends.powershell import POWERSHELL
from migrator.frontends.python import PYTHON
from migrator.frontends.shell import SHELL

FRONT_ENDS: dict[str, FrontEnd] = {
    "shell": SHELL,
    "make": MAKE,
    "cmd": CMD,
    "powershell": POWERSHELL,
    "python": PYTHON,
    "ci": CI,
}


def front_end_for(path: str, head: bytes) -> FrontEnd | None:
    """The front end that reads PATH (whose first bytes are HEAD), if any."""
    return next((f for f in FRONT_ENDS.values() if f.claims(path, head)), None)
