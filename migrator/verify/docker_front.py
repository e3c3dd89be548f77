"""`docker`, as a legacy build script calls it during `migrate verify`.

verify puts a `docker` command first on the script's PATH that runs this module. It forwards each
call to the engine verify chose, and appends what the call created (images with their Dockerfile,
containers) to a journal, so that verify can find each flow's final image and remove everything the
flow made. On podman it also bridges what podman cannot do on these machines:

- `run` starts no OCI container here (crun's setrlimit is denied), so a `run` goes through
  `buildah run --isolation chroot` (a detached one that only sleeps becomes a created container),
  and so do `start` and `exec`: the container is then made again from the result, under its name;
- `cp` from a container follows Docker's rules, not podman's (docker_cp.py), unless the script
  called `podman` itself (the `--podman` front): then podman's own rules are the legacy ones;
- `push` and `login` never reach a registry: verify must not publish anything.

Usage (by verify, never by hand): MIGRATE_VERIFY_JOURNAL=FILE MIGRATE_VERIFY_ENGINE=podman
MIGRATE_VERIFY_ENGINE_PROGRAM=/usr/bin/podman python -m migrator.verify.docker_front ARGS…
"""

from __future__ import annotations

import json
import os
import posixpath
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from migrator.dockercli.options import (
    BUILD_FLAGS,
    BUILD_VALUES,
    CONTAINER_FLAGS,
    CONTAINER_VALUES,
    CP_FLAGS,
    EXEC_FLAGS,
    EXEC_VALUES,
)
from migrator.dockercli.parse import split
from migrator.dockercli.programs import FILE_NEUTRAL_PROGRAMS
from migrator.dockercli.verbs import invocation
from migrator.verify.docker_cp import CopyError, copy_out
from migrator.verify.image_compare import BUILD_LABEL
from migrator.verify.journal import BuiltImage, build_mark, created_with, record_container, record_image


def main(argv: list[str]) -> int:
    program = os.environ["MIGRATE_VERIFY_ENGINE_PROGRAM"]
    engine = os.environ["MIGRATE_VERIFY_ENGINE"]
    podman_cli = bool(argv) and argv[0] == "--podman"
    if podman_cli:  # the script called podman itself: podman's rules, journaled like docker
        argv, engine, program = argv[1:], "podman", os.environ.get("MIGRATE_VERIFY_PODMAN") or "podman"
    found = invocation(["docker", *argv])
    if found.verb is None:
        return _forward(program, argv)
    verb, args = found.verb, argv[found.args_from - 1:]
    engine_command = [program, *argv[:found.verb_at - 1]]
    if verb == "build":
        return _build(engine, engine_command, args)
    if verb == "create":
        return _create(engine_command, ["create", *args])
    if verb == "run":
        return _run_podman(engine_command, args) if engine == "podman" else _run_docker(engine_command, args)
    if engine == "podman" and verb in _PODMAN_BRIDGES:
        return _PODMAN_BRIDGES[verb](engine_command, args)
    if verb == "cp" and engine == "podman" and not podman_cli:
        return _cp_podman(engine_command, args)
    if verb in ("push", "login"):
        print(f"docker front: skipped `docker {verb}`: migrate verify never talks to a registry", file=sys.stderr)
        return 0
    return _forward(program, argv)


def _forward(program: str, args: list[str]) -> int:
    return subprocess.run([program, *args]).returncode


def _journal_path() -> str:
    return os.environ["MIGRATE_VERIFY_JOURNAL"]


def _build(engine: str, engine_command: list[str], args: list[str]) -> int:
    options, positionals = split(args, BUILD_VALUES, BUILD_FLAGS, stop_at_positional=False)
    given = dict(options)
    context = positionals[0] if positionals else None
    dockerfile = given.get("--file")
    if dockerfile is None and context not in (None, "-") and "://" not in context:
        dockerfile = os.path.join(context, "Dockerfile")
    extra = []
    with tempfile.TemporaryDirectory() as scratch:
        iidfile = given.get("--iidfile")
        if iidfile is None:
            iidfile = os.path.join(scratch, "iid")
            extra += ["--iidfile", iidfile]
        # podman 4.3 deletes the base image of a stage without instructions under --layers=false,
        # so build with layers and remove the intermediate images afterwards: the ones marked with
        # this flow's label, never another process's (what a later build still shares, verify's
        # cleanup removes after the flow)
        mark = f"{BUILD_LABEL}={build_mark(_journal_path())}"
        if engine == "podman":
            extra += ["--label", mark]
        code = subprocess.run([*engine_command, "build", *extra, *args]).returncode
        if engine == "podman":
            _remove_intermediates(engine_command, mark)
        if code == 0:
            record_image(_journal_path(), BuiltImage(
                Path(iidfile).read_text().strip(), tuple(v for name, v in options if name == "--tag" and v),
                os.path.abspath(dockerfile) if dockerfile and dockerfile != "-" else None))
    return code


