#!/bin/sh
set -e
if [ ! -f app ]; then
  docker build -t cond:build -f Dockerfile.build .
  docker create --name cond-x cond:build
  docker cp cond-x:/out/app ./app
  docker rm cond-x
fi
docker build -t cond .
