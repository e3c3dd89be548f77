#!/bin/sh
set -e
docker build -t web:build -f Dockerfile.build .
docker create --name web-x web:build
docker cp web-x:/out/www ./www
docker rm web-x
mkdir -p staging
cp -a www/. staging/
docker build -t web .
rm -rf www staging
