#!/bin/sh
set -e
docker build -t rargs:build -f Dockerfile.build .
docker create --name rargs-x rargs:build
docker cp rargs-x:/w/greet ./greet
docker rm rargs-x
docker build -t rargs:1.0 .
docker build --build-arg CHANNEL=beta -t rargs:beta .
