#!/bin/sh
set -e
docker build -t exec:build -f Dockerfile.build .
docker create --name exec-x exec:build
docker cp exec-x:/out/app ./app
docker rm exec-x
chmod +x app
docker build -t exec .
rm app
