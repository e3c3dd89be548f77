#!/bin/sh
set -e
docker build -t ctx:build -f Dockerfile.build .
docker create --name ctx-x ctx:build
docker cp ctx-x:/out/app runtime/app
docker rm ctx-x
docker build -t ctx runtime
