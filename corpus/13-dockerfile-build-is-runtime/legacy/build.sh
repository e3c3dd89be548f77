#!/bin/sh
set -e
# Dockerfile.compile compiles; Dockerfile.build builds the image we ship.
docker build -f Dockerfile.compile -t shipit-compile .
docker run --name shipit-c shipit-compile true
docker cp shipit-c:/src/shipit ./shipit
docker rm shipit-c
docker build -f Dockerfile.build -t shipit .
