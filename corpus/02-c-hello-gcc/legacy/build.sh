#!/bin/sh
set -e

docker build -t hello:build -f Dockerfile.build .

id=$(docker create hello:build)
docker cp "$id":/src/hello ./hello
docker rm -v "$id"

docker build -t hello:latest .
rm -f ./hello
