"""Builds the SDK image and copies its output into the directory named by the first argument."""
import subprocess
import sys
from pathlib import Path

SDK = "py143-app:sdk"


def docker(*args, capture=False):
    result = subprocess.run(["docker", *args], check=True, capture_output=capture, text=True)
    return result.stdout.strip() if capture else None


def main(out_dir):
    out = Path(out_dir)
    docker("build", "-t", SDK, "-f", "Dockerfile.build", ".")
    container = docker("create", SDK, capture=True)
    try:
        out.mkdir(parents=True, exist_ok=True)
        docker("cp", f"{container}:/build/out/app", str(out / "app"))
        docker("cp", f"{container}:/build/out/conf", str(out))
    finally:
        docker("rm", container)


main(sys.argv[1])
