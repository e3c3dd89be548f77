#!/bin/sh
set -e
docker build -t hid:build -f Dockerfile.build .
docker create --name hid-x hid:build
mkdir -p out
docker cp hid-x:/out/app out/app
docker rm hid-x
docker build -t hid .
