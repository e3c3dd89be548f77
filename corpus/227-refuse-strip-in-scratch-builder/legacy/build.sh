#!/bin/sh
set -e
docker build -t tiny:build -f Dockerfile.build .
docker create --name tiny-x tiny:build
docker cp tiny-x:/app ./app
docker rm tiny-x
strip app
docker build -t tiny .
rm app
