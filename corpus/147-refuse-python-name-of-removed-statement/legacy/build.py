#!/usr/bin/env python3
"""Builds the probe image and writes what it was built from into build-info.txt."""
import os
import subprocess

SDK = "py147-probe:build"

subprocess.run(["docker", "build", "-t", SDK, "-f", "Dockerfile.build", "."], check=True)
cid = subprocess.check_output(["docker", "create", SDK], text=True).strip()
os.makedirs("out", exist_ok=True)
subprocess.run(["docker", "cp", f"{cid}:/src/probe", "out/probe"], check=True)
subprocess.run(["docker", "rm", cid], check=True)
subprocess.run(["docker", "build", "-t", "py147-probe:latest", "."], check=True)

with open("build-info.txt", "w") as info:
    info.write(f"sdk image {SDK}, extracted from container {cid}\n")
