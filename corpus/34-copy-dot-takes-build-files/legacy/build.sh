#!/bin/sh
set -e
docker build -t whole:build -f Dockerfile.build .
docker create --name whole-x whole:build
docker cp whole-x:/out/VERSION ./VERSION
docker rm whole-x
docker build -t whole .
rm VERSION
