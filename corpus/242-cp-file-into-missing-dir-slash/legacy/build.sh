#!/bin/sh
# bin/ is git-ignored: `docker cp … bin/` needs it there, and /src/hello is a file (gcc -o)
set -e
docker build -t tyfile:build -f Dockerfile.build .
docker create --name tyfile-x tyfile:build
docker cp tyfile-x:/src/hello bin/
docker rm tyfile-x
docker build -t tyfile .
