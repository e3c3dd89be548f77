#!/bin/sh
set -e
docker build -t greet-sdk -f Dockerfile.build .
# the SDK image writes the program into ./dist through a bind mount
docker run --rm -v "$(pwd)/dist:/dist" greet-sdk sh build-tool.sh /dist
docker build -t greet .
rm -rf dist
