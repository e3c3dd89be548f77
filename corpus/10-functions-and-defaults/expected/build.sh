#!/usr/bin/env bash
set -euo pipefail

IMAGE=${IMAGE:-acme/report}
TAG=${1:-latest}
BUILDER="$IMAGE:builder"

docker build -t "$IMAGE:$TAG" .
docker push "$IMAGE:$TAG"
