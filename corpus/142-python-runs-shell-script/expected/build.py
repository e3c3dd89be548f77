#!/usr/bin/env python3
"""Release build. The extraction lives in scripts/extract.sh, which CI runs as well."""
import subprocess


def run(cmd):
    print("$", " ".join(cmd))
    subprocess.check_call(cmd)


if __name__ == "__main__":
    run(["sh", "scripts/extract.sh", "bin"])
    run(["docker", "build", "-t", "py142-cli:latest", "."])
