#!/bin/sh
# the runtime image is built twice, for two tags; the second build goes through buildx
set -e
docker build -t twice:build -f Dockerfile.build .
docker create --name twice-x twice:build
docker cp twice-x:/w/greet ./greet
docker rm twice-x
docker build -t twice:1.0 .
docker buildx build --load -t twice:latest .
rm -f greet
