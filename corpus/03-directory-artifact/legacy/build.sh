#!/usr/bin/env bash
set -euo pipefail

docker build -t web:build -f Dockerfile.build .
docker create --name web-extract web:build
docker cp web-extract:/work/dist ./dist
docker rm web-extract

docker build -t web:latest .
rm -rf ./dist
