#!/bin/sh
# Usage: extract-binary.sh OUTDIR — builds the SDK image and copies the binary into OUTDIR.
set -e
OUT="$1"

docker build -t greeter:build -f Dockerfile.build .
id=$(docker create greeter:build)
mkdir -p "$OUT"
docker cp "$id:/src/greeter" "$OUT/greeter"
docker rm -f "$id"
