#!/bin/sh
set -e
docker build -t reg.example.com/app:build -f Dockerfile.build .
docker create --name push-x reg.example.com/app:build
docker cp push-x:/out/app ./app
docker rm push-x
docker build -t reg.example.com/app:latest .
docker push reg.example.com/app:build
docker push reg.example.com/app:latest
