#!/bin/sh
set -e
docker build -t probe:build -f Dockerfile.build .
docker create --name probe-x probe:build
mkdir -p out
docker cp probe-x:/src/probe out/probe
docker rm probe-x
docker build -t probe .
