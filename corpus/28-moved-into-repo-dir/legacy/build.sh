#!/bin/sh
set -e
docker build -t app:build -f Dockerfile.build .
docker create --name app-x app:build
docker cp app-x:/out/app ./app && mv app bin/
docker rm app-x
docker build -t app .
rm bin/app
