#!/bin/bash
set -e
VERSION=${VERSION:-1.4.2}

docker build --build-arg VERSION="$VERSION" -t tool:build -f Dockerfile.build .
docker create --name tool-extract tool:build
docker cp tool-extract:/out/tool ./tool
docker rm -f tool-extract
docker build -t tool:"$VERSION" .
