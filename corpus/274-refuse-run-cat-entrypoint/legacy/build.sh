#!/bin/sh
set -e
docker build -t ep-sdk -f Dockerfile.build .
docker run --rm ep-sdk cat /out/tool > tool
docker build -t ep .
