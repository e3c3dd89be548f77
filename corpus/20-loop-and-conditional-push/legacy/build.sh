#!/bin/bash
set -e
docker build -t tools:build -f Dockerfile.build .
docker create --name tools-x tools:build
for tool in fmt lint; do
  docker cp "tools-x:/out/$tool" "./$tool"
done
docker rm tools-x
docker build -t tools:latest .
if [ "${PUSH:-no}" = "yes" ]; then
  docker push tools:latest
fi
