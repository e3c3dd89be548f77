#!/bin/sh
set -e
docker build -t site:build -f Dockerfile.build .
docker create --name site-build site:build
docker cp site-build:/gen/search-index.json ./site/search-index.json
docker rm site-build
docker build -t site:latest .
rm site/search-index.json
