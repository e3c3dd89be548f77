#!/bin/bash
set -e
docker build -t brk:build -f Dockerfile.build .
docker create --name brk-x brk:build
if [[ -z "${SKIP_EXTRACT:-}" ]]; then
  docker cp brk-x:/out/app ./app
fi
docker rm brk-x
docker build -t brk .
