#!/bin/sh
# Usage: scripts/extract.sh OUTDIR (from the repository root)
set -e
OUT="$1"

docker build -t py142-cli:build -f Dockerfile.build .
cid=$(docker create py142-cli:build)
mkdir -p "$OUT"
docker cp "$cid:/src/cli" "$OUT/cli"
docker rm "$cid"
