#!/bin/sh
set -e
docker build -t bbtar:build -f Dockerfile.build .
docker create --name bbtar-x bbtar:build
docker cp bbtar-x:/out/app.tgz ./app.tgz
docker rm bbtar-x
docker build -t bbtar .
