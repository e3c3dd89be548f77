#!/bin/sh
set -e
docker build -t ver-sdk -f Dockerfile.build .
mkdir -p out
git describe --always > out/VERSION 2>/dev/null || echo dev > out/VERSION
docker run --rm -v "$PWD/out:/host-out" ver-sdk sh -c 'cp /out/tool /host-out/tool-$(cat /host-out/VERSION)'
docker build -t ver .
