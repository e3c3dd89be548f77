#!/usr/bin/env python3
# Packages the docs site: builds it in the SDK image, copies it out, serves it with busybox.
import os
import subprocess
from pathlib import Path

TAG = os.environ.get("TAG", "dev")
ROOT = Path(__file__).resolve().parent
STAGE = ROOT / "stage"

os.chdir(ROOT)

# build the image, then drop the staging directory
os.system(f"docker build -t py141-site:{TAG} .")
