#!/usr/bin/env bash
set -euo pipefail

IMAGE=${IMAGE:-acme/report}
TAG=${1:-latest}
BUILDER="$IMAGE:builder"

build_builder() {
  docker build -t "$BUILDER" -f Dockerfile.build .
}

extract() {
  docker rm -f report-extract >/dev/null 2>&1 || true
  docker create --name report-extract "$BUILDER" && docker cp report-extract:/report/report.txt ./report.txt
  docker rm report-extract
}

build_builder
extract
docker build -t "$IMAGE:$TAG" .
docker push "$IMAGE:$TAG"
