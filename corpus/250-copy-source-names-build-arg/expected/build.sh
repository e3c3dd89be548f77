#!/bin/sh
# the runtime names the artifacts through build args: ARCH given, FLAVOR by its default
set -e
docker build --build-arg ARCH=amd64 -t svarg .
