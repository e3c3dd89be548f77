"""What a flow made on the engine, as the docker front records it call by call (one JSON line
each, appended, so a script's concurrent calls cannot tear one another) and verify reads back: the
images with the Dockerfile each was built from, and the containers."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BuiltImage:
    id: str
    tags: tuple[str, ...]
    dockerfile: str | None  # absolute; None for an image committed from a container


@dataclass(frozen=True)
class Journal:
    images: tuple[BuiltImage, ...]
    containers: tuple[str, ...]
    build_mark: str  # the label value every build of the flow carries (docker_front.py)


def record_image(path: str, image: BuiltImage) -> None:
    _append(path, {"event": "image", "id": image.id, "tags": list(image.tags), "dockerfile": image.dockerfile})


def record_container(path: str, container: str, name: str | None = None, args: list[str] | None = None) -> None:
    """A container the flow made; NAME and ARGS (its `create` arguments, image included) let a
    later `start` or `exec` of it run its command (docker_front.py)."""
    _append(path, {"event": "container", "id": container, "name": name, "args": args})


def created_with(path: str, container: str) -> list[str] | None:
    """The `create` arguments of the latest container named or numbered CONTAINER."""
    found = None
    journal = Path(path)
    for line in (journal.read_text().splitlines() if journal.exists() else []):
        entry = json.loads(line)
        if entry["event"] == "container" and container in (entry["id"], entry.get("name")) and entry.get("args"):
            found = entry["args"]
    return found


def read_journal(path: Path) -> Journal:
    images: list[BuiltImage] = []
    containers: list[str] = []
    for line in path.read_text().splitlines():
        entry = json.loads(line)
        if entry["event"] == "image":
            images.append(BuiltImage(entry["id"], tuple(entry["tags"]), entry["dockerfile"]))
        else:
            containers.append(entry["id"])
    return Journal(tuple(images), tuple(containers), build_mark(str(path)))


def build_mark(path: str) -> str:
    """The label value of the builds of the flow whose journal is PATH: one per flow run, so that
    its intermediate images can be told from any other process's."""
    return hashlib.sha256(path.encode()).hexdigest()[:32]


def _append(path: str, entry: dict) -> None:
    with open(path, "a") as journal:
        journal.write(json.dumps(entry) + "\n")
