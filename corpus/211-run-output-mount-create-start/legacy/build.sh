#!/bin/sh
set -e
docker build -t site-sdk -f Dockerfile.build .
mkdir -p out
docker create --name site-job --mount type=bind,source="$PWD/out",target=/artifacts site-sdk
docker start -a site-job
docker rm site-job
docker build -t site .
