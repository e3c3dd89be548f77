#!/bin/sh
set -e
docker build -t scope:build -f Dockerfile.build .
docker create --name scope-x scope:build
docker cp scope-x:/out/app ./app
docker rm scope-x
docker build -t scope .
rm app
