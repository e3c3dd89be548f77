#!/bin/sh
set -e
docker build -t mem-sdk -f Dockerfile.build .
docker create --name mem-x mem-sdk
docker cp mem-x:/out - | tar -x --strip-components=1 out/tool
docker rm mem-x
docker build -t mem .
