"""Where a generated flow's commands live: in `build.sh` as written, or moved into another
orchestration file that runs them the same way (a Makefile target, a CI job, a Python script).

Each orchestration takes the generated shell script and a random source, and returns the files
that replace `build.sh` (paths relative to the repository). A front end joins the differential
test by adding one entry to ORCHESTRATIONS, with a weight: how often it is picked."""

from __future__ import annotations

import json
import random
import re
import shlex
from collections.abc import Callable

import yaml

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


# --- Python (`python3 build.py`) -----------------------------------------------------------------

_CAPTURE = re.compile(r"^(\w+)=\$\((docker (?:container )?create [^()$`]*)\)$")
_SHELL_ONLY = re.compile(r"[|&;<>(){}`*?\[\]~\\]")
# Commands that act on the shell itself: a subprocess of their own would not do the same.
_BUILTINS = {"cd", "export", "exit", "set", "unset", "shift", "return", ".", "source", "eval", "exec", "read",
             "trap", "umask", "alias", ":", "wait"}


def as_python_script(script: str, rng: random.Random) -> dict[str, str]:
    """build.py running the same commands: as argument lists where every line is a plain command
    (the container id captured from `docker create`'s output), else as one shell string."""
    lists = _as_argument_lists(script)
    if lists is not None and rng.random() < 0.6:
        return {"build.py": lists}
    quoted = script.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    return {"build.py": f'import subprocess\n\nsubprocess.run("""\\\n{quoted}""", shell=True, check=True)\n'}


def _as_argument_lists(script: str) -> str | None:
    lines = [line for line in script.splitlines() if line and not line.startswith("#!")]
    check = "set -e" in lines
    captured: str | None = None
    out = ["import os", "import subprocess", ""]
    for line in lines:
        if line == "set -e":
            continue
        capture = _CAPTURE.match(line)
        try:
            split = shlex.split(capture.group(2) if capture else line)
        except ValueError:
            return None
        words = _python_words(split, captured) if "'" not in line or "$" not in line else None
        if not words or (capture is None and _SHELL_ONLY.search(line)) or split[0] in _BUILTINS or "=" in split[0]:
            return None
        run = f"subprocess.run([{', '.join(words)}], check={check}"
        if capture:
            captured = capture.group(1)
            out.append(f"container_id = {run}, stdout=subprocess.PIPE, text=True).stdout.strip()")
        elif words[:2] == ["'mkdir'", "'-p'"] and len(words) == 3:
            out.append(f"os.makedirs({words[2]}, exist_ok=True)")
        else:
            out.append(run + ")")
    return "\n".join(out) + "\n"


def _python_words(words: list[str], captured: str | None) -> list[str] | None:
    """Each word as a Python literal; `$id` (the captured container id) in an f-string."""
    out = []
    for word in words:
        if "$" not in word:
            out.append(repr(word))
            continue
        if captured is None:
            return None
        spelled = word.replace("{", "{{").replace("}", "}}")
        spelled = re.sub(r"\$(?:\{\{" + captured + r"\}\}|" + captured + r"\b)", "{container_id}", spelled)
        if "$" in spelled or "\\" in spelled:
            return None
        out.append("f" + repr(spelled))
    return out


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
    "Makefile recipe": (2, as_makefile_recipe),
    "Makefile calling build.sh": (1, as_makefile_calling_script),
    "build.py": (2, as_python_script),
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
