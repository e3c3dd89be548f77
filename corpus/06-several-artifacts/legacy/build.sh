#!/bin/sh
set -e
docker build -t multi:build -f Dockerfile.build .
docker create --name multi-x multi:build
docker cp multi-x:/build/bin/api ./api
docker cp multi-x:/build/bin/worker ./worker
docker cp multi-x:/build/conf ./conf
docker rm multi-x
docker build -t multi:latest .
rm -rf api worker conf
