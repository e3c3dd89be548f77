#!/bin/sh
set -e
docker build -t app:build -f Dockerfile.build .
docker run --name app-x app:build npm run build
docker cp app-x:/out/app ./app
docker rm app-x
docker build -t app .
