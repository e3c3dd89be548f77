#!/bin/sh
# Usage: build.sh TAG
set -e
tag="$1"
docker build -t "$tag:build" -f Dockerfile.build .
id=$(docker create "$tag:build")
docker cp "$id":/out/greet ./greet
docker rm "$id"
docker build -t "$tag" .
