#!/bin/sh
# public/ is git-ignored; /site is a directory (mkdir), so docker cp makes public/ its copy
set -e
docker build -t tydir:build -f Dockerfile.build .
docker create --name tydir-x tydir:build
docker cp tydir-x:/site public/
docker rm tydir-x
docker build -t tydir .
