#!/bin/sh
set -e
docker build -t calc3-sdk -f Dockerfile.build .
docker run --rm -v "$PWD/src:/src:z" -w /src calc3-sdk sh Makefile.sh
docker build -t calc3 .
rm -rf src/build
