#!/bin/sh
set -e
docker build -t conf:build -f Dockerfile.build .
docker create --name conf-x conf:build
docker cp conf-x:/out/conf ./conf
docker rm conf-x
docker build -t conf .
rm -rf conf
