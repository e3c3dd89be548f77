#!/bin/sh
# CHANNEL reaches the builder stage in the merged file: the two builds would build it differently
set -e
docker build -t barg:build -f Dockerfile.build .
docker create --name barg-x barg:build
docker cp barg-x:/w/greet ./greet
docker rm barg-x
docker build -t barg:stable .
docker build --build-arg CHANNEL=beta -t barg:beta .
