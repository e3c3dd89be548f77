#!/bin/sh
set -e
docker build -t app:build -f Dockerfile.build .
docker run -t --name app-x app:build sh -c "mkdir /out && echo hi > /out/app"
docker cp app-x:/out/app ./app
docker rm app-x
docker build -t app .
