#!/bin/sh
set -e
VERSION=${VERSION:-1.4.2}
export VERSION
docker build --build-arg VERSION --build-arg "CHANNEL=stable-$VERSION" -t stamp:latest .
