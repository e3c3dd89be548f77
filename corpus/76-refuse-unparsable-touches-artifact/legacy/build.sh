#!/bin/bash
set -e
shopt -s extglob
docker build -t lib:build -f Dockerfile.build .
docker create --name lib-x lib:build
docker cp lib-x:/out/. ./dist
docker rm lib-x
# keep only the shared objects
rm -f dist/!(*.so)
docker build -t lib .
