#!/bin/sh
set -e
docker build -t cat:build -f Dockerfile.build .
docker run --rm cat:build cat /out/app > app
chmod +x app
docker build -t cat .
