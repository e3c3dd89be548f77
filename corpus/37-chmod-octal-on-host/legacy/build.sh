#!/bin/sh
set -e
docker build -t tool:build -f Dockerfile.build .
docker create --name tool-x tool:build
docker cp tool-x:/out/tool ./tool
docker rm tool-x
chmod 755 tool
docker build -t tool .
rm tool
