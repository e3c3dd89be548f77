"""Offline stand-ins for the public base images the corpus builds on.

No registry can be reached on the machines this project is tested on, so each base image is made
locally and tagged with its public name: busybox from Debian's busybox-static, Debian from
debootstrap, gcc as that Debian plus Debian's gcc. Each carries a CMD like the real image, because
`create` refuses an image without one. They are made on first need and reused afterwards.

Run this file to make them all: `python tests/e2e/standins.py` (as root, with podman installed).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class StandIn:
    name: str  # the fully qualified name a short name in FROM resolves to
    made_from: str  # for messages: what the stand-in really is


BUSYBOX = StandIn("docker.io/library/busybox:1.36", "Debian's busybox-static")
DEBIAN = StandIn("docker.io/library/debian:bookworm-slim", "debootstrap --variant=minbase bookworm")
GCC = StandIn("docker.io/library/gcc:12", "debian:bookworm-slim plus Debian's gcc and libc6-dev")
ALL = (BUSYBOX, DEBIAN, GCC)

# busybox's `adduser [-D] [-H] [-S] [-u UID] [-G GROUP] [-h HOME] [-s SHELL] [-g GECOS] NAME`, enough of it
_ADDUSER = """#!/bin/sh
uid=; group=; home=; shell=/bin/sh; gecos=; make_home=yes
while getopts DHSu:G:h:s:g: option; do
  case $option in
    u) uid=$OPTARG ;; G) group=$OPTARG ;; h) home=$OPTARG ;; s) shell=$OPTARG ;; g) gecos=$OPTARG ;;
    H) make_home= ;; D|S) ;; *) exit 1 ;;
  esac
done
shift $((OPTIND - 1))
name=$1
[ -n "$name" ] || { echo "adduser: no user name" >&2; exit 1; }
[ -n "$uid" ] || uid=$(( $(cut -d: -f3 /etc/passwd | sort -n | tail -1) + 1 ))
if [ -n "$group" ]; then gid=$(grep "^$group:" /etc/group | cut -d: -f3)
else gid=$uid; echo "$name:x:$gid:" >> /etc/group; fi
home=${home:-/home/$name}
echo "$name:x:$uid:$gid:$gecos:$home:$shell" >> /etc/passwd
if [ -n "$make_home" ]; then mkdir -p "$home" && chown "$uid:$gid" "$home"; fi
"""

_GCC_DOCKERFILE = """\
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev && rm -rf /var/lib/apt/lists/*
CMD ["bash"]
"""


def exists(engine: list[str], stand_in: StandIn) -> bool:
    return subprocess.run([*engine, "image", "exists", stand_in.name], capture_output=True).returncode == 0


def ensure(engine: list[str], stand_in: StandIn) -> None:
    """Make the stand-in (and what it is built on) unless the engine already has it."""
    if exists(engine, stand_in):
        return
    if stand_in is GCC:
        ensure(engine, DEBIAN)
        with tempfile.TemporaryDirectory() as context:
            (Path(context) / "Dockerfile").write_text(_GCC_DOCKERFILE)
            _run([*engine, "build", "--isolation", "chroot", "--layers=false", "-t", GCC.name, context])
        return
    with tempfile.TemporaryDirectory() as scratch:
        rootfs = Path(scratch) / "rootfs"
        if stand_in is BUSYBOX:
            _busybox_rootfs(rootfs)
            cmd = '["sh"]'
        else:
            _run(["debootstrap", "--variant=minbase", "bookworm", str(rootfs)])
            cmd = '["bash"]'
        archive = Path(scratch) / "rootfs.tar"
        with tarfile.open(archive, "w") as tar:
            tar.add(rootfs, arcname=".")
        _run([*engine, "import", "--change", f"CMD {cmd}", str(archive), stand_in.name])


def _busybox_rootfs(rootfs: Path) -> None:
    busybox = shutil.which("busybox")
    if busybox is None:
        raise RuntimeError("busybox is not installed (Debian package busybox-static)")
    bin_dir = rootfs / "bin"
    bin_dir.mkdir(parents=True)
    shutil.copy2(busybox, bin_dir / "busybox")
    applets = subprocess.run([busybox, "--list"], capture_output=True, text=True, check=True).stdout.split()
    for applet in applets:
        if applet != "busybox":
            (bin_dir / applet).symlink_to("busybox")
    for directory in ("etc", "tmp", "root", "usr/bin", "usr/lib", "usr/local/bin", "var"):
        (rootfs / directory).mkdir(parents=True, exist_ok=True)
    (rootfs / "tmp").chmod(0o1777)
    # the accounts the real busybox image ships, so that USER nobody and chown by name work
    (rootfs / "etc/passwd").write_text("root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\n"
                                       "nobody:x:65534:65534:nobody:/home:/bin/false\n")
    (rootfs / "etc/group").write_text("root:x:0:\ndaemon:x:1:\nnobody:x:65534:\n")
    if "adduser" not in applets:  # Debian builds busybox without it; Dockerfiles use it a lot
        (bin_dir / "adduser").write_text(_ADDUSER)
        (bin_dir / "adduser").chmod(0o755)


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")


if __name__ == "__main__":
    for each in ALL:
        ensure(["podman"], each)
        print(f"{each.name}: ready ({each.made_from})")
    sys.exit(0)
