#!/bin/sh
set -e
docker build -t dif:build -f Dockerfile.build .
docker create --name dif-x dif:build
docker cp dif-x:/out/manifest ./manifest
docker rm dif-x
docker build -t dif .
