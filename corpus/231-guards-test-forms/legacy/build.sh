#!/bin/bash
set -e
[ -d out ] || mkdir out
if [[ -x out/server && -f out/server.version ]]; then
  echo "reusing out/server"
else
  docker build -t grd:build -f Dockerfile.build .
  docker create --name grd-x grd:build
  docker cp grd-x:/src/server out/server
  docker cp grd-x:/src/server.version out/server.version
  docker rm grd-x
fi
if [ ! -e out/server ]; then
  echo "no server was built" >&2
  exit 1
fi
test -d out && docker build -t grd:latest .
