#!/bin/sh
set -e
docker build -t dind-sdk -f Dockerfile.build .
# the builder drives the engine itself
docker run --rm -v /var/run/docker.sock:/var/run/docker.sock -v "$PWD/out:/host-out" dind-sdk cp /out/tool /host-out/tool
docker build -t dind .
