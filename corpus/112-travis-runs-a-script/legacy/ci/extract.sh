#!/bin/sh
# Builds the builder image and copies its output to $1.
set -e
docker build -t versioner:build -f Dockerfile.build .
docker create --name versioner-x versioner:build
mkdir -p "$1"
docker cp versioner-x:/out/version "$1/version"
docker rm versioner-x
