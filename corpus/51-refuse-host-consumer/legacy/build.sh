#!/bin/sh
set -e
docker build -t rel:build -f Dockerfile.build .
docker create --name rel-x rel:build
docker cp rel-x:/out/app ./app
docker rm rel-x
tar czf release.tgz app
docker build -t rel .
