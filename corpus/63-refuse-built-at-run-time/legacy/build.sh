#!/bin/sh
set -e
docker build -t rt:build -f Dockerfile.build .
docker run --name rt-x rt:build make release
docker cp rt-x:/out/app ./app
docker rm rt-x
docker build -t rt .
