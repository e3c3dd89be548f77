#!/bin/sh
set -e
docker build -t gl:build -f Dockerfile.build .
docker create --name gl-x gl:build
mkdir -p out
docker cp gl-x:/build/libs/. out/
docker rm gl-x
docker build -t gl .
rm -rf out