def _remove_intermediates(engine_command: list[str], mark: str) -> None:
    """The untagged images of the build labelled MARK. Never forced: the final image's parents
    stay while it does, and go with it."""
    listed = subprocess.run([*engine_command, "images", "-a", "-q", "--no-trunc", "--filter", f"label={mark}",
                             "--filter", "dangling=true"], capture_output=True, text=True)
    for image in listed.stdout.split():
        subprocess.run([*engine_command, "rmi", image], capture_output=True)


def _create(engine_command: list[str], args: list[str]) -> int:
    """ARGS: `create …` or `run -d …`; the container is journaled with its create arguments."""
    done = subprocess.run([*engine_command, *args], stdout=subprocess.PIPE)
    sys.stdout.buffer.write(done.stdout)
    sys.stdout.flush()
    if done.returncode == 0 and done.stdout.strip():
        options, _ = split(args[1:], CONTAINER_VALUES, CONTAINER_FLAGS, stop_at_positional=True)
        names = [v for name, v in options if name == "--name" and v]
        record_container(_journal_path(), done.stdout.split()[-1].decode(), names[-1] if names else None,
                         [a for a in args[1:] if a not in ("-d", "--detach")])
    return done.returncode


def _run_docker(engine_command: list[str], args: list[str]) -> int:
    options, _ = split(args, CONTAINER_VALUES, CONTAINER_FLAGS, stop_at_positional=True)
    names = [v for name, v in options if name == "--name" and v]
    if any(name in ("-d", "--detach") for name, _ in options):
        return _create(engine_command, ["run", *args])
    code = subprocess.run([*engine_command, "run", *args]).returncode
    if names and not any(name == "--rm" for name, _ in options):
        record_container(_journal_path(), names[-1])
    return code


@dataclass(frozen=True)
class _Container:
    """A container as `create`/`run` arguments describe it."""

    options: list[tuple[str, str | None]]
    image: str
    command: list[str]

    @staticmethod
    def of(args: list[str]) -> _Container | None:
        options, positionals = split(args, CONTAINER_VALUES, CONTAINER_FLAGS, stop_at_positional=True)
        return _Container(options, positionals[0], positionals[1:]) if positionals else None

    def last(self, option: str) -> str | None:
        values = [v for name, v in self.options if name == option]
        return values[-1] if values else None

    def has(self, *flags: str) -> bool:
        return any(name in flags for name, _ in self.options)


def _run_podman(engine_command: list[str], args: list[str]) -> int:
    """A foreground run goes through buildah; a detached one runs in the foreground too (the
    migrator refuses a copy that races a detached command), unless its command changes no file
    (sleep, tail -f …): then a created container, never started, holds the same files."""
    container = _Container.of(args)
    if container is None:
        return _forward(engine_command[0], ["run", *args])
    argv = _argv(engine_command, container.image, container.last("--entrypoint"), container.command)
    if container.has("-d", "--detach") and argv and posixpath.basename(argv[0]) in FILE_NEUTRAL_PROGRAMS:
        return _create(engine_command, ["create", *[a for a in args if a not in ("-d", "--detach")]])
    keep = not container.has("--rm") and container.last("--name") is not None
    create_args = [a for a in args if a not in ("-d", "--detach", "--rm")]
    return _run_in_buildah(engine_command, container, argv, container.options, container.last("--name") if keep
                           else None, create_args)


def _start_podman(engine_command: list[str], args: list[str]) -> int:
    """`start` runs a created container's command: in buildah, then the container is made again
    from the result under the same name (or, for one without a name, named after its old id)."""
    _, positionals = split(args, {"--detach-keys": "--detach-keys"}, {"-a", "--attach", "-i", "--interactive"},
                           stop_at_positional=False)
    code = 0
    for name in positionals:
        create_args = created_with(_journal_path(), name)
        container = _Container.of(create_args) if create_args else None
        if container is None or create_args is None:
            code = _forward(engine_command[0], ["start", name]) or code
            continue
        argv = _argv(engine_command, container.image, container.last("--entrypoint"), container.command)
        code = _run_in_buildah(engine_command, container, argv, container.options, name, create_args) or code
    return code


def _exec_podman(engine_command: list[str], args: list[str]) -> int:
    options, positionals = split(args, EXEC_VALUES, EXEC_FLAGS, stop_at_positional=True)
    create_args = created_with(_journal_path(), positionals[0]) if positionals else None
    container = _Container.of(create_args) if create_args else None
    if container is None or create_args is None:
        return _forward(engine_command[0], ["exec", *args])
    # the command sees the container's -e/-w/-u, then its own
    return _run_in_buildah(engine_command, container, positionals[1:], [*container.options, *options],
                           positionals[0], create_args)


def _wait_podman(args: list[str]) -> int:
    """Every command ran in the foreground here, so each container has finished: exit code 0."""
    for name in args:
        if not name.startswith("-"):
            print(0)
    return 0


