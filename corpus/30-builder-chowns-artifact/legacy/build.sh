#!/bin/sh
set -e
docker build -t owner:build -f Dockerfile.build .
docker create --name owner-x owner:build
docker cp owner-x:/out/app ./app
docker rm owner-x
docker build -t owner .
rm app
