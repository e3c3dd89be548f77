#!/bin/sh
set -e
docker build -t stamp:build -f Dockerfile.build .
docker create --name stamp-x stamp:build
docker cp stamp-x:/build/dist ./dist
docker rm stamp-x
echo v1 > dist/VERSION
docker build -t stamp .
rm -rf dist
