#!/bin/sh
set -e
docker build -t emp:build -f Dockerfile.build .
docker create --name emp-x emp:build
mkdir -p out/lib64
docker cp emp-x:/out/app out/app
docker rm emp-x
docker build -t emp .
rm -rf out
