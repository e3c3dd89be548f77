#!/bin/sh
# Usage: build.sh TAG
set -e
tag="$1"
docker build -t "$tag" .
