#!/usr/bin/env python3
# Packages the docs site: builds it in the SDK image, copies it out, serves it with busybox.
import os
import subprocess
from pathlib import Path

TAG = os.environ.get("TAG", "dev")
ROOT = Path(__file__).resolve().parent
STAGE = ROOT / "stage"

os.chdir(ROOT)
if os.system("docker build -t py141-site:build -f Dockerfile.build .") != 0:
    raise SystemExit("the SDK build failed")

STAGE.mkdir(parents=True, exist_ok=True)
subprocess.run(f"docker create --name py141-x py141-site:build >/dev/null && docker cp py141-x:/site/public {STAGE}/public",
               shell=True, check=True)
os.system("docker rm py141-x")

# build the image, then drop the staging directory
os.system(f"docker build -t py141-site:{TAG} . && rm -rf '{STAGE}'")
