#!/bin/sh
set -e
docker build -t tty-sdk -f Dockerfile.build .
docker run --rm -t tty-sdk cat /out/tool > tool
docker build -t tty .
