#!/bin/sh
set -e
docker build -t app-sdk -f Dockerfile.build .
docker create --name sdk app-sdk
mkdir -p "${OUT_DIR:-build}"
docker cp sdk:/src/app "${OUT_DIR:-build}/app"
