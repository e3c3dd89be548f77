#!/bin/sh
set -e
docker build -t links:build -f Dockerfile.build .
docker create --name links-x links:build
docker cp links-x:/out/site ./site
docker rm links-x
docker build -t links .
rm -rf site
