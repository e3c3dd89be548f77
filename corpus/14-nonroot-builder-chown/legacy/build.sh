#!/bin/sh
set -e
docker build -t owned:build -f Dockerfile.build .
docker create --name owned-x owned:build
docker cp owned-x:/home/builder/out/tool ./tool
docker rm owned-x
docker build -t owned .
rm tool
