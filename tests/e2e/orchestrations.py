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


def as_makefile_recipe(script: str, rng: random.Random) -> dict[str, str]:
    """The script as the recipe of one Makefile target, run as one shell (.ONESHELL), each `$`
    doubled for make; the target is the default goal or a prerequisite of it."""
    body = script.split("\n", 1)[1].rstrip("\n").split("\n")  # without its #! line
    target = rng.choice(["image", "build", "release"])
    lines = ["# generated: the build in one recipe", ".ONESHELL:", ""]
    phony = [target]
    if rng.random() < 0.5:
        lines += [f"all: {target}", ""]
        phony.insert(0, "all")
    lines += [f"{target}:", *("\t" + line.replace("$", "$$") for line in body), ""]
    lines.append(".PHONY: " + " ".join(phony))
    return {"Makefile": "\n".join(lines) + "\n"}


def as_makefile_calling_script(script: str, rng: random.Random) -> dict[str, str]:
    """`build.sh` as written, run by a Makefile target (a flow across two files)."""
    call = rng.choice(["./build.sh", "sh build.sh", "@./build.sh"])
    makefile = f"image:\n\t{call}\n\t@echo image built\n\n.PHONY: image\n"
    return {"build.sh": script, "Makefile": makefile}


ORCHESTRATIONS: dict[str, tuple[int, Orchestration]] = {
    "build.sh": (6, as_shell_script),
    "Makefile recipe": (2, as_makefile_recipe),
    "Makefile calling build.sh": (1, as_makefile_calling_script),
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
