#!/bin/sh
set -e
docker build -t vol-sdk -f Dockerfile.build .
docker run --rm -v build-cache:/root/.cache -v "$PWD/out:/host-out" vol-sdk cp /out/tool /host-out/tool
docker build -t vol .
