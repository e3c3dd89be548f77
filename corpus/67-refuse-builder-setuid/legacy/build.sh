#!/bin/sh
set -e
docker build -t suid:build -f Dockerfile.build .
docker create --name suid-x suid:build
docker cp suid-x:/out/app ./app
docker rm suid-x
docker build -t suid .
rm app
