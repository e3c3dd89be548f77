#!/usr/bin/env python3
"""Reproducible build: every file put into the image gets the commit's timestamp."""
import os
import subprocess

EPOCH = int(os.environ.get("SOURCE_DATE_EPOCH", "1700000000"))
OUT = "out"

subprocess.run(["docker", "build", "-t", "py145-stamp:build", "-f", "Dockerfile.build", "."], check=True)
subprocess.run(["docker", "create", "--name", "py145-x", "py145-stamp:build"], check=True)
os.makedirs(OUT, exist_ok=True)
subprocess.run(["docker", "cp", "py145-x:/src/stamp", f"{OUT}/stamp"], check=True)
subprocess.run(["docker", "rm", "py145-x"], check=True)
os.utime(os.path.join(OUT, "stamp"), (EPOCH, EPOCH))
subprocess.run(["docker", "build", "-t", "py145-stamp:latest", "."], check=True)
