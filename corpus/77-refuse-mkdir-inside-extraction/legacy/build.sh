#!/bin/sh
set -e
docker build -t maybe/app:build -f Dockerfile.build .
docker run --name maybe-x maybe/app:build true
extract() {
  docker cp maybe-x:/out/daemon bin/
  docker rm maybe-x
}
extract
rm -rf bin/daemon/sub
mkdir -p bin/daemon/extra
docker build --no-cache -t maybe/app:latest .
