#!/bin/sh
set -e
docker build -t map:build -f Dockerfile.build .
docker create --name map-x map:build
docker cp map-x:/site ./site
docker rm map-x
docker build -t map .
