#!/bin/sh
# Builds the image; the artifact extraction lives in a script of its own.
set -e
cd "$(dirname "$0")"

./scripts/extract-binary.sh dist
docker build -t greeter:latest .
