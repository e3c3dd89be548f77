#!/bin/sh
set -e
docker build -t calc2-sdk -f Dockerfile.build .
docker run --rm -v "$PWD/src:/src:z" -w /src calc2-sdk sh Makefile.sh
docker build -t calc2 .
rm -rf src/build
