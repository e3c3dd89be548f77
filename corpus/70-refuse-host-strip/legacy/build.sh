#!/bin/sh
set -e
docker build -t small:build -f Dockerfile.build .
docker create --name small-x small:build
mkdir -p out
docker cp small-x:/out/app out/app
docker rm small-x
strip out/app
docker build -t small .
rm -rf out
