#!/bin/sh
# Compiles in the builder image and leaves the output in ./dist.
set -e
docker build -t reporter-build -f Dockerfile.build .
docker create --name reporter-dist reporter-build
docker cp reporter-dist:/build/dist ./dist
docker rm reporter-dist
