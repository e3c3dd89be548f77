#!/bin/sh
set -e
docker build -t vol:build -f Dockerfile.build .
docker run --rm -v "$PWD":/host vol:build cp /out/app /host/app
docker build -t vol .
