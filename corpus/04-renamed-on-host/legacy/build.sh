#!/bin/sh
set -e
docker build -t svc:build -f Dockerfile.build .
docker create --name svc-build svc:build
docker cp svc-build:/out/server-linux-amd64 ./server-linux-amd64
docker rm svc-build
mv server-linux-amd64 server
docker build -t svc:latest .
rm server
