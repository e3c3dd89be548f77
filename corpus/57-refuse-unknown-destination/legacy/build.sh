#!/bin/sh
set -e
docker build -t dest:build -f Dockerfile.build .
docker create --name dest-x dest:build
docker cp dest-x:/out/app "$OUT_DIR/app"
docker rm dest-x
docker build -t dest .
