#!/bin/sh
set -e
docker build -t sleepy:build -f Dockerfile.build .
docker run -d --name sleepy-build sleepy:build sleep 3600
docker cp sleepy-build:/dist/sleepy ./sleepy
docker rm -f sleepy-build
docker build --no-cache -t sleepy .
rm ./sleepy
