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


main(sys.argv[1])
