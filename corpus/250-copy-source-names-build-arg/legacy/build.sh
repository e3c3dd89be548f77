#!/bin/sh
# the runtime names the artifacts through build args: ARCH given, FLAVOR by its default
set -e
docker build -t svarg:build -f Dockerfile.build .
docker create --name svarg-x svarg:build
docker cp svarg-x:/w/app dist/app-amd64
docker cp svarg-x:/w/app.conf dist/app-slim.conf
docker rm svarg-x
docker build --build-arg ARCH=amd64 -t svarg .
