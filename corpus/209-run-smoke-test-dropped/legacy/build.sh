#!/bin/sh
set -e
docker build -t app:build -f Dockerfile.build .
docker run --rm app:build /out/app --version
docker create --name app-x app:build
docker cp app-x:/out/app ./app
docker rm app-x
docker build -t app .
