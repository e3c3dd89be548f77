#!/bin/sh
set -e
docker build -t ui:build -f Dockerfile.build .
docker create --name ui-x ui:build
docker cp ui-x:/build/dist ./dist
docker rm ui-x
mkdir -p staging
cp -r dist/. staging/
docker build -t ui .
rm -rf dist staging
