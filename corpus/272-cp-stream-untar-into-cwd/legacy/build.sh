#!/bin/sh
set -e
docker build -t site-build -f Dockerfile.build .
id=$(docker create site-build)
docker cp "$id":/build/site - | tar xf -
docker rm "$id"
docker build -t site .
rm -rf site
