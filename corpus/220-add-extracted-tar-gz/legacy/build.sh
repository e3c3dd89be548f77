#!/bin/sh
set -e
docker build -t pkgball:build -f Dockerfile.build .
docker create --name pkgball-x pkgball:build
docker cp pkgball-x:/out/app.tar.gz ./app.tar.gz
docker rm pkgball-x
docker build -t pkgball .
rm app.tar.gz
