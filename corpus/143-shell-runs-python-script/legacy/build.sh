#!/bin/sh
# Top-level build: tools/extract.py pulls the artifacts out of the SDK image into dist/.
set -e
cd "$(dirname "$0")"

python3 tools/extract.py dist
docker build -t py143-app:latest .
rm -rf dist
