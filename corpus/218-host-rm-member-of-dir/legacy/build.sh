#!/bin/sh
set -e
docker build -t trim:build -f Dockerfile.build .
docker create --name trim-x trim:build
docker cp trim-x:/build/dist ./dist
docker rm trim-x
rm -rf dist/sub
docker build -t trim .
rm -rf dist
