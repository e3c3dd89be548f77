#!/bin/sh
set -e
docker build -t tarball:build -f Dockerfile.build .
docker create --name tb tarball:build
docker cp tb:/out/app.tar.gz ./app.tar.gz
docker rm tb
docker build -t tarball .
