#!/bin/sh
set -e
docker build -t tar1-sdk -f Dockerfile.build .
docker create --name tar1-x tar1-sdk
mkdir -p out
docker cp tar1-x:/w/dist/ - | tar -x -C out --strip-components=1
docker rm tar1-x
docker build -t tar1 .
