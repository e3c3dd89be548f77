#!/bin/sh
set -e
docker build -t ref:build -f Dockerfile.build .
docker create --name ref-x ref:build
docker cp ref-x:/out/ref ./ref
docker rm ref-x
docker build -t ref .
rm ref
