#!/usr/bin/env python3
"""Builds the greeter image: compiles in the SDK image, then packages the binary."""
import os
import shutil
import subprocess

IMAGE = "py140-greeter"
VERSION = "1.4.2"
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "out")


def sh(*args):
    # echo each command like `set -x` would
    print("+", " ".join(args), flush=True)
    subprocess.run(list(args), check=True)


def extract():
    sh("docker", "build", "--build-arg", f"VERSION={VERSION}",
       "-t", f"{IMAGE}:build", "-f", "Dockerfile.build", HERE)
    cid = subprocess.run(["docker", "create", IMAGE + ":build"],
                         check=True, stdout=subprocess.PIPE).stdout.decode().strip()
    os.makedirs(OUT, exist_ok=True)
    sh("docker", "cp", "{}:/src/dist/greeter".format(cid), OUT + "/greeter")
    sh("docker", "cp", f"{cid}:/src/dist/share", os.path.join(OUT, "share"))
    sh("docker", "rm", "-v", cid)


def main():
    extract()
    sh("docker", "build",
       "-t", f"{IMAGE}:latest",  # the image we ship
       HERE)
    shutil.rmtree(OUT)


if __name__ == "__main__":
    main()
