#!/bin/sh
set -e
docker build -t flat:build -f Dockerfile.build .
docker create --name flat-x flat:build
docker cp flat-x:/out/site.tar ./site.tar
docker rm flat-x
docker build -t flat .
