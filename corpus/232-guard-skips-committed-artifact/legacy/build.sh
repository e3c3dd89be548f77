#!/bin/sh
# The tool is committed prebuilt; the builder only runs when it is missing.
set -e
if [ ! -f bin/tool ]; then
  docker build -t cmt:build -f Dockerfile.build .
  docker create --name cmt-x cmt:build
  docker cp cmt-x:/out/tool bin/tool
  docker rm cmt-x
fi
docker build -t cmt .
