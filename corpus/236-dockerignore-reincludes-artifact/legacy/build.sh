#!/bin/sh
set -e
docker build -t ign:build -f Dockerfile.build .
docker create --name ign-x ign:build
docker cp ign-x:/out/app ./app
docker rm ign-x
docker build -t ign .
