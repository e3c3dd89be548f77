#!/bin/sh
set -e
rm -f build.cid
docker build -t cid:build -f Dockerfile.build .
docker create --cidfile build.cid cid:build
docker cp "$(cat build.cid)":/opt/app/run.sh ./run.sh
docker rm "$(cat build.cid)"
rm -f build.cid
docker build -t cid:latest .
