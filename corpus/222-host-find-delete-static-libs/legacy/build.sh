#!/bin/sh
set -e
docker build -t libs:build -f Dockerfile.build .
docker create --name libs-x libs:build
docker cp libs-x:/build/lib ./lib
docker rm libs-x
# the image needs the shared objects only
find lib -name '*.a' -delete
docker build -t libs .
rm -rf lib
