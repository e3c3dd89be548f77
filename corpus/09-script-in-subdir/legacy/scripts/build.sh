#!/bin/bash
set -e
cd "$(dirname "$0")/.."

docker build -t sub:build -f docker/Dockerfile.build .
CONTAINER=$(docker create sub:build)
docker cp "$CONTAINER:/app/bin/sub" bin/sub
docker rm "$CONTAINER"
docker build -t sub:latest -f docker/Dockerfile .
