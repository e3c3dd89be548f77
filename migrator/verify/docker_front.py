"""`docker`, as a legacy build script calls it during `migrate verify`.

verify puts a `docker` command first on the script's PATH that runs this module. It forwards each
call to the engine verify chose, and appends what the call created (images with their Dockerfile,
containers) to a journal, so that verify can find each flow's final image and remove everything the
flow made. On podman it also bridges what podman cannot do on these machines:

- `run` starts no OCI container here (crun's setrlimit is denied), so a foreground `run` goes
  through `buildah run --isolation chroot`, and a detached one becomes a created container;
- `cp` from a container follows Docker's rules, not podman's (docker_cp.py), unless the script
  called `podman` itself (the `--podman` front): then podman's own rules are the legacy ones;
- `push` and `login` never reach a registry: verify must not publish anything.

Usage (by verify, never by hand): MIGRATE_VERIFY_JOURNAL=FILE MIGRATE_VERIFY_ENGINE=podman
MIGRATE_VERIFY_ENGINE_PROGRAM=/usr/bin/podman python -m migrator.verify.docker_front ARGS…
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from migrator.dockercli.options import BUILD_FLAGS, BUILD_VALUES, CONTAINER_FLAGS, CONTAINER_VALUES, CP_FLAGS
from migrator.dockercli.parse import split
from migrator.dockercli.verbs import invocation
from migrator.verify.docker_cp import CopyError, copy_out
from migrator.verify.journal import BuiltImage, record_container, record_image


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
        if engine == "podman":
            extra.append("--layers=false")  # no cached intermediate images left behind
        code = subprocess.run([*engine_command, "build", *extra, *args]).returncode
        if code == 0:
            record_image(_journal_path(), BuiltImage(
                Path(iidfile).read_text().strip(), tuple(v for name, v in options if name == "--tag" and v),
                os.path.abspath(dockerfile) if dockerfile and dockerfile != "-" else None))
    return code


def _create(engine_command: list[str], args: list[str]) -> int:
    done = subprocess.run([*engine_command, *args], stdout=subprocess.PIPE)
    sys.stdout.buffer.write(done.stdout)
    sys.stdout.flush()
    if done.returncode == 0 and done.stdout.strip():
        record_container(_journal_path(), done.stdout.split()[-1].decode())
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


def _run_podman(engine_command: list[str], args: list[str]) -> int:
    options, positionals = split(args, CONTAINER_VALUES, CONTAINER_FLAGS, stop_at_positional=True)
    flags = {name for name, _ in options}
    if "-d" in flags or "--detach" in flags:
        # The migrator accepts a detached container only as a source for `docker cp` with a command
        # that changes no file (sleep, tail -f …; other commands are refused, MIG115), so a container
        # created from the image, never started, holds the same files.
        kept = [a for a in args if a not in ("-d", "--detach")]
        return _create(engine_command, ["create", *kept])
    if not positionals:
        return _forward(engine_command[0], ["run", *args])
    buildah = [os.environ.get("MIGRATE_VERIFY_BUILDAH", "buildah")]
    image, command = positionals[0], positionals[1:]
    entrypoint = [v for name, v in options if name == "--entrypoint"]
    if entrypoint or not command:
        command = _default_command(engine_command, image, entrypoint[-1] if entrypoint else None, command)
    run_options: list[str] = []
    for name, value in options:
        if value is None:
            continue
        if name == "--volume":
            run_options += ["-v", value]
        elif name == "--env":
            run_options += ["--env", value if "=" in value else f"{value}={os.environ.get(value, '')}"]
        elif name == "--workdir":
            run_options += ["--workingdir", value]
        elif name == "--user":
            run_options += ["--user", value]
    container = subprocess.run([*buildah, "from", "--pull=never", "--quiet", image], stdout=subprocess.PIPE, text=True)
    if container.returncode != 0:
        return container.returncode
    working = container.stdout.strip()
    try:
        run = [*buildah, "run", "--isolation", "chroot", *run_options, working, "--", *command]
        code = subprocess.run(run).returncode
        names = [v for name, v in options if name == "--name" and v]
        if code == 0 and names and "--rm" not in flags:
            # `docker cp NAME:…` may follow: keep the result as a container of that name
            committed = subprocess.run([*buildah, "commit", "--quiet", working], stdout=subprocess.PIPE, text=True)
            record_image(_journal_path(), BuiltImage(committed.stdout.strip(), (), None))
            return _create(engine_command, ["create", "--name", names[-1], committed.stdout.strip()])
        return code
    finally:
        subprocess.run([*buildah, "rm", working], capture_output=True)


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


def _default_command(engine_command: list[str], image: str, entrypoint: str | None, args: list[str]) -> list[str]:
    config = json.loads(subprocess.run([*engine_command, "image", "inspect", "--format", "{{json .Config}}", image],
                                       stdout=subprocess.PIPE, text=True).stdout or "{}")
    start = [entrypoint] if entrypoint is not None else (config.get("Entrypoint") or [])
    return [*start, *(args or (config.get("Cmd") or [] if entrypoint is None else []))]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
