#!/bin/sh
set -e
docker build --target package -t lib:build -f Dockerfile.build .
docker container create --name lib-out lib:build
docker container cp lib-out:/pkg/libdemo.so ./libdemo.so
docker container rm lib-out
docker build -t lib:latest .
rm libdemo.so
