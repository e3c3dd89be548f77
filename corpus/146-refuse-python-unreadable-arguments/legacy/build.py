#!/usr/bin/env python3
"""Usage: build.py [DOCKER BUILD FLAGS…] — the flags go to the SDK build (e.g. --pull, --build-arg X=1)."""
import os
import subprocess
import sys

subprocess.run(["docker", "build", *sys.argv[1:], "-t", "py146-tool:build", "-f", "Dockerfile.build", "."],
               check=True)
cid = subprocess.check_output(["docker", "create", "py146-tool:build"], text=True).strip()
os.makedirs("out", exist_ok=True)
subprocess.run(["docker", "cp", f"{cid}:/src/tool", "out/tool"], check=True)
subprocess.run(["docker", "rm", cid], check=True)
subprocess.run(["docker", "build", "-t", "py146-tool:latest", "."], check=True)
