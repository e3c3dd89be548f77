#!/bin/sh
set -e
# Dockerfile.compile compiles; Dockerfile.build builds the image we ship.
docker build -f Dockerfile.build -t shipit .