def _run_in_buildah(engine_command: list[str], container: _Container, argv: list[str],
                    options: list[tuple[str, str | None]], keep_as: str | None, create_args: list[str]) -> int:
    """ARGV run in a working container of the container's image; with KEEP_AS, the result replaces
    the container of that name, so that a `docker cp` or `exec` after it sees what it made."""
    buildah = [os.environ.get("MIGRATE_VERIFY_BUILDAH", "buildah")]
    working = subprocess.run([*buildah, "from", "--pull=never", "--quiet", container.image], stdout=subprocess.PIPE,
                             text=True)
    if working.returncode != 0:
        return working.returncode
    name = working.stdout.strip()
    try:
        code = subprocess.run([*buildah, "run", "--isolation", "chroot", *_buildah_settings(options), name, "--",
                               *argv]).returncode
        if code != 0 or keep_as is None:
            return code
        committed = subprocess.run([*buildah, "commit", "--quiet", name], stdout=subprocess.PIPE, text=True)
        image = committed.stdout.strip()
        record_image(_journal_path(), BuiltImage(image, (), None))
        subprocess.run([*engine_command, "rm", "-f", keep_as], capture_output=True)
        index = len(create_args) - len(container.command) - 1  # the image's position in the arguments
        return _create(engine_command, ["create", "--name", keep_as, *_without_names(create_args[:index]), image,
                                        *container.command])
    finally:
        subprocess.run([*buildah, "rm", name], capture_output=True)


def _without_names(args: list[str]) -> list[str]:
    out, skip = [], False
    for arg in args:
        if skip:
            skip = False
        elif arg == "--name":
            skip = True
        elif not arg.startswith("--name="):
            out.append(arg)
    return out


def _buildah_settings(options: list[tuple[str, str | None]]) -> list[str]:
    settings: list[str] = []
    for name, value in options:
        if value is None:
            continue
        if name == "--volume":
            if value.startswith("/"):
                os.makedirs(value.split(":", 1)[0], exist_ok=True)  # docker creates a missing -v source
            settings += ["-v", value]
        elif name == "--mount":
            settings += ["-v", _mount_as_volume(value)]  # a missing --mount source fails, as in docker
        elif name == "--env":
            settings += ["--env", value if "=" in value else f"{value}={os.environ.get(value, '')}"]
        elif name == "--workdir":
            settings += ["--workingdir", value]
        elif name == "--user":
            settings += ["--user", value]
    return settings


def _mount_as_volume(value: str) -> str:
    """`--mount type=bind,…` as `-v`: buildah's --mount binds read-only unless told, docker's read-write."""
    fields = dict(field.partition("=")[::2] for field in value.split(","))
    source = fields.get("source") or fields.get("src") or ""
    target = fields.get("target") or fields.get("destination") or fields.get("dst") or ""
    read_only = "readonly" in fields or "ro" in fields
    return f"{source}:{target}" + (":ro" if read_only else "")


def _cp_podman(engine_command: list[str], args: list[str]) -> int:
    options, positionals = split(args, {}, CP_FLAGS, stop_at_positional=False)
    flags = {name for name, _ in options}
    if len(positionals) != 2 or ":" not in positionals[0] or positionals[0].startswith(("/", ".")) \
            or positionals[1] == "-":
        return _forward(engine_command[0], ["cp", *args])  # into a container, or a tar stream: podman's own
    container, path = positionals[0].split(":", 1)
    mounted = subprocess.run([*engine_command, "mount", container], stdout=subprocess.PIPE, text=True)
    if mounted.returncode != 0:
        return mounted.returncode
    try:
        copy_out(mounted.stdout.strip(), path, positionals[1], follow_link=bool(flags & {"-L", "--follow-link"}))
    except (CopyError, OSError) as error:
        print(f"Error response from daemon: {error}", file=sys.stderr)
        return 1
    finally:
        subprocess.run([*engine_command, "umount", container], capture_output=True)
    return 0


def _argv(engine_command: list[str], image: str, entrypoint: str | None, args: list[str]) -> list[str]:
    """What the container runs, by Docker's rules: `--entrypoint X` drops the image's CMD;
    `--entrypoint ""` clears the ENTRYPOINT and keeps the CMD; otherwise the image's ENTRYPOINT,
    then the arguments or else its CMD."""
    if entrypoint:
        return [entrypoint, *args]
    config = json.loads(subprocess.run([*engine_command, "image", "inspect", "--format", "{{json .Config}}", image],
                                       stdout=subprocess.PIPE, text=True).stdout or "{}")
    start = [] if entrypoint == "" else (config.get("Entrypoint") or [])
    return [*start, *(args or config.get("Cmd") or [])]


_PODMAN_BRIDGES: dict[str, Callable[[list[str], list[str]], int]] = {
    "start": _start_podman,
    "exec": _exec_podman,
    "wait": lambda engine_command, args: _wait_podman(args),
}


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
