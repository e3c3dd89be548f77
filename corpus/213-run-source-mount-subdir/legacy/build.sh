#!/bin/sh
set -e
docker build -t calc-sdk -f Dockerfile.build .
docker run --rm -v "$PWD/src:/src:z" -w /src calc-sdk sh Makefile.sh
docker build -t calc .
rm -rf src/build
