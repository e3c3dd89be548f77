#!/bin/sh
set -e
docker build -t keep:build -f Dockerfile.build .
docker create --name keep-x keep:build
docker cp keep-x:/w/out ./out
docker rm keep-x
docker build -t keep .
