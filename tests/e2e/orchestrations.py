"""Where a generated flow's commands live: in `build.sh` as written, or moved into another
orchestration file that runs them the same way (a Makefile target, a CI job, a Python script).

Each orchestration takes the generated shell script and a random source, and returns the files
that replace `build.sh` (paths relative to the repository). A front end joins the differential
test by adding one entry to ORCHESTRATIONS, with a weight: how often it is picked."""

from __future__ import annotations

import random
from collections.abc import Callable

Orchestration = Callable[[str, random.Random], dict[str, str]]


def as_shell_script(script: str, rng: random.Random) -> dict[str, str]:
    return {"build.sh": script}


ORCHESTRATIONS: dict[str, tuple[int, Orchestration]] = {
    "build.sh": (6, as_shell_script),
}


def orchestrate(script: str, rng: random.Random) -> tuple[str, dict[str, str]]:
    """The orchestration picked, and its files. With a single one the random source is left
    untouched, so that adding none keeps every seed's repository as it was."""
    names = sorted(ORCHESTRATIONS)
    if len(names) == 1:
        name = names[0]
    else:
        name = rng.choices(names, weights=[ORCHESTRATIONS[n][0] for n in names])[0]
    return name, ORCHESTRATIONS[name][1](script, rng)
