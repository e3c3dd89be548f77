#!/bin/sh
set -e
docker build -t hello-c:build -f Dockerfile.build .
docker create --name hello-c-x hello-c:build
mkdir -p out
docker cp hello-c-x:/src/hello out/hello
docker rm hello-c-x
strip --strip-unneeded out/hello
docker build -t hello-c .
rm -rf out
