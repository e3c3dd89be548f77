#!/bin/sh
set -e
docker build -t stampv:build -f Dockerfile.build .
docker create --name stampv-x stampv:build
docker cp stampv-x:/build/dist ./dist
docker rm stampv-x
echo "$(git rev-parse HEAD)" > dist/REVISION
docker build -t stampv .
rm -rf dist
