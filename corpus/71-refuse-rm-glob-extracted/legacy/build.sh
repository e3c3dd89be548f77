#!/bin/sh
set -e
docker build -t libs:build -f Dockerfile.build .
docker create --name libs-x libs:build
docker cp libs-x:/out ./out
docker rm libs-x
rm out/*.a
docker build -t libs .
rm -rf out
