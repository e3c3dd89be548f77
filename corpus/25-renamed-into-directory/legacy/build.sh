#!/bin/sh
set -e
docker build -t ren:build -f Dockerfile.build .
docker create --name ren-x ren:build
docker cp ren-x:/out/server ./app
docker rm ren-x
docker build -t ren .
