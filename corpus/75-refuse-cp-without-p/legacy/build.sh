#!/bin/sh
set -e
docker build -t copy:build -f Dockerfile.build .
docker create --name copy-x copy:build
mkdir -p out
docker cp copy-x:/out/app out/app
docker rm copy-x
cp out/app app
docker build -t copy .
rm -rf out app
