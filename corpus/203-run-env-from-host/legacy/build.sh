#!/bin/sh
set -e
VERSION=${VERSION:-1.4.2}
export VERSION
docker build -t stamp:build -f Dockerfile.build .
docker run --name stamp -e VERSION -e "CHANNEL=stable-$VERSION" stamp:build sh -c 'echo "$VERSION $CHANNEL" > /build/version.txt'
docker cp stamp:/build/version.txt .
docker rm stamp
docker build -t stamp:latest .
