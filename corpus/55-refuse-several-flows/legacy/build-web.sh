#!/bin/sh
docker build -t two:build -f Dockerfile.build .
docker create --name two-x two:build
docker cp two-x:/out/app ./app
docker rm two-x
docker build -t two .
