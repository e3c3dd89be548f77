#!/bin/sh
set -e
docker build -t chk:build -f Dockerfile.build .
docker create --name chk-x chk:build
mkdir -p out
docker cp chk-x:/out/app out/app
docker rm chk-x
test -d out
[ -f out/app ] || exit 1
docker build -t chk .
rm -rf out
