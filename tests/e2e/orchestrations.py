"""Where a generated flow's commands live: in `build.sh` as written, or moved into another
orchestration file that runs them the same way (a Makefile target, a CI job, a Python script).

Each orchestration takes the generated shell script and a random source, and returns the files
that replace `build.sh` (paths relative to the repository). A front end joins the differential
test by adding one entry to ORCHESTRATIONS, with a weight: how often it is picked."""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable

import yaml

Orchestration = Callable[[str, random.Random], dict[str, str]]


def as_shell_script(script: str, rng: random.Random) -> dict[str, str]:
    return {"build.sh": script}


def in_a_ci_file(script: str, rng: random.Random) -> dict[str, str]:
    """The script's commands as one job of Travis, GitLab CI or GitHub Actions: one list item (or
    step) per line where each line stands alone, else one `|` block; items that would not read
    back as the same plain scalar are double-quoted."""
    body = [line for line in script.splitlines()[1:] if line.strip()]
    whole = "\n".join(body) + "\n"
    one_block = rng.random() < 0.3 or any(line[0].isspace() or line.endswith(("{", "}")) for line in body)
    service = rng.choice(["travis", "gitlab", "github"])
    if service == "github":
        # a new shell per step: a variable or `cd` would not reach the next one
        steps_of = [line for line in body if line != "set -e"]  # each step runs `bash -e` anyway
        separate = not one_block and not re.search(r"^(?:\w+=|cd |set )", "\n".join(steps_of), re.M)
        runs = steps_of if separate else [whole]
        steps = "".join(f"      - run: {_item(run, 10)}\n" for run in runs)
        return {".github/workflows/image.yml": "name: image\non: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n"
                "    steps:\n      - uses: actions/checkout@v4\n" + steps}
    items = "".join(f"  - {_item(item, 4)}\n" for item in ([whole] if one_block else body))
    if service == "travis":
        return {".travis.yml": "language: minimal\nservices: [docker]\nscript:\n" + items}
    return {".gitlab-ci.yml": "image-build:\n  image: docker:24\n  script:\n" + items.replace("\n  ", "\n    ")
            .replace("  - ", "    - ", 1)}


def _item(text: str, indent: int) -> str:
    if "\n" in text.rstrip("\n"):
        return "|\n" + "".join(" " * indent + line + "\n" for line in text.splitlines()).rstrip("\n")
    text = text.rstrip("\n")
    try:
        plain = yaml.safe_load(f"- {text}") == [text]
    except yaml.YAMLError:
        plain = False
    return text if plain else json.dumps(text)


ORCHESTRATIONS: dict[str, tuple[int, Orchestration]] = {
    "build.sh": (6, as_shell_script),
    "ci": (3, in_a_ci_file),
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
