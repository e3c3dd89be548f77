"""The container engine verify runs on: Docker when a daemon answers, otherwise podman. Every call to
the engine's own binary lives here (the docker front, which scripts call, lives in docker_front.py)."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from migrator.verify.image_compare import ImageSnapshot, read_export, runtime_config

_PROBE_TIMEOUT = 30  # seconds; a daemon that does not answer in this time is not there
# Commands that succeed only when the engine can work: docker's needs the daemon, podman's its storage.
_PROBES = {"docker": ("version", "--format", "{{.Server.Version}}"),
           "podman": ("info", "--format", "{{.Store.GraphDriverName}}")}


class EngineUnavailable(Exception):
    """No engine can run here; the message says what was tried."""


class EngineError(Exception):
    """An engine command failed; the message holds its output."""


@dataclass(frozen=True)
class Engine:
    name: str  # "docker" or "podman"
    program: str  # the real binary
    env: Mapping[str, str]  # what the engine needs in its environment on this machine
    version: str  # e.g. "podman 4.3.1", for reports

    def environment(self) -> dict[str, str]:
        return {**os.environ, **self.env}


def find_engine(requested: str | None) -> Engine:
    """The engine to use: the one asked for, else Docker if its daemon answers, else podman."""
    tried = []
    for name in ([requested] if requested else ["docker", "podman"]):
        engine, why = _probe(name)
        if engine is not None:
            return engine
        tried.append(f"{name}: {why}")
    raise EngineUnavailable("no container engine can run here (" + "; ".join(tried) + ")")


def _probe(name: str) -> tuple[Engine | None, str]:
    program = shutil.which(name)
    if program is None:
        return None, "not installed"
    settings: list[dict[str, str]] = [{}]
    if name == "podman":
        # A rootful podman in a container or VM cannot start OCI containers (setrlimit is denied), so
        # builds run with chroot isolation; where overlay is unavailable, vfs storage is the fallback.
        isolation = {"BUILDAH_ISOLATION": os.environ.get("BUILDAH_ISOLATION", "chroot")}
        settings = [isolation]
        if "STORAGE_DRIVER" not in os.environ:
            settings.append({**isolation, "STORAGE_DRIVER": "vfs"})
    why = ""
    for env in settings:
        try:
            done = subprocess.run([program, *_PROBES[name]], capture_output=True, text=True,
                                  timeout=_PROBE_TIMEOUT, env={**os.environ, **env})
        except subprocess.TimeoutExpired:
            return None, f"no answer in {_PROBE_TIMEOUT} s"
        if done.returncode == 0:
            version = subprocess.run([program, "--version"], capture_output=True, text=True).stdout
            number = re.search(r"\d+\.\d+[\w.+~-]*", version)
            shown = number.group(0).rstrip(",") if number else "(version unknown)"
            return Engine(name, program, env, f"{name} {shown}"), ""
        why = (done.stderr.strip().splitlines() or ["it failed"])[-1]
    return None, why


def _run(engine: Engine, *args: str) -> str:
    done = subprocess.run([engine.program, *args], capture_output=True, text=True, env=engine.environment())
    if done.returncode != 0:
        raise EngineError(f"{engine.name} {' '.join(args)}: {done.stderr.strip() or done.stdout.strip()}")
    return done.stdout.strip()


def snapshot(engine: Engine, image: str) -> ImageSnapshot:
    """The image's filesystem (from an export of a container made from it, never started) and config."""
    inspected = json.loads(_run(engine, "image", "inspect", image))[0]
    container = _run(engine, "create", image, "true")
    try:
        with subprocess.Popen([engine.program, "export", container], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, env=engine.environment()) as export:
            assert export.stdout is not None and export.stderr is not None  # both are pipes
            paths = read_export(export.stdout)
            export.stdout.close()
            if export.wait() != 0:
                raise EngineError(f"{engine.name} export {container}: {export.stderr.read().decode(errors='replace')}")
    finally:
        _run(engine, "rm", "-f", container)
    return ImageSnapshot(paths, runtime_config(inspected.get("Config"), inspected))


def short_id(image_id: str) -> str:
    """An image id without its digest algorithm, as `images -q --no-trunc` and iidfiles differ on it."""
    return image_id.removeprefix("sha256:")


def image_ids(engine: Engine) -> set[str]:
    # podman fails the whole listing when another process removes an image while it reads: ask again
    for _ in range(2):
        with contextlib.suppress(EngineError):
            return _image_ids(engine)
    return _image_ids(engine)


def _image_ids(engine: Engine) -> set[str]:
    return {short_id(i) for i in _run(engine, "images", "-a", "-q", "--no-trunc").split()}


def image_size(engine: Engine, image: str) -> int:
    return int(_run(engine, "image", "inspect", "--format", "{{.Size}}", image))


def tag(engine: Engine, image: str, name: str) -> None:
    _run(engine, "tag", image, name)


def untag(engine: Engine, name: str) -> None:
    """Drop a name, keeping the image it named (docker has no untag: rmi of one of several names is one)."""
    if engine.name == "podman":
        subprocess.run([engine.program, "untag", name, name], capture_output=True, env=engine.environment())
    else:
        subprocess.run([engine.program, "rmi", "--no-prune", name], capture_output=True, env=engine.environment())


def remove_marked(engine: Engine, label: str) -> None:
    """Untagged images labelled LABEL left by a flow's builds (parents an image shared between two
    of its builds kept alive). Never forced; a parent goes once its child has."""
    for _ in range(10):
        listed = subprocess.run([engine.program, "images", "-a", "-q", "--no-trunc", "--filter", f"label={label}",
                                 "--filter", "dangling=true"], capture_output=True, text=True, env=engine.environment())
        images = listed.stdout.split()
        if not images:
            return
        for image in images:
            subprocess.run([engine.program, "rmi", image], capture_output=True, env=engine.environment())


def remove(engine: Engine, containers: Iterable[str], images: Iterable[str]) -> None:
    """Remove what a flow created. Best effort: a container or image already gone is fine."""
    containers, images = list(containers), list(images)
    if containers:
        subprocess.run([engine.program, "rm", "-f", *containers], capture_output=True, env=engine.environment())
    if images:
        subprocess.run([engine.program, "rmi", "-f", *images], capture_output=True, env=engine.environment())
