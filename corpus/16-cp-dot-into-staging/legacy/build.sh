#!/bin/sh
set -e
rm -rf out
mkdir -p out
docker build -t docs:build -f Dockerfile.build .
docker create --name docs-x docs:build
docker cp docs-x:/build/html/. out/
docker rm docs-x
docker build -t docs .
rm -rf out
