#!/bin/sh
# nothing says whether /out is a file or a directory: `cp -r` copies either
set -e
docker build -t tyunk:build -f Dockerfile.build .
docker create --name tyunk-x tyunk:build
docker cp tyunk-x:/out data/
docker rm tyunk-x
docker build -t tyunk .
