#!/bin/sh
set -e
docker build -t svhost:build -f Dockerfile.build .
docker create --name svhost-x svhost:build
docker cp svhost-x:/w/app dist/app-x86_64
docker rm svhost-x
docker build --build-arg ARCH="$(uname -m)" -t svhost .
