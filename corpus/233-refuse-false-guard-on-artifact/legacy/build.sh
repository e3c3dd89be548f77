#!/bin/sh
set -e
docker build -t fls:build -f Dockerfile.build .
docker create --name fls-x fls:build
mkdir -p out
docker cp fls-x:/out/app out/app
docker rm fls-x
if [ ! -e out/app ]; then
  echo "no app was built" >&2
  exit 1
else
  echo "built out/app"
fi
docker build -t fls .
