#!/bin/sh
set -e
docker build --build-arg MODE=debug -t args:build -f Dockerfile.build .
docker create --name args-x args:build
docker cp args-x:/out/app ./app
docker rm args-x
docker build -t args .
