#!/bin/sh
set -e
docker build -t mixed:build -f Dockerfile.build .
docker create --name mixed-x mixed:build
docker cp mixed-x:/out/daemon daemon
docker rm mixed-x
docker build -t mixed .
rm daemon
